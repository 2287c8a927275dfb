'use strict';
// Threads and teardown: ferrobird in several worker_threads at once (one engine each), a
// worker terminated with pending promises and timers, and a process whose exit ferrobird
// does not hold up. Exit codes under each --unhandled-rejections mode are compared with
// native in unhandled.test.js.

const test = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// A workload with every kind of engine traffic: a long chain, Promise.all over timers, a
// rejection handled late (reported first, hence the listener), adoption of native promises,
// and pending promises left behind.
const WORKLOAD = `
const P = require(${JSON.stringify(root)});
process.on('unhandledRejection', () => {});
// (Without a listener, Node warns of native's late handler on stderr, and bluebird does not.)
process.on('rejectionHandled', () => {});
async function workload(seed) {
  let chain = P.resolve(seed);
  for (let i = 0; i < 20000; i++) chain = chain.then((v) => v + 1);
  const sum = await chain;
  const delayed = await P.all([1, 2, 3].map((n) => P.delay(n, n * seed)));
  const late = P.reject(new Error('late'));
  await new P((resolve) => setTimeout(resolve, 5));
  const reason = await late.catch((e) => e.message);
  const adopted = await P.resolve(Promise.resolve(seed)).then((v) => Promise.resolve(v * 2));
  // Two reactions each: a promise with one alone holds no node (a lone reaction).
  for (let i = 0; i < 1000; i++) { const p = new P(() => {}); p.then(() => {}); p.then(() => {}); }
  return [sum, delayed, reason, adopted];
}
`;

const expected = (seed) => [seed + 20000, [seed, 2 * seed, 3 * seed], 'late', seed * 2];

function startWorker(source, workerData) {
  return new Worker(source, { eval: true, workerData });
}

test('four worker threads run ferrobird at once, each with its own engine', async () => {
  const source = `${WORKLOAD}
const { parentPort, workerData } = require('worker_threads');
const engine = require(${JSON.stringify(path.join(root, 'lib', 'engine'))});
workload(workerData).then((result) => parentPort.postMessage({ result, nodes: engine.stats()[0] }));`;
  const workers = [1, 2, 3, 4].map((seed) => startWorker(source, seed));
  const messages = await Promise.all(workers.map((worker) => new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  assert.deepStrictEqual(messages.map((m) => m.result), [1, 2, 3, 4].map(expected));
  // Each engine holds only its own 1000 abandoned pending promises and their children.
  for (const { nodes } of messages) assert.strictEqual(nodes, 3000);
  await Promise.all(workers.map((worker) => worker.terminate()));
});

test('a worker terminated with pending promises, timers and queued jobs neither crashes nor hangs', async () => {
  const source = `
const P = require(${JSON.stringify(root)});
const { parentPort } = require('worker_threads');
P.delay(60000).then(() => {});
setInterval(() => P.resolve(1).then(() => {}), 1);
for (let i = 0; i < 100000; i++) P.resolve(i).then((v) => v);
let chain = new P(() => {});
for (let i = 0; i < 1000; i++) chain = chain.then(() => {});
parentPort.postMessage('busy');`;
  for (let round = 0; round < 3; round++) {
    const worker = startWorker(source);
    await new Promise((resolve) => worker.once('message', resolve));
    const code = await worker.terminate();
    assert.strictEqual(code, 1, 'terminate() ends the worker with exit code 1');
  }
  // The main thread's own engine still works after its workers' engines are gone.
  const P = require('..');
  assert.strictEqual(await P.resolve(20).then((v) => v + 1), 21);
});

test('ferrobird leaves no handle that would keep the process alive, as native leaves none', () => {
  const script = (lib) => `${WORKLOAD.replace(`require(${JSON.stringify(root)})`, lib)}
workload(1).then((result) => {
  setImmediate(() => {
    const handles = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    process.stdout.write(JSON.stringify({ result, handles }));
  });
});`;
  const run = (lib) => {
    const child = spawnSync(process.execPath, ['-e', script(lib)], { cwd: root, encoding: 'utf8', timeout: 60000 });
    assert.strictEqual(child.status, 0, `exit ${child.status} ${child.signal || ''}\n${child.stderr}`);
    return JSON.parse(child.stdout);
  };
  const ours = run(`require(${JSON.stringify(root)})`);
  assert.deepStrictEqual(ours.result, expected(1));
  // Native has no Promise.delay; a plain delay stands in for it.
  const native = run(`Object.assign(class extends Promise {}, { delay: (ms, v) => new Promise((r) => setTimeout(r, ms, v)) })`);
  assert.deepStrictEqual(native.result, expected(1));
  assert.deepStrictEqual(ours.handles, native.handles);
});
