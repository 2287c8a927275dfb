'use strict';
// The memory suite (run with --expose-gc): each workload runs three times; after each run
// and a collection, live engine nodes must be back at the baseline, and the JS heap within 5%
// of it. The baseline is taken after a first run, so that what a run legitimately leaves
// grown (the `targets` table, JIT code, inline caches) is in it, and what grows run after run
// is not.

const test = require('node:test');
const assert = require('node:assert');
const P = require('..');
const { liveNodes, turn, collectUntil } = require('./helpers/collect');

const noop = () => {};

// Collects until the live node count is `nodes` (or, for the first run, has not changed for
// five rounds), and at least 250 ms have passed: a root waits up to two sweep periods
// (100 ms) before it is registered. Gives up after 200 rounds.
async function collect(nodes) {
  const started = Date.now();
  let last = -1;
  let stable = 0;
  await collectUntil(() => {
    const live = liveNodes();
    stable = live === last ? stable + 1 : 0;
    last = live;
    return Date.now() - started > 250 && (nodes === undefined ? stable >= 5 : live === nodes);
  }, 200, 10);
  global.gc();
}

// The heap may step up once while the tables indexed by engine node id (root registrations,
// element indexes) grow to the peak of ids in use, which depends on how soon the GC hands
// ids back (on Node 26, and on any Node under load, ~6 MB for 1e6 abandoned promises, then
// flat). So the baseline is taken after two runs, and a later run may exceed it by 5% of the
// larger of the baseline and the first run after it: a leak grows with every run, and the
// last of three fails it.
async function steady(workload) {
  await workload();
  await collect();
  await workload();
  await collect();
  const nodes = liveNodes();
  const heap = process.memoryUsage().heapUsed;
  const after = [];
  for (let run = 0; run < 3; run++) {
    await workload();
    await collect(nodes);
    after.push({ nodes: liveNodes(), heap: process.memoryUsage().heapUsed });
  }
  const limit = Math.max(heap, after[0].heap) * 1.05;
  for (const { nodes: n, heap: h } of after) {
    assert.strictEqual(n, nodes, `live engine nodes ${n}, baseline ${nodes}`);
    assert.ok(h <= limit, `heap ${(h / 1e6).toFixed(1)} MB, baseline ${(heap / 1e6).toFixed(1)} MB, first run after it ${(after[0].heap / 1e6).toFixed(1)} MB`);
  }
  assert.ok(after[2].heap <= heap * 1.25, `heap ${(after[2].heap / 1e6).toFixed(1)} MB after three runs, baseline ${(heap / 1e6).toFixed(1)} MB`);
}

test('the memory suite needs --expose-gc', () => {
  assert.strictEqual(typeof global.gc, 'function', 'run node with --expose-gc');
});

test('1e6 settled promises', () => steady(async () => {
  let sum = 0;
  const add = (v) => { sum += v; };
  for (let i = 0; i < 250000; i++) {
    P.resolve(i).then(add);
    new P((resolve) => resolve(i)).then(add).then(noop);
    P.reject(i).catch(add);
  }
  await turn();
  assert.strictEqual(sum, 3 * (249999 * 250000) / 2);
}));

test('1e6 abandoned pending promises with handlers, their objects and resolvers unreachable', () => steady(async () => {
  for (let batch = 0; batch < 10; batch++) {
    (function abandon() {
      for (let i = 0; i < 100000; i++) {
        const p = new P(noop);
        p.then(noop);
      }
    })();
    await turn();
  }
}));

test('rejected-and-handled chains of 10 links', () => steady(async () => {
  const ends = [];
  for (let i = 0; i < 20000; i++) {
    let chain = P.reject(new Error(`r${i}`));
    for (let link = 0; link < 9; link++) chain = chain.then(noop);
    ends.push(chain.catch((e) => e.message.length));
  }
  const lengths = await P.all(ends);
  assert.strictEqual(lengths.length, 20000);
}));

test('Promise.all over pending inputs that are abandoned', () => steady(async () => {
  (function abandon() {
    for (let i = 0; i < 1000; i++) {
      const inputs = [];
      for (let j = 0; j < 100; j++) inputs.push(new P(noop));
      P.all(inputs).then(noop, noop);
      P.race(inputs).then(noop);
    }
  })();
  await turn();
}));

// Cancellation is a per-process switch that cannot be turned off, so this test runs last.
test('cancelled chains', () => {
  P.config({ cancellation: true });
  return steady(async () => {
    let cancelled = 0;
    const all = [];
    for (let i = 0; i < 20000; i++) {
      const root = new P((resolve, reject, onCancel) => onCancel(() => { cancelled++; }));
      const tail = root.then(noop).then(noop).finally(noop);
      all.push(tail);
      tail.cancel();
    }
    await turn();
    assert.strictEqual(cancelled, 20000);
    assert.ok(all.every((p) => p.isCancelled()));
  });
});

// After a burst, the engine gives back the ids past its last live node, and the tables by id
// and the job queue shrink with it (engine.js: giving memory back). Promises that live
// through the compaction keep their nodes, and new ones reuse the freed ids.
test('memory taken by a burst of 1e6 pending promises is given back, and promises alive across it stay right', async () => {
  const engine = require('../lib/engine');
  const rustBytes = () => engine.stats()[3];
  // Made before the burst (low ids), settled after the compaction.
  const survivors = [0, 100000, 200000].map((i) => new P((resolve) => setTimeout(resolve, 1500, i)).then((v) => v));
  const resolvers = [];
  let calls = 0;
  const count = () => { calls++; };
  for (let i = 0; i < 300000; i++) {
    const p = new P((resolve) => resolvers.push(resolve));
    p.then(count);
    p.then(count);
  }
  const peak = rustBytes();
  for (const resolve of resolvers) resolve();
  resolvers.length = 0;
  await turn();
  assert.strictEqual(calls, 600000);
  // The compaction waits for a quiet period (~100 ms) after the burst.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const after = rustBytes();
  assert.ok(after < peak / 4, `engine heap ${after} bytes after the burst, ${peak} at its peak`);
  // Promises made before the compaction, settled after it, and new ones after it.
  const late = await P.all([...survivors, P.resolve('a'), new P((resolve) => setImmediate(resolve, 'b'))]);
  assert.deepStrictEqual(late, [0, 100000, 200000, 'a', 'b']);
});

// A promise loop (`function loop() { return next().then(loop); }`): each promise of the loop
// follows the next one, and Bluebird hands the followers' callbacks over to the end of the
// chain, so a loop that runs for ever holds no more than its last promise. In Bluebird's
// timing, the default, ferrobird does the same (core.js, handOverFollowers); the ES timing
// keeps ECMAScript's chain, as native promises do.
test('a promise loop holds no more memory after 2e5 turns than after 1e4, in the default timing', async () => {
  const { inChild } = require('./helpers/in-child');
  const path = require('node:path');
  const root = path.resolve(__dirname, '..');
  const { out } = inChild('P', root, `
let n = 0;
let early = 0;
let late = 0;
function heap() { global.gc(); return process.memoryUsage().heapUsed; }
function loop() {
  n++;
  if (n === 10000) early = heap();
  if (n === 200000) { late = heap(); return null; }
  return P.resolve(n).then(loop);
}
P.resolve().then(loop).then(() => out.push(Math.round((late - early) / 1e5) / 10));
`, ['--expose-gc'], { FERROBIRD_SCHEDULING: '' });
  assert.strictEqual(out.length, 1, JSON.stringify(out));
  assert.ok(out[0] < 5, `the loop's heap grew by ${out[0]} MB from turn 1e4 to 2e5`);
});
