'use strict';
// Nothing unreachable stays alive: live engine nodes return to their baseline once the GC has
// collected the promises (run with node --expose-gc).

const test = require('node:test');
const assert = require('node:assert');
const P = require('..');
const { liveNodes, turn, collectUntil } = require('./helpers/collect');

const noop = () => {};

test('the GC test needs --expose-gc', () => {
  assert.strictEqual(typeof global.gc, 'function', 'run node with --expose-gc');
});

test('1e6 settled promises leave no engine node behind', async () => {
  const baseline = liveNodes();
  let sum = 0;
  const add = (v) => { sum += v; };
  for (let i = 0; i < 250000; i++) {
    P.resolve(i).then(add);
    new P((resolve) => resolve(i)).then(add);
    const { promise, resolve } = P.withResolvers();
    promise.then(add);
    resolve(i);
    P.reject(i).catch(add);
  }
  assert.ok(liveNodes() > baseline, 'pending reactions hold nodes before the jobs run');
  await turn();
  assert.strictEqual(sum, 4 * (249999 * 250000) / 2);
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

test('1e5 abandoned pending promises with handlers are released once collected', async () => {
  const baseline = liveNodes();
  (function abandon() {
    for (let i = 0; i < 100000; i++) {
      const p = new P(noop);
      p.then(noop);
      p.then(noop).then(noop);
    }
  })();
  assert.strictEqual(liveNodes() - baseline, 400000, 'each abandoned promise and its three children hold a node');
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

test('abandoned promises that adopt each other and unhandled rejections are released', async () => {
  const baseline = liveNodes();
  (function abandon() {
    for (let i = 0; i < 10000; i++) {
      const p = new P(noop);
      const q = new P((resolve) => resolve(p));
      q.then(noop);
      P.reject(new Error('unhandled ' + i)).then(noop).catch(noop);
    }
  })();
  await turn();
  assert.ok(liveNodes() > baseline);
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

test('a pending promise whose resolver is still held keeps its node and still settles', async () => {
  let resolveLater;
  const seen = [];
  (function hold() {
    const p = new P((resolve) => { resolveLater = resolve; });
    p.then((v) => seen.push(v));
  })();
  await collectUntil(() => false, 5);
  resolveLater('still alive');
  await turn();
  assert.deepStrictEqual(seen, ['still alive']);
});

test('a promise that waits on a collected one stays pending, and then() on it is harmless', async () => {
  const baseline = liveNodes();
  let child;
  (function make() {
    const root = new P(noop);
    child = root.then(() => 'never');
  })();
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
  let ran = false;
  const grandchild = child.then(() => { ran = true; });
  assert.ok(grandchild instanceof P);
  await turn();
  assert.strictEqual(ran, false);
  assert.strictEqual(liveNodes(), baseline);
});
