'use strict';
// When the native timer service pays: concurrent timers in three shapes (timers/shapes.js),
// each (shape, count, library) in its own process, median of TIMER_RUNS (default 3).
// Libraries: ferrobird on the host's setTimeout (the default), ferrobird with
// `nativeTimers: true`, bluebird 3.7.2 and native (timers/promises, or setTimeout for the
// timeout shape). Part of `npm run bench`; `node benches/timers.js` alone.
const { execFileSync } = require('child_process');
const path = require('path');
const shapes = require('./timers/shapes');
const median = require('./lib/median');

const RUNS = Number(process.env.TIMER_RUNS || 3);
const LIBRARIES = ['ferrobird', 'ferrobird-native', 'bluebird', 'native'];
const CASES = [
  ['spread', 1e5],
  ['spread', 1e6],
  ['same', 1e5],
  ['same', 1e6],
  ['timeout-cleared', 1e5],
];

function measure(shape, count, library) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'timers', 'worker.js'), shape, String(count), library], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    samples.push(JSON.parse(out));
  }
  return {
    overheadMs: median(samples.map((s) => s.overheadMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    mb: median(samples.map((s) => s.mb)),
  };
}

const fmt = (n) => n.toFixed(0);
const ratio = (a, b) => (a / b).toFixed(2) + 'x';
const lines = [
  '',
  `Timers: wall time beyond the longest delay / CPU time of all threads, in ms, median of ${RUNS} runs`,
  '(fb = ferrobird on setTimeout, fb-native = ferrobird with nativeTimers: true)',
  '',
  '| shape | timers | fb | fb-native | bluebird | native | fb-native / fb (wall, cpu) | peak MB (fb / fb-native / bb / native) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const [shape, count] of CASES) {
  const r = {};
  for (const library of LIBRARIES) r[library] = measure(shape, count, library);
  const cell = (m) => `${fmt(m.overheadMs)} / ${fmt(m.cpuMs)}`;
  lines.push(
    `| ${shapes[shape].description} | ${count.toExponential().replace('+', '')} | ${cell(r.ferrobird)} | ${cell(r['ferrobird-native'])} | ` +
      `${cell(r.bluebird)} | ${cell(r.native)} | ` +
      `${ratio(r['ferrobird-native'].overheadMs, r.ferrobird.overheadMs)}, ${ratio(r['ferrobird-native'].cpuMs, r.ferrobird.cpuMs)} | ` +
      `${LIBRARIES.map((l) => fmt(r[l].mb)).join(' / ')} |`
  );
  process.stderr.write(`measured timers ${shape} ${count}\n`);
}
console.log(lines.join('\n'));
