'use strict';
// `npm run bench`: every (workload, library) pair in its own child process, RUNS times, the
// libraries taking turns; the table shows the median time, the median peak RSS, and the
// ratios of ferrobird in each timing (ES, the default; Bluebird's) to bluebird and native,
// all from this one run. A second table runs doxbee-sequential and madeup-parallel on the Q
// and RSVP flavours against q 1.5.1 and rsvp 4.8.5 (FLAVOUR_RUNS times, default 3: q alone
// takes ~25 s a run on madeup-parallel). A third runs ferrobird/es against native on the
// workloads written against the standard API alone.
//   node benches/run.js [workload ...]   (default: all)   RUNS=n to change the repeat count
//   NODE=/path/to/node                   runs the workers on that Node binary
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const median = require('./lib/median');
const samplesInTurns = require('./lib/in-turns');

const RUNS = Number(process.env.RUNS || 5);
const FLAVOUR_RUNS = Number(process.env.FLAVOUR_RUNS || Math.min(RUNS, 3));
const NODE = process.env.NODE || process.execPath;
const LIBRARIES = ['ferrobird-es-timing', 'ferrobird', 'bluebird', 'native'];
const FLAVOURS = [['ferrobird/q', 'q'], ['ferrobird/rsvp', 'rsvp']];
const FLAVOUR_WORKLOADS = ['doxbee-sequential', 'madeup-parallel'];
// ferrobird/es against native: the workloads that use the standard API alone.
const ES_WORKLOADS = ['then-chain', 'resolve-then', 'new-promise', 'async-await'];
const all = fs.readdirSync(path.join(__dirname, 'workloads')).map((f) => f.replace(/\.js$/, ''));
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;

function sample(workload, library) {
  const out = execFileSync(NODE, ['--expose-gc', path.join(__dirname, 'worker.js'), workload, library], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out);
}

// The libraries in turn (lib/in-turns.js), `runs` rounds: medians by library.
function measure(workload, libraries, runs = RUNS) {
  const samples = samplesInTurns(libraries.length, runs, (i) => sample(workload, libraries[i]));
  const results = {};
  libraries.forEach((library, i) => {
    results[library] = { ms: median(samples[i].map((s) => s.ms)), mb: median(samples[i].map((s) => s.mb)) };
  });
  return results;
}

const rows = [];
for (const workload of chosen) {
  const description = require(`./workloads/${workload}`).description;
  const results = measure(workload, LIBRARIES);
  rows.push({ description, results });
  process.stderr.write(`measured ${workload}\n`);
}

const fmt = (n) => n.toFixed(n < 10 ? 1 : 0);
const ratio = (a, b) => (a / b).toFixed(2) + 'x';
const nodeVersion = NODE === process.execPath ? process.version : execFileSync(NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
const lines = [
  `ferrobird benchmarks, ${new Date().toISOString().slice(0, 10)}, node ${nodeVersion}, ` +
    `${os.cpus().length} x ${os.cpus()[0].model.trim()}, median of ${RUNS} runs; BB: ferrobird's default (Bluebird's timing), ` +
    "ES: `scheduling: 'es'`",
  '',
  '| workload | ES ms | BB ms | bluebird ms | native ms | ES vs bluebird | ES vs native | BB vs bluebird | BB vs native | peak MB (ES / BB / bluebird / native) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const { description, results } of rows) {
  const { 'ferrobird-es-timing': f, ferrobird: t, bluebird: b, native: n } = results;
  lines.push(
    `| ${description} | ${fmt(f.ms)} | ${fmt(t.ms)} | ${fmt(b.ms)} | ${fmt(n.ms)} | ${ratio(f.ms, b.ms)} | ${ratio(f.ms, n.ms)} | ` +
      `${ratio(t.ms, b.ms)} | ${ratio(t.ms, n.ms)} | ${fmt(f.mb)} / ${fmt(t.mb)} / ${fmt(b.mb)} / ${fmt(n.mb)} |`
  );
}

const flavourWorkloads = FLAVOUR_WORKLOADS.filter((w) => chosen.includes(w));
if (flavourWorkloads.length > 0) {
  lines.push(
    '',
    `Q and RSVP flavours against their originals, median of ${FLAVOUR_RUNS} runs (ratio = flavour / original)`,
    '',
    '| workload | ferrobird/q ms | q ms | vs q | ferrobird/rsvp ms | rsvp ms | vs rsvp | peak MB (fb/q / q / fb/rsvp / rsvp) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  );
  for (const workload of flavourWorkloads) {
    const description = require(`./workloads/${workload}`).description;
    const cells = [];
    const mbs = [];
    for (const [ours, original] of FLAVOURS) {
      const { [ours]: a, [original]: b } = measure(workload, [ours, original], FLAVOUR_RUNS);
      cells.push(fmt(a.ms), fmt(b.ms), ratio(a.ms, b.ms));
      mbs.push(fmt(a.mb), fmt(b.mb));
    }
    lines.push(`| ${description} | ${cells.join(' | ')} | ${mbs.join(' / ')} |`);
    process.stderr.write(`measured ${workload} on the flavours\n`);
  }
}
const esWorkloads = ES_WORKLOADS.filter((w) => chosen.includes(w));
if (esWorkloads.length > 0) {
  lines.push(
    '',
    `ferrobird/es against native Promise, median of ${RUNS} runs`,
    '',
    '| workload | ferrobird/es ms | native ms | vs native | peak MB (ferrobird/es / native) |',
    '| --- | ---: | ---: | ---: | ---: |'
  );
  for (const workload of esWorkloads) {
    const description = require(`./workloads/${workload}`).description;
    const { 'ferrobird/es': e, native: n } = measure(workload, ['ferrobird/es', 'native']);
    lines.push(`| ${description} | ${fmt(e.ms)} | ${fmt(n.ms)} | ${ratio(e.ms, n.ms)} | ${fmt(e.mb)} / ${fmt(n.mb)} |`);
    process.stderr.write(`measured ${workload} on ferrobird/es\n`);
  }
}
console.log(lines.join('\n'));
