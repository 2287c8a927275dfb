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

// The sweep lists move their last root into the slot of one that settles; a root lost in the
// move would never be registered, and its node would stay. Settling a shuffled half of them,
// across two sweep periods, must leave the other half collectable.
test('roots that settle in any order leave the rest to be swept and collected', async () => {
  const baseline = liveNodes();
  let seed = 7;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const sum = { value: 0 };
  // Made out here: a closure made inside settleHalf would hold its context, and with it the
  // resolvers (see the skipped test below).
  const add = (v) => { sum.value += v; };
  await (async function settleHalf() {
    const resolvers = [];
    for (let i = 0; i < 4000; i++) {
      const p = new P((resolve) => resolvers.push(resolve));
      // Two reactions: a root with one alone is a lone reaction, with no node to sweep.
      p.then(add);
      p.then(noop);
    }
    for (let i = resolvers.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [resolvers[i], resolvers[j]] = [resolvers[j], resolvers[i]];
    }
    for (let i = 0; i < 1000; i++) resolvers[i](1);
    await new Promise((resolve) => setTimeout(resolve, 60)); // the next sweep period
    for (let i = 1000; i < 2000; i++) resolvers[i](1);
  })();
  await turn();
  assert.strictEqual(sum.value, 2000);
  assert.strictEqual(liveNodes() - baseline, 3 * 2000, 'the unsettled half and their children hold nodes');
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

// Reactions hang on the promise they wait on, as with native promises: a handler (or a
// receiver, or an aggregate) that reaches its own parent's resolver makes a cycle the GC
// collects. (A table of targets by node id held them strongly, and such cycles stayed.)
test('a pending promise whose reactions reach its own resolver is collected', async () => {
  const baseline = liveNodes();
  (function abandon() {
    for (let i = 0; i < 1000; i++) {
      let resolveLater;
      const p = new P((resolve) => { resolveLater = resolve; });
      p.then(() => resolveLater);
      p.then(noop).then(() => resolveLater); // two deep (the child's own reaction is lone)
      p.bind({ resolveLater }).then(noop); // through a receiver
      P.all([p, new P(noop)]).then(() => resolveLater); // through Promise.all's aggregate
    }
  })();
  assert.ok(liveNodes() - baseline >= 5000, `${liveNodes() - baseline} nodes`);
  assert.ok(await collectUntil(() => liveNodes() === baseline, 50, 10), `live nodes ${liveNodes()}, baseline ${baseline}`);
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

// A promise that waits holds the one it waits on, so a pending root that nobody else can
// reach stays as long as a promise waiting on it is held; then() on that one is harmless, and
// once it goes too, so do both and their nodes.
test('a held promise keeps the pending one it waits on, and both go when it does', async () => {
  const baseline = liveNodes();
  const held = {};
  (function make() {
    const root = new P(noop);
    held.child = root.then(() => 'never');
    root.then(noop); // a second reaction: nodes, and a root to sweep
  })();
  await collectUntil(() => false, 5, 60); // past the sweep: the root is registered
  assert.strictEqual(liveNodes() - baseline, 3, 'the root and the children keep their nodes');
  let ran = false;
  held.child.then(() => { ran = true; });
  await turn();
  assert.strictEqual(ran, false);
  assert.strictEqual(held.child.isPending(), true);
  delete held.child;
  assert.ok(await collectUntil(() => liveNodes() === baseline, 50, 10), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

// A pending promise whose one reaction is a promise of ours holds it in JS alone (core.js,
// lone reactions): a chain of them takes no engine node, and a second reaction, a thenable
// or a cancellation gives it the engine's form, with the first reaction still in order.
test('a pending promise with one reaction takes no engine node until something else waits on it', async () => {
  const baseline = liveNodes();
  const resolvers = [];
  const log = [];
  const chains = Array.from({ length: 10000 }, (_, i) => new P((resolve) => resolvers.push(resolve)).then((v) => v + i).then((v) => v * 2));
  assert.strictEqual(liveNodes() - baseline, 0, 'no node for 1e4 chains of three');
  const first = new P((resolve) => resolvers.push(resolve));
  first.then((v) => log.push('first ' + v));
  first.then((v) => log.push('second ' + v));
  assert.strictEqual(liveNodes() - baseline, 3, 'the promise and its two reactions');
  resolvers.forEach((resolve, i) => resolve(i));
  const values = await P.all(chains);
  assert.strictEqual(values[9999], 4 * 9999);
  assert.deepStrictEqual(log, ['first 10000', 'second 10000']);
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

// A reaction on a settled promise queues its target's job by index, with no node (core.js,
// queueSettledJob): a then-chain built on a resolved promise is lone reactions from end to
// end. A target whose job is queued can still come to have more reactions, in order.
test('a then-chain on a settled promise takes no engine node while its jobs wait', async () => {
  const baseline = liveNodes();
  let chain = P.resolve(0);
  for (let i = 0; i < 10000; i++) chain = chain.then((v) => v + 1);
  assert.strictEqual(liveNodes() - baseline, 0, 'no node for a chain of 1e4 links');
  const log = [];
  const queued = P.resolve(1).then((v) => v + 1);
  queued.then((v) => log.push('first ' + v));
  queued.then((v) => log.push('second ' + v));
  const rejected = P.reject(new Error('r')).then(noop);
  rejected.then(null, (e) => log.push('caught ' + e.message));
  rejected.catch((e) => log.push('caught again ' + e.message));
  assert.strictEqual(await chain, 10000);
  assert.deepStrictEqual(log, ['first 2', 'second 2', 'caught r', 'caught again r']);
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});

// Bluebird's suppressUnhandledRejections is a flag, not a reaction (reduce calls it on its
// inputs): a pending promise it was called on still has its first handler as a lone reaction.
test('suppressUnhandledRejections adds no reaction', async () => {
  const baseline = liveNodes();
  let reject;
  const promise = new P((_, rejectFn) => { reject = rejectFn; });
  promise.suppressUnhandledRejections();
  const handled = promise.then(null, (e) => e.message);
  assert.strictEqual(liveNodes() - baseline, 0, 'no node: the handler is the only reaction');
  reject(new Error('suppressed'));
  assert.strictEqual(await handled, 'suppressed');
  let unhandled = 0;
  const count = () => { unhandled++; };
  process.on('unhandledRejection', count);
  try {
    P.reject(new Error('nobody waits')).suppressUnhandledRejections();
    new P((_, rejectFn) => setImmediate(rejectFn, new Error('later'))).suppressUnhandledRejections();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.removeListener('unhandledRejection', count);
  }
  assert.strictEqual(unhandled, 0);
});

// A lone reaction's target that has a lone reaction of its own, and is given a node when its
// parent gets a second reaction: its own reaction must take the engine's form too. It kept
// the lone form once, so its rejection left its node pending, and a later catch linked to
// that node and got no job (the process died with an unhandled rejection of "3").
test('a chain of lone reactions all take the engine\'s form when its first promise does', async () => {
  const log = [];
  let resolveRoot;
  const root = new P((resolve) => { resolveRoot = resolve; });
  const first = root.then(() => { throw new Error('x'); });
  first.then(null, (e) => log.push('observer ' + e.message));
  root.then(() => log.push('second reaction'));
  resolveRoot(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await first.catch((e) => log.push('late catch ' + e.message));
  assert.deepStrictEqual(log, ['second reaction', 'observer x', 'late catch x']);
});

// Promise.all's pending inputs have only their element as a reaction: they take no engine node
// until something else waits on them (core.js, lone elements), and those that come to have
// one give it back when they settle, however they were resolved.
test('pending elements of Promise.all take no engine node until something else waits on them', async () => {
  const baseline = liveNodes();
  const resolvers = [];
  const inputs = Array.from({ length: 10000 }, () => new P((resolve) => resolvers.push(resolve)));
  const all = P.all(inputs);
  assert.strictEqual(liveNodes() - baseline, 0, 'no node for 1e4 pending inputs');
  const handled = inputs[0].then((v) => v + 1);
  assert.strictEqual(liveNodes() - baseline, 3, 'the input, its element and the handler\'s promise');
  let resolveInner;
  const inner = new P((resolve) => { resolveInner = resolve; });
  resolvers[1](inner);
  resolvers[2]({ then(onFulfilled) { setTimeout(onFulfilled, 1, 'thenable'); } });
  for (let i = 3; i < resolvers.length; i++) resolvers[i](i);
  resolvers[0](0);
  setTimeout(resolveInner, 2, 'inner');
  const values = await all;
  assert.deepStrictEqual(values.slice(0, 4), [0, 'inner', 'thenable', 3]);
  assert.strictEqual(values[9999], 9999);
  assert.strictEqual(await handled, 1);
  assert.ok(await collectUntil(() => liveNodes() === baseline), `live nodes ${liveNodes()}, baseline ${baseline}`);
});
