'use strict';
// Bytes per pending promise (issue #4): 1e6 pending promises, each with one handler and its
// resolve function kept (as code that will settle it does), measured on a collected heap.
// For ferrobird the engine's Rust heap (nodes, jobs) is added to the V8 heap. Two moments:
// just after creation, and once the promises have stayed pending past the root sweep
// (lib/core.js registers long-pending roots with a FinalizationRegistry). Each library in
// its own process, median of MEMORY_RUNS (default 3). Part of `npm run bench`.
const { execFileSync } = require('child_process');
const path = require('path');
const v8 = require('v8');
const median = require('./lib/median');

const COUNT = 1e6;
const RUNS = Number(process.env.MEMORY_RUNS || 3);
const LIBRARIES = ['ferrobird', 'bluebird', 'native'];

function load(library) {
  if (library === 'native') return { P: Promise, engineBytes: () => 0 };
  if (library === 'bluebird') return { P: require('bluebird'), engineBytes: () => 0 };
  const P = require(path.join(__dirname, '..'));
  const engine = require(path.join(__dirname, '..', 'lib', 'engine'));
  return { P, engineBytes: () => engine.stats()[3] };
}

function heapBytes() {
  global.gc();
  global.gc();
  return v8.getHeapStatistics().used_heap_size;
}

async function measureHere(library) {
  const { P, engineBytes } = load(library);
  const handler = () => {};
  // The arrays that hold the promises and resolvers are allocated before the baseline, so
  // only the promises are counted.
  const promises = new Array(COUNT).fill(undefined);
  const resolvers = new Array(COUNT).fill(undefined);
  const before = heapBytes() + engineBytes();
  for (let i = 0; i < COUNT; i++) {
    promises[i] = new P((resolve) => { resolvers[i] = resolve; }).then(handler);
  }
  const created = heapBytes() + engineBytes();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const swept = heapBytes() + engineBytes();
  for (let i = 0; i < COUNT; i++) resolvers[i]();
  await promises[COUNT - 1];
  return { created: (created - before) / COUNT, swept: (swept - before) / COUNT };
}

if (process.argv[2] === '--run') {
  measureHere(process.argv[3]).then((result) => process.stdout.write(JSON.stringify(result)));
} else {
  const results = {};
  for (const library of LIBRARIES) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--run', library], { encoding: 'utf8' });
      samples.push(JSON.parse(out));
    }
    results[library] = { created: median(samples.map((s) => s.created)), swept: median(samples.map((s) => s.swept)) };
  }
  const f = results.ferrobird;
  const b = results.bluebird;
  const n = results.native;
  const ratio = (a, c) => (a / c).toFixed(2) + 'x';
  console.log([
    '',
    `Bytes per pending promise with one handler (1e6, V8 heap + engine heap), median of ${RUNS} runs`,
    '',
    '| moment | ferrobird | bluebird | native | vs bluebird | vs native |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| just created | ${f.created.toFixed(0)} | ${b.created.toFixed(0)} | ${n.created.toFixed(0)} | ${ratio(f.created, b.created)} | ${ratio(f.created, n.created)} |`,
    `| pending 300 ms (after the root sweep) | ${f.swept.toFixed(0)} | ${b.swept.toFixed(0)} | ${n.swept.toFixed(0)} | ${ratio(f.swept, b.swept)} | ${ratio(f.swept, n.swept)} |`,
  ].join('\n'));
}
