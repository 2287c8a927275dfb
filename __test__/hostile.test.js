'use strict';
// Hostile input: thenables and values built to trip a promise library up. Each scenario
// runs on ferrobird and on native Promise (and a native subclass); the logs must be equal.
// The plainer cases (throwing `then` getters, a revoked Proxy as a resolution, non-error
// throws, executors that throw after resolving, promises made during the drain) are in
// differential.test.js.

const test = require('node:test');
const assert = require('node:assert');
const { FerroPromise, sameAsNative } = require('./helpers/differential');

const same = (name, scenario) => sameAsNative(name, scenario, { plainNative: true });

same('a then that resolves re-entrantly and synchronously with further thenables', (P, log) => {
  let depth = 0;
  const nested = () => ({
    then(resolve) {
      depth++;
      log('then at depth', depth);
      resolve(depth < 5 ? nested() : 'bottom');
    },
  });
  P.resolve(nested()).then((v) => log('settled', v, depth));
  P.resolve().then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3'));
});

same('a then that settles the promise and then re-enters resolve and reject', (P, log) => {
  let resolveOuter;
  const outer = new P((resolve) => { resolveOuter = resolve; });
  const thenable = {
    then(resolve, reject) {
      resolve('first');
      resolveOuter(thenable);
      reject(new Error('ignored'));
      resolve(P.resolve('ignored too'));
    },
  };
  resolveOuter(thenable);
  outer.then((v) => log('outer', v), (e) => log('outer rejected', e));
});

same('a Proxy whose get trap throws on then rejects with the trap\'s error', (P, log) => {
  const proxy = new Proxy({}, { get(target, key) { if (key === 'then') throw new RangeError('trap'); return undefined; } });
  P.resolve(proxy).catch((e) => log('rejected', e));
  new P((resolve) => resolve(proxy)).catch((e) => log('executor path', e));
  P.resolve().then(() => proxy).catch((e) => log('handler path', e));
});

same('a Proxy that counts reads of then is read once per resolution', (P, log) => {
  let reads = 0;
  const proxy = new Proxy({}, { get(target, key) { if (key === 'then') reads++; return undefined; } });
  P.resolve(proxy).then((v) => log('fulfilled with the proxy', v === proxy, 'reads', reads));
});

same('frozen and null-prototype objects as values and as thenables', (P, log) => {
  const frozenValue = Object.freeze({ a: 1 });
  const bare = Object.create(null);
  bare.b = 2;
  const frozenThenable = Object.freeze({ then(resolve) { resolve('frozen thenable'); } });
  const bareThenable = Object.create(null);
  bareThenable.then = (resolve) => resolve('bare thenable');
  P.resolve(frozenValue).then((v) => log('frozen value', v === frozenValue));
  P.resolve(bare).then((v) => log('bare value', v === bare));
  P.resolve(frozenThenable).then((v) => log(v));
  P.resolve(bareThenable).then((v) => log(v));
  P.reject(bare).catch((r) => log('bare reason', r === bare));
  P.all([frozenValue, bareThenable]).then((v) => log('all', v[0] === frozenValue, v[1]));
});

same('a frozen promise still works', (P, log) => {
  const p = Object.freeze(P.resolve('frozen promise'));
  p.then((v) => log(v));
  P.resolve(p).then((v) => log('adopted', v));
});

same('Symbols, null and functions as rejection reasons, from executors and handlers', (P, log) => {
  const sym = Symbol('reason');
  new P((resolve, reject) => reject(sym)).catch((r) => log('executor reject', r === sym));
  new P(() => { throw sym; }).catch((r) => log('executor throw', r === sym));
  P.resolve().then(() => { throw null; }).catch((r) => log('null', r));
  const fn = () => {};
  P.reject(fn).catch((r) => log('function', r === fn));
});

same('an executor that throws a non-error after rejecting keeps the rejection', (P, log) => {
  new P((resolve, reject) => {
    reject('rejected first');
    throw Symbol('ignored');
  }).catch((r) => log(r));
});

same('a constructor getter that throws makes Promise.resolve throw', (P, log) => {
  const p = P.resolve(1);
  Object.defineProperty(p, 'constructor', { get() { throw new Error('constructor getter'); } });
  try {
    P.resolve(p);
    log('no throw');
  } catch (error) {
    log('threw', error);
  }
});

same('handlers that create, settle and chain promises re-entrantly, 1e4 deep during one drain', (P, log) => {
  let count = 0;
  function step(n) {
    count++;
    if (n === 0) return 'done';
    const inner = new P((resolve) => resolve(n - 1));
    return inner.then(step);
  }
  P.resolve(10000).then(step).then((v) => log(v, count));
});

test('very large rejection reasons pass through by identity and nothing is copied', async () => {
  const big = 'x'.repeat(64 * 1024 * 1024);
  const many = new Array(1e6).fill(0).map((_, i) => i);
  const outcomes = [];
  for (const P of [FerroPromise, Promise]) {
    const caught = await P.reject(big).then(null, (r) => r);
    const chained = await P.resolve().then(() => { throw many; }).catch((r) => r);
    const viaAll = await P.all([P.resolve(1), P.reject(many)]).catch((r) => r);
    outcomes.push([caught === big, chained === many, viaAll === many]);
  }
  assert.deepStrictEqual(outcomes, [[true, true, true], [true, true, true]]);
});
