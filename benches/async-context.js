'use strict';
// `node benches/async-context.js`: what keeping each handler's AsyncLocalStorage context
// costs (README: AsyncLocalStorage). ferrobird with it (the default where Node has async
// context frames), without it (FERROBIRD_ASYNC_CONTEXT=0), and native promises, outside any store
// and inside one, RUNS rounds taking turns (default 5), medians. NODE=path runs the workers
// on another Node binary.
const { execFileSync } = require('child_process');
const path = require('path');
const median = require('./lib/median');
const samplesInTurns = require('./lib/in-turns');

const RUNS = Number(process.env.RUNS || 5);
const NODE = process.env.NODE || process.execPath;
const WORKLOADS = process.argv.slice(2).length ? process.argv.slice(2) : ['then-chain', 'doxbee-sequential', 'resolve-then'];
const LIBRARIES = ['ferrobird', 'ferrobird-no-async-context', 'native'];

function sample(workload, library, inStore) {
  const out = execFileSync(NODE, ['--expose-gc', path.join(__dirname, 'worker.js'), workload, library], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_IN_STORE: inStore ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out).ms;
}

const version = execFileSync(NODE, ['-p', 'process.version + " " + (require(' + JSON.stringify(path.join(__dirname, '..', 'lib', 'async-context')) + ') !== null)'], { encoding: 'utf8' }).trim().split(' ');
const fmt = (n) => n.toFixed(0);
const lines = [
  `AsyncLocalStorage cost, node ${version[0]} (frames ${version[1] === 'true' ? 'on by default' : 'not available: asyncContext is off'}), median of ${RUNS} runs, ms`,
  '',
  '| workload | store | ferrobird | FERROBIRD_ASYNC_CONTEXT=0 | native | cost |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
];
for (const workload of WORKLOADS) {
  const description = require(`./workloads/${workload}`).description;
  for (const inStore of [false, true]) {
    const samples = samplesInTurns(LIBRARIES.length, RUNS, (i) => sample(workload, LIBRARIES[i], inStore));
    const [on, off, native] = samples.map(median);
    lines.push(`| ${description} | ${inStore ? 'inside one' : 'none'} | ${fmt(on)} | ${fmt(off)} | ${fmt(native)} | ${((on / off - 1) * 100).toFixed(1)}% |`);
    process.stderr.write(`measured ${workload}${inStore ? ' in a store' : ''}\n`);
  }
}
console.log(lines.join('\n'));
