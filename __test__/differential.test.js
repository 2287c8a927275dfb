'use strict';
// Callback order and outcomes: same as native Promise.
//
// Every scenario runs on ferrobird and on a native Promise subclass (the oracle for a
// spec-following promise that is not V8's own); scenarios that do not mix libraries also run
// on plain native Promise. The logs must be equal.

const test = require('node:test');
const assert = require('node:assert');
const { FerroPromise, run, sameAsNative: same } = require('./helpers/differential');

const alone = { plainNative: true };

// ---- order of reactions ----

same('handlers on one promise run in registration order', (P, log) => {
  const p = P.resolve(1);
  p.then(() => log('a'));
  p.then(() => log('b'));
  p.then(() => log('c'));
}, alone);

same('two chains interleave link by link', (P, log) => {
  P.resolve().then(() => log('a1')).then(() => log('a2')).then(() => log('a3'));
  P.resolve().then(() => log('b1')).then(() => log('b2')).then(() => log('b3'));
}, alone);

same('ferrobird jobs interleave with native jobs in enqueue order', (P, log) => {
  const p = P.resolve();
  p.then(() => log('fb A'));
  Promise.resolve().then(() => log('native N'));
  p.then(() => log('fb B'));
  queueMicrotask(() => log('microtask'));
  p.then(() => log('fb C'));
});

same('chains of ferrobird and native alternate tick by tick', (P, log) => {
  let fb = P.resolve(0);
  let native = Promise.resolve(0);
  for (let i = 0; i < 4; i++) {
    fb = fb.then((v) => (log('fb', v), v + 1));
    native = native.then((v) => (log('native', v), v + 1));
  }
});

same('a handler registered during a job runs after jobs already queued', (P, log) => {
  const p = P.resolve();
  p.then(() => {
    log('first');
    p.then(() => log('registered late'));
    Promise.resolve().then(() => log('native from first'));
  });
  p.then(() => log('second'));
});

same('reactions enqueued by one settlement run together, before native jobs they queue', (P, log) => {
  let resolve;
  const p = new P((r) => { resolve = r; });
  p.then(() => { log('a'); Promise.resolve().then(() => log('native from a')); });
  p.then(() => log('b'));
  Promise.resolve().then(() => log('native before resolve'));
  resolve();
  p.then(() => log('c'));
  Promise.resolve().then(() => log('native after resolve'));
  p.then(() => log('d'));
});

same('resolving with a promise takes the spec\'s two extra ticks', (P, log) => {
  new P((resolve) => resolve(P.resolve('adopted'))).then((v) => log(v));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
}, alone);

same('returning a promise from a handler takes two extra ticks', (P, log) => {
  P.resolve().then(() => P.resolve('inner')).then((v) => log(v));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
}, alone);

// ---- await and native interop ----

same('await on a ferrobird promise takes the thenable path', (P, log) => {
  (async () => {
    log('before');
    log('value', await P.resolve(1));
    log('after');
  })();
  Promise.resolve().then(() => log('n1')).then(() => log('n2')).then(() => log('n3'));
});

same('an async function returning a ferrobird promise', (P, log) => {
  (async () => P.resolve('r'))().then((v) => log('async', v));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
});

same('a ferrobird promise resolved with a native promise', (P, log) => {
  new P((resolve) => resolve(Promise.resolve('native'))).then((v) => log('fb got', v));
  Promise.resolve().then(() => log('n1')).then(() => log('n2')).then(() => log('n3'));
});

same('a native promise resolved with a ferrobird promise', (P, log) => {
  new Promise((resolve) => resolve(P.resolve('fb'))).then((v) => log('native got', v));
  Promise.resolve().then(() => log('n1')).then(() => log('n2')).then(() => log('n3'));
});

same('await in a loop alongside ferrobird chains', (P, log) => {
  (async () => {
    for (let i = 0; i < 3; i++) {
      await null;
      log('await', i);
    }
  })();
  P.resolve().then(() => log('fb1')).then(() => log('fb2')).then(() => log('fb3'));
});

same('rejections propagate through await and try/catch', (P, log) => {
  (async () => {
    try {
      await P.reject(new Error('boom'));
    } catch (error) {
      log('caught', error);
    }
  })();
});

// ---- thenables (Promises/A+ 2.3, ECMA-262 PromiseResolveThenableJob) ----

same('a thenable\'s then is called in a job, not synchronously', (P, log) => {
  const thenable = { then(resolve) { log('then called'); resolve('t'); } };
  P.resolve(thenable).then((v) => log('got', v));
  log('sync end');
}, alone);

same('then is read exactly once', (P, log) => {
  let reads = 0;
  const thenable = {
    get then() {
      reads++;
      return (resolve) => resolve(reads);
    },
  };
  P.resolve(thenable).then((v) => log('reads', v));
}, alone);

same('a then getter that throws rejects', (P, log) => {
  const thenable = Object.defineProperty({}, 'then', { get() { throw new Error('getter'); } });
  P.resolve(thenable).catch((e) => log('rejected', e));
}, alone);

same('the first settle call wins, later calls and throws are ignored', (P, log) => {
  const thenable = {
    then(resolve, reject) {
      resolve('first');
      reject(new Error('second'));
      resolve('third');
      throw new Error('after');
    },
  };
  P.resolve(thenable).then((v) => log('fulfilled', v), (e) => log('rejected', e));
}, alone);

same('a thenable that settles asynchronously', (P, log) => {
  const thenable = { then(resolve) { setTimeout(() => resolve('late'), 1); } };
  P.resolve(thenable).then((v) => log(v));
}, alone);

same('thenables nested three deep', (P, log) => {
  const t = (v) => ({ then(resolve) { resolve(v); } });
  P.resolve(t(t(t('deep')))).then((v) => log(v));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
}, alone);

same('self-resolution is a TypeError', (P, log) => {
  const p = P.resolve().then(() => p);
  p.catch((e) => log(e.constructor === TypeError ? 'TypeError' : 'other'));
}, alone);

same('a rejection reason that is a thenable is not assimilated', (P, log) => {
  const thenable = { then() { log('then called'); } };
  P.reject(thenable).catch((r) => log('reason is thenable', r === thenable));
}, alone);

same('a revoked Proxy as a resolution rejects', (P, log) => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  P.resolve(proxy).catch((e) => log('rejected', e.constructor.name));
}, alone);

same('functions with a then property are thenables', (P, log) => {
  const fn = () => {};
  fn.then = (resolve) => resolve('from function');
  P.resolve(fn).then((v) => log(v));
}, alone);

// ---- handlers and executors ----

same('non-function handlers are ignored and values pass through', (P, log) => {
  P.resolve(1).then(null, 5).then(undefined, {}).then((v) => log('value', v));
  P.reject(new Error('r')).then(42).catch((e) => log('reason', e));
}, alone);

same('handlers that throw non-errors reject with them', (P, log) => {
  P.resolve().then(() => { throw Symbol.for('sym'); }).catch((r) => log('symbol', r));
  P.resolve().then(() => { throw undefined; }).catch((r) => log('undefined', r));
}, alone);

same('an executor that throws after resolving keeps the resolution', (P, log) => {
  new P((resolve) => { resolve('kept'); throw new Error('ignored'); }).then((v) => log(v));
}, alone);

same('handlers that create and settle promises during the drain', (P, log) => {
  P.resolve().then(() => {
    const inner = new P((resolve) => resolve('inner'));
    inner.then((v) => log(v));
    log('outer');
    return inner.then(() => 'chained');
  }).then((v) => log(v));
}, alone);

same('finally passes values and reasons through and waits for its promise', (P, log) => {
  P.resolve('v').finally(() => log('finally 1')).then((v) => log('then', v));
  P.reject(new Error('r')).finally(() => new P((r) => setTimeout(r, 1))).catch((e) => log('catch', e));
  P.resolve('v').finally(() => { throw new Error('from finally'); }).catch((e) => log('catch', e));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
}, alone);

// ---- statics ----

same('Promise.all keeps order and mixes values, ferrobird and native promises', (P, log) => {
  P.all([1, P.resolve(2), Promise.resolve(3), { then: (r) => r(4) }]).then((v) => log('all', v));
  P.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
});

same('Promise.all rejects with the first rejection', (P, log) => {
  P.all([new P((r) => setTimeout(() => r(1), 2)), P.reject(new Error('first')), P.reject(new Error('second'))])
    .catch((e) => log(e));
}, alone);

same('Promise.all over an empty iterable and a non-iterable', (P, log) => {
  P.all([]).then((v) => log('empty', v));
  P.all(5).catch((e) => log('not iterable', e.constructor.name));
  P.all(new Set([1, 2])).then((v) => log('set', v));
}, alone);

// allOfArray queues one job for all the elements already fulfilled; these pin the tick at
// which the result settles against chains started before and after, and a thenable whose
// `then` getter queues native work between elements.
same('Promise.all of fulfilled elements settles on the spec tick', (P, log) => {
  P.resolve().then(() => log('before 1')).then(() => log('before 2')).then(() => log('before 3'));
  P.all([1, P.resolve(2), 3, P.resolve(4)]).then((v) => log('all', v));
  P.all([P.resolve('a'), P.reject(new Error('b')), 'c']).catch((e) => log('rejected', e));
  P.resolve().then(() => log('after 1')).then(() => log('after 2')).then(() => log('after 3'));
});

same('Promise.all with a thenable getter that queues native work between elements', (P, log) => {
  const thenable = {
    get then() {
      log('getter');
      Promise.resolve().then(() => log('native from getter'));
      return (resolve) => resolve('t');
    },
  };
  P.all([1, P.resolve(2), thenable, 3, new P((r) => setTimeout(() => r(4), 1))]).then((v) => log('all', v));
  P.all([P.resolve(1), thenable]).then((v) => log('short', v));
  const notThenable = { get then() { Promise.resolve().then(() => log('native from plain getter')); return undefined; } };
  P.all([P.resolve(1), notThenable, 2]).then((v) => log('plain', v.length));
  P.resolve().then(() => log('x1')).then(() => log('x2')).then(() => log('x3')).then(() => log('x4'));
});

// The element jobs of pending elements that fulfil while more are to come run without a
// microtask of their own (core.js, QUIET). These pin the result's tick when the elements
// settle among native jobs, in one turn and across turns, with a rejection after quiet ones,
// with an element shared by two Promise.all calls, and with the last element settling first.
same('Promise.all of pending elements settled among native jobs settles on the spec tick', (P, log) => {
  const resolvers = [];
  const pending = () => new P((resolve, reject) => resolvers.push({ resolve, reject }));
  const a = pending();
  const b = pending();
  const c = pending();
  P.all([a, b, 1, c]).then((v) => log('all', v));
  P.all([c, P.resolve('x'), a]).then((v) => log('shared', v));
  Promise.resolve().then(() => log('n1')).then(() => log('n2')).then(() => log('n3')).then(() => log('n4'));
  resolvers[2].resolve('c');
  Promise.resolve().then(() => log('native between'));
  resolvers[0].resolve('a');
  P.resolve().then(() => log('fb between')).then(() => log('fb next'));
  resolvers[1].resolve('b');
  P.resolve().then(() => log('fb after')).then(() => log('fb after 2'));
});

same('Promise.all settles in its last element job, after native jobs queued before it', (P, log) => {
  const resolvers = [];
  const pending = () => new P((resolve) => resolvers.push(resolve));
  P.all([pending(), pending(), pending()]).then((v) => log('all', v));
  resolvers[0]('a');
  Promise.resolve().then(() => log('n1')).then(() => log('n2')).then(() => log('n3'));
  resolvers[1]('b');
  Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
  resolvers[2]('c');
});

same('Promise.all rejected after quiet fulfilments, and settled over several turns', (P, log) => {
  const resolvers = [];
  const pending = () => new P((resolve, reject) => resolvers.push({ resolve, reject }));
  const items = [pending(), pending(), pending(), pending()];
  P.all(items).then((v) => log('all', v), (e) => log('rejected', e.message));
  const later = [pending(), pending(), pending()];
  P.all(later).then((v) => log('later', v));
  resolvers[0].resolve(0);
  resolvers[1].resolve(1);
  resolvers[2].reject(new Error('two'));
  Promise.resolve().then(() => log('native'));
  resolvers[3].resolve(3);
  resolvers[4].resolve('x');
  setTimeout(() => {
    resolvers[5].resolve('y');
    Promise.resolve().then(() => log('native in timer'));
    queueMicrotask(() => resolvers[6].resolve('z'));
    P.resolve().then(() => log('fb in timer')).then(() => log('fb in timer 2')).then(() => log('fb in timer 3'));
  }, 1);
});

// A pending element whose promise has no other reaction is held in JS alone (core.js, a lone
// element); a second reaction, a thenable or a promise to follow gives it the engine's form,
// with the element first among its reactions.
same('an element of Promise.all that gains reactions before it settles keeps their order', (P, log) => {
  let resolveA;
  const a = new P((resolve) => { resolveA = resolve; });
  P.all([a]).then((v) => log('all', v));
  a.then((v) => log('then', v));
  P.all([a, 1, a]).then((v) => log('twice', v));
  Promise.resolve().then(() => log('native'));
  resolveA('a');
  a.then((v) => log('late then', v));
});

same('elements of Promise.all resolved to a pending promise and to a thenable', (P, log) => {
  let resolveA;
  let resolveB;
  let resolveInner;
  const a = new P((resolve) => { resolveA = resolve; });
  const b = new P((resolve) => { resolveB = resolve; });
  const inner = new P((resolve) => { resolveInner = resolve; });
  P.all([a, b, P.resolve('c')]).then((v) => log('all', v));
  resolveA(inner);
  resolveB({ then(onFulfilled) { log('thenable'); onFulfilled('b'); } });
  Promise.resolve().then(() => log('native')).then(() => log('native 2'));
  setTimeout(() => { resolveInner('inner'); log('inner resolved'); }, 1);
});

same('a pending element that rejects rejects Promise.all, once', (P, log) => {
  const rejecters = [];
  const pending = () => new P((resolve, reject) => rejecters.push(reject));
  const items = [pending(), pending(), pending()];
  P.all(items).then((v) => log('all', v), (e) => log('rejected', e.message));
  rejecters[1](new Error('one'));
  rejecters[0](new Error('zero'));
  Promise.resolve().then(() => log('native'));
  rejecters[2](new Error('two'));
});

// Promise.allSettled, Promise.any([]) and Promise.try(fn, ...args) are Bluebird's on the main
// export, where Bluebird and ES disagree: bluebird.test.js pins them.

same('Promise.any fulfils with the first fulfilment or rejects with AggregateError', (P, log) => {
  P.any([P.reject(1), P.resolve(2), P.resolve(3)]).then((v) => log('any', v));
  P.any([P.reject(1), P.reject(2)]).catch((e) => log(e.constructor.name, e.errors));
}, alone);

same('Promise.race settles with the first to settle', (P, log) => {
  P.race([new P((r) => setTimeout(() => r('slow'), 3)), P.resolve('fast')]).then((v) => log(v));
  P.race([P.reject(new Error('first')), P.resolve('second')]).catch((e) => log(e));
}, alone);

// Node 20's native Promise has neither withResolvers nor try, so these pin the outcome.
test('Promise.withResolvers and Promise.try (ES2024/ES2025)', async () => {
  const log = await run((P, log) => {
    const { promise, resolve } = P.withResolvers();
    promise.then((v) => log('resolvers', v));
    resolve('r');
    P.try(() => 'tried').then((v) => log(v));
    P.try(() => { throw new Error('try threw'); }).catch((e) => log(e));
    P.try(42).catch((e) => log('not callable', e.constructor.name));
  }, FerroPromise);
  assert.deepStrictEqual(log, ['resolvers r', 'tried', 'Error: try threw', 'not callable TypeError']);
});

same('Promise.resolve returns its argument when it is the same kind of promise', (P, log) => {
  const p = P.resolve(1);
  log('same', P.resolve(p) === p);
  log('native wrapped', P.resolve(Promise.resolve(1)) !== Promise.resolve(1));
});

// ---- subclassing ----

same('subclasses: then returns the subclass, statics honour this', (P, log) => {
  class Sub extends P {}
  const s = Sub.resolve(1);
  log('instance', s instanceof Sub, s instanceof P);
  const t = s.then((v) => v + 1);
  log('then returns subclass', t instanceof Sub);
  t.then((v) => log('value', v));
  log('all returns subclass', Sub.all([1]) instanceof Sub);
  log('race returns subclass', Sub.race([1]) instanceof Sub);
  log('reject returns subclass', Sub.reject(1).catch(() => {}) instanceof Sub);
});

same('a subclass ignores non-function handlers and passes values through', (P, log) => {
  class Sub extends P {}
  Sub.resolve(1).then(5, 'x').then((v) => log('value', v));
  Sub.reject(new Error('r')).then(null, {}).catch((e) => log('reason', e.message));
}, alone);

same('Symbol.species picks the constructor of derived promises', (P, log) => {
  class Sub extends P {
    static get [Symbol.species]() {
      return P;
    }
  }
  const t = Sub.resolve(1).then(() => {});
  log('derived is base', t instanceof Sub, t instanceof P);
});

same('calling the constructor wrongly throws TypeError', (P, log) => {
  try { P(() => {}); } catch (e) { log('no new', e.constructor.name); }
  try { new P(5); } catch (e) { log('bad executor', e.constructor.name); }
  try { P.prototype.then.call({}, () => {}); } catch (e) { log('bad receiver', e.constructor.name); }
});

