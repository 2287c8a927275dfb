'use strict';
// The Bluebird API: same as bluebird 3.7.2.
//
// Each scenario is `async (P, log) => result`; it runs on bluebird and on ferrobird, and the
// results (values, or error class and message) and logs must be equal. Bluebird runs its
// handlers from setImmediate, so scenarios compare outcomes and the order of effects within
// the scenario, not interleaving with native promises.

const test = require('node:test');
const assert = require('node:assert');
const util = require('node:util');
const Ferro = require('..');
const { same } = require('./helpers/same-as-bluebird');

// ---- core ----

same('spread applies the array, after resolving its elements', (P) =>
  P.resolve([1, P.resolve(2), 3]).spread((a, b, c) => a + b + c));

same('catch with an error class filter', (P) =>
  P.reject(new TypeError('t')).catch(RangeError, () => 'range').catch(TypeError, (e) => 'type ' + e.message));

same('catch with several filters, a predicate and an object pattern', (P) =>
  P.reject(Object.assign(new Error('m'), { code: 'E42' }))
    .catch(RangeError, (e) => e.code === 'x', () => 'wrong')
    .caught({ code: 'E42' }, (e) => 'pattern ' + e.message));

same('a catch predicate that throws rejects with its error', (P) =>
  P.reject(new Error('original')).catch(() => { throw new Error('from predicate'); }, () => 'handled'));

same('a non-object catch filter rejects', (P) => {
  const source = P.reject(new Error('x'));
  source.suppressUnhandledRejections();
  return source.catch('nope', () => 'handled');
});

same('error() catches operational errors only', (P, log) =>
  P.fromCallback((cb) => cb(new Error('op')))
    .error((e) => { log('operational', e.name, e.message, e.cause.message); })
    .then(() => P.reject(new Error('programmer')).error(() => 'wrong'))
    .catch((e) => 'passed through ' + e.message));

same('finally and lastly pass the value and wait for their promise', (P, log) =>
  P.resolve('v').lastly(() => P.delay(2).then(() => log('lastly'))).finally(() => log('finally')));

same('bind sets this for handlers and derived promises', (P) =>
  P.bind({ base: 10 }, 1).then(function (v) { return this.base + v; }).then(function (v) { return [this.base, v]; }));

same('bind to a promise waits for it', (P) =>
  P.resolve(2).bind(P.delay(2, { k: 3 })).then(function (v) { return this.k * v; }));

same('join passes the values to the handler', (P) => P.join(P.resolve(1), 2, P.delay(1, 3), (a, b, c) => [a, b, c]));

same('join without a handler is all', (P) => P.join(1, P.resolve(2)));

same('try with an array argument spreads it with the context', (P) =>
  P.try(function (a, b) { return [this.c, a, b]; }, [1, 2], { c: 3 }));

same('try and attempt catch throws; a non-function rejects', (P, log) =>
  P.attempt(() => { throw new Error('thrown'); }).catch((e) => log(e)).then(() => P.try(5)));

same('method wraps return values and throws', (P, log) => {
  const m = P.method(function (x) { if (x) throw new Error('bad'); return this.v; });
  return m.call({ v: 'ok' }, false).then((v) => log(v)).then(() => m(true));
});

same('method with a non-function throws synchronously', (P) => {
  try {
    P.method(null);
    return 'no throw';
  } catch (e) {
    return e.message;
  }
});

same('resolve, cast, fulfilled, reject, rejected, is, defer', (P) => {
  const d = P.defer();
  d.resolve(4);
  return P.all([P.cast(1), P.fulfilled(2), P.resolve(3), d.promise, P.rejected(5).catch((r) => r), P.is(d.promise), P.is({})]);
});

// Bluebird's statics ignore `this` (a migration runner calls `(m.up || Promise.resolve).apply(m,
// args)`); its aliases are the same functions; a promise prints as "[object Promise]"; tap and
// tapCatch with a handler that is not a function pass the promise through.
same('statics called with an unrelated this', (P) => {
  const migration = { up: null };
  const statics = ['resolve', 'reject', 'all', 'race', 'any', 'some', 'props', 'map', 'join', 'try', 'settle', 'reduce', 'filter', 'each', 'mapSeries', 'cast', 'fulfilled', 'rejected', 'attempt'];
  const args = { resolve: [1], reject: [new Error('r')], all: [[1, 2]], race: [[3]], any: [[4]], some: [[5, 6], 1], props: [{ a: 7 }], map: [[8], (x) => x], join: [9, 10], try: [() => 11], settle: [[12]], reduce: [[13], (a, b) => b, 0], filter: [[14], () => true], each: [[15], () => 0], mapSeries: [[16], (x) => x], cast: [17], fulfilled: [18], rejected: [new Error('r2')], attempt: [() => 19] };
  const outcomes = [];
  for (const name of statics) {
    for (const self of [migration, 3, null, {}]) {
      try {
        const promise = P[name].apply(self, args[name]);
        outcomes.push(promise.then((v) => `${name} fulfilled ${JSON.stringify(v)}`, (e) => `${name} rejected ${e.message}`));
      } catch (error) {
        outcomes.push(`${name} threw ${error.message}`);
      }
    }
  }
  // The values, not their order: the timings differ in when each settles.
  return P.all(outcomes).then((all) => all.sort());
});

same('Bluebird\'s messages: a collection of no iterable, a promise resolved with itself', (P) => {
  const outcomes = [];
  for (const method of ['all', 'race', 'any', 'props', 'settle', 'map']) {
    for (const input of [undefined, 1, {}]) {
      const promise = method === 'map' ? P.map(input, (x) => x) : P[method](input);
      outcomes.push(promise.then((v) => `${method} fulfilled ${JSON.stringify(v)}`, (e) => `${method} ${e.name}: ${e.message}`));
    }
  }
  let resolveSelf;
  const self = new P((resolve) => { resolveSelf = resolve; });
  resolveSelf(self);
  const chained = P.resolve().then(() => chained);
  outcomes.push(self.catch((e) => `self ${e.name}: ${e.message}`), chained.catch((e) => `then self ${e.name}: ${e.message}`));
  return P.all(outcomes).then((all) => all.sort());
});

// Bluebird's PromiseArray copies any iterable to an array first (util.asArray).
same('all and race take a Set, a Map, a generator and a string as Bluebird does', (P) => {
  function* numbers() {
    yield 1;
    yield P.resolve(2);
    yield P.delay(1, 3);
  }
  return P.all([
    P.all(new Set([P.resolve('a'), 'b', P.delay(2, 'c')])),
    P.all(new Map([['k', P.resolve('v')]])),
    P.all(numbers()),
    P.all('xyz'),
    P.race(new Set([P.delay(5, 'late'), P.resolve('first')])),
    P.race(numbers()),
  ]);
});

same('aliases are the same functions', (P) => {
  const statics = [['fulfilled', 'resolve'], ['rejected', 'reject'], ['cast', 'resolve'], ['attempt', 'try'], ['defer', 'pending'], ['fromNode', 'fromCallback']];
  const methods = [['caught', 'catch'], ['lastly', 'finally'], ['thenReturn', 'return'], ['thenThrow', 'throw'], ['nodeify', 'asCallback']];
  return [statics.map(([a, b]) => P[a] === P[b]), methods.map(([a, b]) => P.prototype[a] === P.prototype[b])];
});

same('a promise prints as [object Promise]', (P) => [String(P.resolve(1)), `${P.resolve(1)}`, Object.prototype.toString.call(P.resolve(1))]);

same('tap and tapCatch with a handler that is not a function pass the promise through', (P, log) =>
  P.resolve(1).tap(5).then((v) => log('tap', v))
    .then(() => P.reject(new Error('e')).tapCatch(null))
    .catch((e) => log('tapCatch', e)));

// ---- callbacks ----

same('fromCallback and fromNode, with multiArgs', (P) =>
  P.all([P.fromCallback((cb) => cb(null, 1, 2)), P.fromNode((cb) => cb(null, 1, 2), { multiArgs: true })]));

same('fromCallback wraps a plain error as OperationalError', (P) =>
  P.fromCallback((cb) => cb(new Error('plain'))).catch((e) => [e.name, e.message, e instanceof P.OperationalError, e.isOperational]));

same('fromCallback keeps a typed error and marks it operational', (P) =>
  P.fromCallback((cb) => cb(new TypeError('typed'))).catch((e) => [e.name, e instanceof TypeError, e.isOperational]));

same('asCallback and nodeify call back with (null, value) or (error)', (P, log) => new P((done) => {
  P.resolve(1).asCallback((...args) => log('value', args));
  P.resolve(undefined).nodeify((...args) => log('undefined', args.length));
  P.resolve([1, 2]).asCallback((...args) => log('spread', args), { spread: true });
  P.reject(new Error('e')).asCallback((e) => log('error', e.message));
  P.reject(null).asCallback((e) => { log('falsy reason', e.message, e.cause); done('done'); });
}));

same('promisify: value, context, multiArgs, errors and marking', (P, log) => {
  const obj = { k: 7, method(a, cb) { cb(null, this.k + a); } };
  const plain = P.promisify((a, b, cb) => cb(null, a, b));
  const multi = P.promisify((a, b, cb) => cb(null, a, b), { multiArgs: true });
  const bound = P.promisify(obj.method, { context: obj });
  const failing = P.promisify((cb) => cb(new Error('cb error')));
  const throwing = P.promisify(() => { throw new Error('sync throw'); });
  log('marked', P.promisify(plain) === plain, plain.__isPromisified__);
  return P.all([plain(1, 2), multi(1, 2), bound(1), failing().catch((e) => e.name), throwing().catch((e) => e.message)]);
});

// Up to three arguments take a path of their own (no array): each count from 0 to 5, passed
// undefined too, with the receiver of the call.
same('promisify passes every argument count on, with the callback last', (P) => {
  function report(...args) {
    const callback = args.pop();
    callback(null, [this === undefined ? 'no receiver' : this.name, args.length, ...args]);
  }
  const promisified = P.promisify(report);
  const receiver = { name: 'receiver', promisified };
  return P.all([
    promisified(),
    promisified(1),
    promisified(1, undefined),
    promisified(1, 2, 3),
    promisified(1, 2, 3, 4),
    promisified(1, 2, 3, 4, 5),
    receiver.promisified(1, 2),
    receiver.promisified(1, 2, 3, 4),
  ]);
});

same('promisifyAll: suffix, filter, classes, no double promisification', (P) => {
  class Store {
    constructor() { this.items = ['a']; }
    get(i, cb) { cb(null, this.items[i]); }
  }
  const api = {
    Store,
    read(cb) { cb(null, 'read'); },
    _private(cb) { cb(null, 'private'); },
    skip(cb) { cb(null, 'skip'); },
  };
  P.promisifyAll(api, { filter: (name, fn, target, passesDefault) => passesDefault && name !== 'skip' });
  P.promisifyAll(api, { filter: (name, fn, target, passesDefault) => passesDefault && name !== 'skip' });
  const custom = P.promisifyAll({ go(cb) { cb(null, 'go'); } }, { suffix: 'P' });
  return P.all([
    api.readAsync(), new Store().getAsync(0), typeof api._privateAsync, typeof api.skipAsync,
    typeof api.readAsyncAsync, custom.goP(),
  ]);
});

// ---- inspection ----

same('synchronous inspection after settlement', (P) => {
  const f = P.resolve(1);
  const r = P.reject(new Error('r'));
  r.suppressUnhandledRejections();
  const pending = new P(() => {});
  return P.delay(2).then(() => [
    f.isFulfilled(), f.isRejected(), f.isPending(), f.isResolved(), f.value(),
    r.isRejected(), r.reason().message, pending.isPending(), pending.isResolved(), f.isCancelled(),
    JSON.stringify(f), JSON.stringify(pending),
  ]);
});

same('value() and reason() throw on the wrong state', (P) => {
  const p = new P(() => {});
  const messages = [];
  try { p.value(); } catch (e) { messages.push(e.name + ': ' + e.message); }
  try { p.reason(); } catch (e) { messages.push(e.name + ': ' + e.message); }
  return messages;
});

same('reflect gives a PromiseInspection', (P) =>
  P.all([P.resolve(1).reflect(), P.reject(new Error('x')).reflect()]).then(([a, b]) =>
    [a.isFulfilled(), a.value(), b.isRejected(), b.reason().message, a instanceof P.PromiseInspection]));

// ---- collections ----

same('props of an object and of a Map', (P) =>
  P.all([P.props({ a: P.resolve(1), b: 2 }), P.props(new Map([['k', P.resolve('v')]]))]));

same('props of a non-object rejects', (P) => P.props(5));

// The delays are far apart: on a loaded machine 1 ms and 3 ms timers made a few ms apart
// could fire in either order, and then bluebird's run and ferrobird's disagreed.
same('any and some', (P) => P.all([
  P.any([P.reject(1), P.delay(20, 'late'), P.resolve('first')]),
  P.some([P.delay(60, 'c'), P.resolve('a'), P.delay(1, 'b')], 2),
]));

same('any of nothing is a RangeError', (P) => P.any([]));

same('some rejects with an AggregateError once it cannot succeed', (P) =>
  P.some([P.reject(new Error('1')), P.reject(new Error('2')), P.resolve(3)], 2).catch((e) =>
    [e.name, e.length, e[0].message, e instanceof P.AggregateError]));

same('race of a promise for an array', (P) => P.race(P.resolve([P.delay(5, 'slow'), P.delay(1, 'fast')])));

same('map keeps order and respects concurrency', (P, log) => {
  let running = 0;
  let max = 0;
  return P.map([30, 10, 20, 5], (ms, i) => {
    running++;
    max = Math.max(max, running);
    return P.delay(ms).then(() => { running--; return i * 2; });
  }, { concurrency: 2 }).then((v) => [v, max]);
});

// Bluebird keeps the inputs that arrive while every slot is taken on a stack: the latest
// arrival is mapped first.
same('map starts mappers as slots free up, the latest arrival first', async (P, log) => {
  const running = [];
  const mapper = (v) => {
    log('mapper', v);
    return v === 4 ? v : new P((resolve) => running.push(() => resolve(v)));
  };
  const step = () => new P((resolve) => setTimeout(resolve, 2));
  let resolveLate;
  const late = new P((resolve) => { resolveLate = resolve; });
  const mapped = P.map([1, 2, late, 4, P.resolve(5), 6, 7, 8], mapper, { concurrency: 2 });
  await step();
  resolveLate(3);
  await step();
  while (running.length > 0) {
    running.shift()();
    await step();
  }
  return mapped;
});

same('map awaits input promises and passes (value, index, length)', (P) =>
  P.map([P.resolve(1), 2, P.delay(1, 3)], (v, i, n) => [v, i, n]));

// Bluebird's MappingPromiseArray reads a rejected mapper result at once: the result is
// decided, and no mapper runs after it (a CLS tool counted 3 calls where bluebird makes 1).
same('map and filter call no mapper after one returned a rejected promise', (P) => {
  const error = new Error('e');
  const counts = [];
  const count = (method, input, options, result) => {
    let calls = 0;
    return P[method](input, () => {
      calls++;
      return result();
    }, options).then(() => counts.push([method, 'fulfilled', calls]), () => counts.push([method, 'rejected', calls]));
  };
  const pending = P.defer();
  const runs = [
    count('map', [1, 2, 3], undefined, () => P.reject(error)),
    count('filter', [1, 2, 3], undefined, () => P.reject(error)),
    count('map', [P.resolve(1), 2, 3], undefined, () => P.reject(error)),
    count('map', [1, 2, 3], { concurrency: 2 }, () => P.reject(error)),
    count('map', [1, 2, 3], undefined, () => pending.promise),
    count('map', [1, 2, 3], undefined, () => {
      throw error;
    }),
  ];
  pending.reject(error);
  return P.all(runs).then(() => counts.sort());
});

same('map rejects when a mapper throws or rejects', (P) =>
  P.map([1, 2, 3], (v) => (v === 2 ? P.reject(new Error('two')) : v)));

same('map with a bad concurrency rejects', (P) => P.map([1], (v) => v, { concurrency: 'x' }));

// Bluebird runs map's steps in its own batches (setImmediate), after the native jobs queued
// meanwhile, not at ES job times: ferrobird's map jobs are quiet (core.js).
same('map starts a mapper for an input that arrives after the native jobs queued with it', async (P, log) => {
  let resolve;
  const input = new P((r) => { resolve = r; });
  const mapped = P.map([input, 2], (v) => {
    log('mapper', v);
    return v === 1 ? new P((r) => setTimeout(r, 1, 'one')) : v;
  }, { concurrency: 1 });
  // After Bluebird's first batch (a setImmediate queued by P.map) has run.
  await new Promise((r) => setImmediate(r));
  resolve(1);
  Promise.resolve().then(() => log('native 1')).then(() => log('native 2'));
  return mapped.then((v) => {
    log('mapped');
    Promise.resolve().then(() => log('native after'));
    return v;
  });
});

same('filter', (P) => P.filter([1, 2, 3, 4, P.resolve(5)], (v) => P.delay(1, v % 2 === 1), { concurrency: 2 }));

same('mapSeries runs one at a time, in order', (P, log) =>
  P.mapSeries([20, 1, 10], (ms, i) => { log('start', i); return P.delay(ms).then(() => { log('end', i); return ms; }); }));

same('each runs in order and returns the original values', (P, log) =>
  P.each([P.resolve('a'), 'b'], (v, i, n) => { log(v, i, n); return P.delay(1); }));

same('reduce with and without an initial value, promises anywhere', (P) => P.all([
  P.reduce([1, P.resolve(2), 3], (acc, v, i, n) => acc + v * i + n, P.resolve(100)),
  P.reduce([P.resolve('a'), 'b', 'c'], (acc, v) => P.delay(1, acc + v)),
  P.reduce([], (acc, v) => acc + v),
  P.reduce([], (acc, v) => acc + v, 'init'),
]));

// Bluebird calls no reducer, iterator or mapper inside the call that starts the reduction
// (its ReductionPromiseArray chains `_then`s), not even on an array of plain values.
same('reduce, each and mapSeries never run their callback inside the call', (P, log) => {
  const calls = [
    P.reduce([1, 2, 3], (acc, v) => { log('reduce', v); return acc + v; }),
    P.each(['a', 'b'], (v) => { log('each', v); }),
    P.mapSeries(['c', 'd'], (v) => { log('mapSeries', v); return v + v; }),
    P.reduce([1, 2], (acc, v) => acc + v, 10),
  ];
  log('after the calls');
  return P.all(calls);
});

// Bluebird's util.asArray: any iterable (a string, a Set) is an array of its items, and for
// anything else its TypeError names "[object Null]", the class of what asArray made of it.
same('collections take any iterable and reject anything else as Bluebird does', (P) => {
  const message = (promise) => promise.then((v) => ['value', v], (e) => [e.name, e.message]);
  return P.all([
    message(P.map('ab', (x) => x + x)),
    message(P.map(new Set([1, 2]), (x) => x * 2)),
    message(P.reduce('ab', (a, b) => a + b)),
    message(P.some('abc', 2)),
    message(P.resolve('ab').all()),
    message(P.resolve(new Set(['x'])).race()),
    message(P.map(5, (x) => x)),
    message(P.filter(null, (x) => x)),
    message(P.resolve(5).all()),
    message(P.resolve(5).spread((x) => x)),
    message(P.settle('ab').then((list) => list.map((i) => i.value()))),
  ]);
});

// Bluebird's PromiseInspection fields (`_bitField`, `_settledValueField`) show in JSON and in
// util.inspect, which users log.
same('settle results serialise as Bluebird\'s PromiseInspections', (P) =>
  P.settle([1, P.reject(new Error('no')), P.resolve('yes')]).then((list) => JSON.stringify(list)));

same('settle and allSettled give inspections', (P) =>
  P.allSettled([P.resolve(1), P.reject(new Error('no'))]).then((list) =>
    list.map((i) => (i.isFulfilled() ? ['ok', i.value()] : ['bad', i.reason().message]))));

same('instance collection methods', (P) => P.all([
  P.resolve([1, 2, 3]).map((v) => v * 2),
  P.resolve([1, 2, 3]).filter((v) => v > 1),
  P.resolve([1, 2, 3]).reduce((a, v) => a + v, 0),
  P.resolve({ a: P.resolve(1) }).props(),
  P.resolve([P.resolve(1), 2]).all(),
  P.resolve([P.delay(3, 'x'), 'y']).any(),
]));

// ---- timers ----

same('delay resolves after the delay, with a value or a promise', (P) => P.all([P.delay(2, 'v'), P.delay(1, P.resolve('p')), P.resolve('i').delay(1)]));

same('timeout rejects with TimeoutError', (P) => P.delay(50).timeout(5).catch((e) => [e.name, e.message, e instanceof P.TimeoutError]));

same('timeout with a message or an error', (P) => P.all([
  P.delay(50).timeout(1, 'custom').catch((e) => e.message),
  P.delay(50).timeout(1, new RangeError('own')).catch((e) => e.name + ' ' + e.message),
  P.delay(1, 'in time').timeout(50),
]));

// ---- utilities ----

same('tap and tapCatch observe without changing the outcome', (P, log) =>
  P.resolve(1).tap((v) => { log('tap', v); return P.delay(1); })
    .then(() => P.reject(new TypeError('t')))
    .tapCatch(RangeError, () => log('wrong'))
    .tapCatch((e) => log('tapCatch', e.message))
    .catch((e) => 'still ' + e.name));

same('get, including negative indices, and call', (P) => P.all([
  P.resolve({ a: 1 }).get('a'), P.resolve([1, 2, 3]).get(-1), P.resolve([1, 2, 3]).get(1),
  P.resolve({ f(x, y) { return x + y; } }).call('f', 2, 3),
]));

same('return, throw, catchReturn, catchThrow and their aliases', (P) => P.all([
  P.resolve(1).return(2), P.resolve(1).thenReturn(3),
  P.resolve(1).throw(new Error('t')).catch((e) => e.message),
  P.resolve(1).thenThrow(new Error('tt')).catch((e) => e.message),
  P.reject(new Error('x')).catchReturn('cr'),
  P.reject(new TypeError('x')).catchReturn(TypeError, 'filtered'),
  P.reject(new Error('x')).catchThrow(new Error('ct')).catch((e) => e.message),
]));

same('the error classes on the constructor', (P) => {
  const list = [new P.TimeoutError(), new P.CancellationError('c'), new P.OperationalError('op'), new P.AggregateError()];
  return list.map((e) => [e.name, e instanceof Error, typeof e.message]).concat([P.TypeError === TypeError, P.RangeError === RangeError, P.Promise === P]);
});

same('a non-function executor is a TypeError with Bluebird\'s message', (P) => {
  try {
     
    new P(5);
    return 'no throw';
  } catch (e) {
    return e.name + ': ' + e.message;
  }
});

// ---- ferrobird-only checks where Bluebird is not the oracle ----

test('util.inspect shows the state as Node shows a native promise', () => {
  const error = new Error('r');
  const cases = [
    [Ferro.resolve(1), Promise.resolve(1)],
    [new Ferro(() => {}), new Promise(() => {})],
    [Ferro.reject(error), Promise.reject(error)],
    [Ferro.resolve({ a: [1, { b: { c: 2 } }] }), Promise.resolve({ a: [1, { b: { c: 2 } }] })],
    [Ferro.resolve('x'.repeat(100)), Promise.resolve('x'.repeat(100))],
  ];
  // (With async hooks on, as under node:test, Node shows a native promise's async ids.)
  const show = (value, options) => util.inspect(value, options).replace(/(async_id_symbol\)\]?: )\d+/g, '$1N');
  for (const [ours, native] of cases) {
    ours.catch(() => {});
    native.catch(() => {});
    assert.strictEqual(show(ours), show(native));
    assert.strictEqual(show({ nested: ours }, { depth: 1 }), show({ nested: native }, { depth: 1 }));
  }
});

// Scenarios about per-process state (the scheduler is global) run in child processes: the
// `out` of `body` on bluebird and on ferrobird must be equal.
const { inChild } = require('./helpers/in-child');

function sameInChildAsBluebird(body) {
  const expected = inChild('P', require.resolve('bluebird'), body);
  const actual = inChild('P', require.resolve('..'), body);
  assert.strictEqual(expected.code, 0, JSON.stringify(expected));
  assert.deepStrictEqual(actual, expected);
}

// A scheduler that runs the drain at once runs each job inside the call that queues it, so a
// reaction must be findable before its job is scheduled.
test('Promise.setScheduler with a synchronous scheduler: same values and order as bluebird', () => {
  const body = `
    P.setScheduler((drain) => drain());
    P.resolve(1).then((v) => out.push('then ' + v));
    P.reject(new Error('e')).catch((e) => out.push('catch ' + e.message));
    P.all([1, P.resolve(2), 3]).then((v) => out.push('all ' + v));
    P.map([1, P.resolve(2)], (x) => x * 2).then((v) => out.push('map ' + v));
    new P((resolve) => setImmediate(resolve, 4)).then((v) => out.push('later ' + v));
    out.push('end of script');
  `;
  sameInChildAsBluebird(body);
});

// Bluebird returns its default scheduler, so a tool that sets its own can put the default
// back. Bluebird's default is setImmediate and ferrobird's a native microtask: both run `fn`
// later, not inside the call.
test('Promise.setScheduler returns the scheduler it replaces, and that one can be put back', () => {
  const body = `
    const custom = (drain) => { out.push('custom'); drain(); };
    const initial = P.setScheduler(custom);
    out.push(typeof initial);
    out.push(P.setScheduler(initial) === custom);
    initial(() => out.push('default ran'));
    out.push('after calling the default');
    P.resolve(1).then((v) => out.push('then ' + v));
    setTimeout(() => out.push('timer'), 5);
  `;
  sameInChildAsBluebird(body);
});

// In Bluebird's timing (the default), Bluebird's batches; in the ES timing (this file runs in
// both: bluebird-timing.test.js), the interleaving of ES's job queue.
test('the default scheduler put back restores the interleaving with native promises', () => {
  const body = `
    P.setScheduler(P.setScheduler((drain) => drain()));
    P.resolve().then(() => out.push('A'));
    Promise.resolve().then(() => out.push('N'));
    P.resolve().then(() => out.push('B'));
  `;
  if (process.env.FERROBIRD_SCHEDULING !== 'es') sameInChildAsBluebird(body);
  else assert.deepStrictEqual(inChild('P', require.resolve('..'), body), { code: 0, out: ['A', 'N', 'B'] });
});

// Quiet jobs with no microtask of ours due are run by a setImmediate taken at load, as
// Bluebird takes its scheduler: fake timers installed later must not stall map.
test('map finishes when setImmediate is replaced after load (fake timers)', async () => {
  const original = global.setImmediate;
  global.setImmediate = () => {
    throw new Error('the fake setImmediate was called');
  };
  try {
    const resolvers = [];
    const inputs = [1, 2, 3].map((v) => new Ferro((resolve) => resolvers.push(() => resolve(v))));
    const mapped = Ferro.map(inputs, (v) => new Ferro((resolve) => setTimeout(resolve, 1, v * 2)), { concurrency: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (const resolve of resolvers) resolve();
    assert.deepStrictEqual(await mapped, [2, 4, 6]);
  } finally {
    global.setImmediate = original;
  }
});

// Found by the Bluebird-timing fuzz once it called Bluebird's own methods (session 15).
// Bluebird's Node-style callbacks fulfil with the value as it is (nodebackForPromise
// `_fulfill`s), and so pass it on, and so do race and any.
same('a Node-style callback\'s thenable value is the fulfilment, passed on as it is', async (P) => {
  const thenable = { then(resolve) { resolve('inner'); } };
  const isIt = (v) => v === thenable;
  const source = P.fromCallback((cb) => cb(null, thenable));
  return [
    await source.then(isIt),
    await source.then().catch(() => 'no').then(isIt),
    await P.promisify((cb) => setImmediate(() => cb(null, thenable)))().then(isIt),
    await P.any([source]).then(isIt),
    await P.race([source]).then(isIt),
    await P.fromCallback((cb) => cb(null, 1, thenable), { multiArgs: 1 }).then((v) => isIt(v[1])),
  ];
});

same('some: rejections among the inputs decide before too few inputs', (P) => P.all([
  P.some([P.reject(new Error('r'))], 2).catch((e) => [e.name, e.message, e.length]),
  P.some([1], 2).catch((e) => [e.name, e.message]),
  P.some([], 1).catch((e) => [e.name, e.message]),
  P.some([new P(() => {}), P.reject(new Error('s'))], 3).catch((e) => [e.name, e.length]),
]));

same('join with a function calls it with the values, join(fn) alone is an array of it', (P, log) => P.all([
  P.join(1, P.resolve(2), P.delay(1, 3), (a, b, c) => a + b + c),
  P.join(1, 2, 3, 4, 5, 6, 7, 8, 9, (...values) => values.length),
  P.join(P.reject(new Error('j')), 2, () => log('never')).catch((e) => log(e.message)),
  P.join(() => 'fn').then((values) => typeof values[0]),
]));

same('error() catches a timeout, which Bluebird marks operational', (P) =>
  new P(() => {}).timeout(1).error((e) => [e.name, e.message, e.isOperational]));

// Bluebird's PromiseArray reads an iterable in its constructor (util.asArray): one whose
// iteration throws makes the static throw in the call, not reject; props reads keys instead.
same('an iterable whose iteration throws makes each collection static throw in the call; props reads its keys', async (P, log) => {
  const bad = () => ({ [Symbol.iterator]() { return 1; } });
  const calls = {
    all: () => P.all(bad()), race: () => P.race(bad()), any: () => P.any(bad()), some: () => P.some(bad(), 1),
    allSettled: () => P.allSettled(bad()), settle: () => P.settle(bad()), reduce: () => P.reduce(bad(), (a) => a, 0),
    each: () => P.each(bad(), () => {}), mapSeries: () => P.mapSeries(bad(), (a) => a), props: () => P.props(bad()),
  };
  for (const [name, call] of Object.entries(calls)) {
    try {
      log(name, 'returned', await call().then((v) => JSON.stringify(v), (e) => 'rejected ' + e.message));
    } catch (error) {
      log(name, 'threw', error.constructor.name, error.message);
    }
  }
});
