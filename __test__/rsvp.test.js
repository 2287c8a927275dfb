'use strict';
// The RSVP flavour (`ferrobird/rsvp`) against rsvp 4.8.5: each scenario runs on both, and
// values, errors and logs must be equal. Settings that are per process (instrumentation,
// `configure('async')`, the `error` event) run in child processes.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { sameAs } = require('./helpers/same-as');
const { inChild: inChildProcess } = require('./helpers/in-child');

const RealRSVP = require('rsvp');
const FerroRSVP = require('../rsvp');
const same = sameAs(RealRSVP, FerroRSVP);

const later = (R, value, ms) => new R.Promise((resolve) => setTimeout(() => resolve(value), ms || 1));
const laterReject = (R, reason, ms) => new R.Promise((resolve, reject) => setTimeout(() => reject(reason), ms || 1));

// ---- the constructor and then ------------------------------------------------------------------

same('new Promise: resolve, reject, a throwing resolver, first call wins', async (R) => {
  const a = await new R.Promise((resolve) => resolve('a'), 'label a');
  const b = await new R.Promise((resolve, reject) => reject(new Error('b'))).catch((e) => e.message);
  const c = await new R.Promise(() => {
    throw new TypeError('c');
  }).catch((e) => e.name + ' ' + e.message);
  const d = await new R.Promise((resolve, reject) => {
    resolve('first');
    reject(new Error('ignored'));
    resolve('ignored');
  });
  return [a, b, c, d];
});

same('new Promise with a non-function resolver throws RSVP\'s TypeError', (R) => new R.Promise('nope'));
same('Promise called without new throws RSVP\'s TypeError', (R) => R.Promise(() => {}));

same('then: order, pass-through, thenables, a throwing handler', async (R, log) => {
  const p = R.resolve(1);
  p.then((v) => log('first', v));
  p.then((v) => log('second', v));
  log('sync');
  const a = await p.then((v) => ({ then: (resolve) => resolve(v + 1) })).then((v) => later(R, v + 1)).then((v) => Promise.resolve(v + 1));
  const b = await R.reject(new Error('x')).then((v) => v).then(null, (e) => 'caught ' + e.message);
  const c = await p.then(() => {
    throw new RangeError('threw');
  }).catch((e) => e.name);
  return [a, b, c];
});

same('a promise resolved with an RSVP promise follows it at once, as RSVP does (no thenable tick)', async (R, log) => {
  const fulfilled = R.resolve('f');
  const rejected = R.reject(new Error('r'));
  const pending = later(R, 'p');
  const adopting = [
    new R.Promise((resolve) => resolve(fulfilled)),
    R.resolve(0).then(() => rejected),
    new R.Promise((resolve) => resolve(pending)),
  ];
  adopting.forEach((p, i) => p.then((v) => log('adopted', i, v), (e) => log('adopted', i, e.message)));
  // A plain chain running alongside: its steps show how many ticks each adoption took.
  R.resolve(1).then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3')).then(() => log('tick 4'));
  await later(R, null, 5);
});

same('then on a settled promise with no handler for its state returns the promise itself', (R, log) => {
  const fulfilled = R.resolve(1);
  const rejected = R.reject(new Error('r'));
  log(fulfilled.then() === fulfilled, fulfilled.then(null, () => 0) === fulfilled, fulfilled.then(() => 0) === fulfilled);
  log(rejected.then(() => 0) === rejected, rejected.then(null, () => 0) === rejected);
  const pending = new R.Promise(() => {});
  log(pending.then() === pending);
  return rejected.catch(() => 'handled');
});

same('catch and finally (with a label argument)', async (R, log) => {
  const a = await R.reject(new Error('a')).catch((e) => e.message, 'catch label');
  const b = await R.resolve('b').finally(() => {
    log('finally b');
    return later(R, 'ignored', 2);
  }, 'finally label');
  const c = await R.reject(new Error('c')).finally(() => log('finally c')).catch((e) => e.message);
  const d = await R.resolve('d').finally(() => {
    throw new Error('finally threw');
  }).catch((e) => e.message);
  const e = await R.resolve('e').finally();
  return [a, b, c, d, e];
});

// ---- statics --------------------------------------------------------------------------------------

same('resolve/cast/reject, on RSVP and on Promise', async (R, log) => {
  const p = R.resolve(1);
  log('identity', R.resolve(p) === p, R.Promise.resolve(p) === p, R.cast(p) === p, R.Promise.cast(p) === p);
  const a = await R.resolve({ then: (resolve) => resolve('thenable') }, 'label');
  const b = await R.Promise.reject(new Error('static'), 'label').catch((e) => e.message);
  const c = await R.reject(new Error('alias')).catch((e) => e.message);
  return [a, b, c];
});

same('all: values, promises, thenables, order kept, first rejection wins', async (R) => {
  const a = await R.all([1, R.resolve(2), later(R, 3, 2), { then: (resolve) => resolve(4) }, null, () => 5], 'all label');
  const b = await R.Promise.all([later(R, 1, 5), laterReject(R, new Error('first'), 1), laterReject(R, new Error('second'), 3)]).catch((e) => e.message);
  const c = await R.all([]);
  const d = await R.all('not an array').catch((e) => e.name + ': ' + e.message);
  return [a.length, a.slice(0, 5), typeof a[5], b, c, d];
});

same('all: an element whose then getter throws is taken as a plain value, as in RSVP', (R) => R.all([1, Object.defineProperty({}, 'then', {
  get() {
    throw new Error('getter threw');
  },
})]));

same('allSettled: { state, value | reason } in order; non-array rejects', async (R) => {
  const a = await R.allSettled([1, R.reject(new Error('r')), later(R, 'l', 2)]);
  const b = await R.allSettled({}).catch((e) => e.message);
  return [a.map((s) => [s.state, s.value, s.reason && s.reason.message]), b];
});

same('race: first settled wins; non-array rejects', async (R) => {
  const a = await R.race([later(R, 'slow', 10), later(R, 'fast', 1)]);
  const b = await R.Promise.race([later(R, 'slow', 10), laterReject(R, new Error('lost'), 1)]).catch((e) => e.message);
  const c = await R.race([1, later(R, 2, 1)]);
  const d = await R.race('x').catch((e) => e.message);
  return [a, b, c, d];
});

same('hash and hashSettled: objects, promise for an object, non-objects', async (R) => {
  const a = await R.hash({ x: 1, y: R.resolve(2), z: later(R, 3, 2) }, 'hash label');
  const b = await R.hash(R.resolve({ k: later(R, 'v', 1) }));
  const c = await R.hash({ ok: 1, bad: laterReject(R, new Error('hash rejected'), 1) }).catch((e) => e.message);
  const d = await R.hash(5).catch((e) => e.name + ': ' + e.message);
  const e = await R.hashSettled({ ok: 1, bad: R.reject(new Error('settled')) });
  const f = await R.hashSettled('x').catch((err) => err.message);
  return [a, b, c, d, Object.keys(e), e.ok, e.bad.state, e.bad.reason.message, f];
});

same('map: mapFn runs as each resolves, may return promises; errors and bad input', async (R, log) => {
  const a = await R.map([1, later(R, 2, 3), R.resolve(3)], (value, index) => {
    log('map', value, index);
    return index === 0 ? later(R, value * 10, 1) : value * 10;
  }, 'map label');
  const b = await R.map([1, laterReject(R, new Error('element'), 1)], (v) => v).catch((e) => e.message);
  const c = await R.map([1], () => {
    throw new Error('mapFn threw');
  }).catch((e) => e.message);
  const d = await R.map([1], 'no fn').catch((e) => e.message);
  const e = await R.map(R.resolve('no array'), (v) => v).catch((err) => err.message);
  const f = await R.map(R.resolve([1, 2]), (v) => v + 1);
  return [a, b, c, d, e, f];
}, { unordered: true });

same('filter: keeps elements whose filterFn is truthy, may return promises', async (R) => {
  const a = await R.filter([1, 2, later(R, 3, 2), 4], (value) => (value % 2 ? R.resolve(true) : 0));
  const b = await R.filter([1], () => {
    throw new Error('filterFn threw');
  }).catch((e) => e.message);
  const c = await R.filter([1], null).catch((e) => e.message);
  const d = await R.filter({}, () => true).catch((e) => e.message);
  return [a, b, c, d];
});

same('defer: resolve, reject, first call wins', async (R) => {
  const a = R.defer('defer label');
  a.resolve('a');
  a.reject(new Error('ignored'));
  const b = R.defer();
  b.reject(new Error('b'));
  return [await a.promise, await b.promise.catch((e) => e.message), Object.keys(a).sort()];
});

function nodeStyle(a, b, callback) {
  setTimeout(() => (a === 'fail' ? callback(new Error('failed')) : callback(null, a, b)), 1);
}

same('denodeify: first value, true, names, errors, a throw, promise arguments, this', async (R) => {
  const a = await R.denodeify(nodeStyle)('x', 'y');
  const b = await R.denodeify(nodeStyle, true)('x', 'y');
  const c = await R.denodeify(nodeStyle, ['first', 'second'])('x', 'y');
  const d = await R.denodeify(nodeStyle)('fail', 1).catch((e) => e.message);
  const e = await R.denodeify(() => {
    throw new Error('sync throw');
  })().catch((err) => err.message);
  const f = await R.denodeify(nodeStyle)(R.resolve('from promise'), later(R, 'later', 1));
  const g = await R.denodeify(nodeStyle, true)({ then: (resolve) => resolve('thenable') }, 2);
  const object = {
    name: 'obj',
    method: R.denodeify(function (cb) {
      cb(null, this.name);
    }),
  };
  const h = await object.method();
  const withProps = Object.assign(function (cb) {
    cb(null, 1);
  }, { extra: 'inherited' });
  const i = R.denodeify(withProps).extra;
  const j = await R.denodeify(nodeStyle)(R.reject(new Error('argument rejected')), 1).catch((err) => err.message);
  return [a, b, c, d, e, f, g, h, i, j];
});

same('denodeify calls the function at once', (R, log) => {
  R.denodeify((cb) => {
    log('called');
    cb(null);
  })();
  log('after');
});

same('asap and async run the callback later with its argument', async (R, log) => {
  R.asap((arg) => log('asap', arg), 1);
  R.async((arg) => log('async', arg), 2);
  log('sync');
  await later(R, null, 2);
});

same('error event: not for a rejection handled in the same turn or before `after`', async (R, log) => {
  const listener = (reason) => log('error', reason.message);
  R.on('error', listener);
  try {
    const a = R.reject(new Error('handled now'));
    a.catch(() => {});
    const b = R.reject(new Error('handled in a microtask'));
    await null;
    b.catch(() => {});
    await later(R, null, 20);
  } finally {
    R.off('error', listener);
  }
});

same('EventTarget.mixin gives an object on/off/trigger', (R, log) => {
  const object = R.EventTarget.mixin({});
  object.on('poke', (options, label) => log('poked', JSON.stringify(options), label));
  object.trigger('poke', { n: 1 }, 'l');
  object.off('poke');
  object.trigger('poke');
  return Object.keys(object).sort();
});

same('configure reads and writes settings', (R) => {
  R.configure('custom-setting', 42);
  const value = R.configure('custom-setting');
  return [value, R.configure('instrument'), typeof R.configure('after')];
});

// ---- process-level behaviour ----------------------------------------------------------------------

const root = path.resolve(__dirname, '..');

const inChild = (lib, ...rest) => inChildProcess('RSVP', lib, ...rest);

const real = require.resolve('rsvp');
const ours = path.join(root, 'rsvp.js');

test('instrumentation: created, chained, fulfilled, rejected with RSVP\'s payloads', () => {
  const body = `
RSVP.configure('instrument', true);
const seen = new Map();
const guid = (g) => { if (!seen.has(g)) seen.set(g, seen.size); return seen.get(g); };
for (const name of ['created', 'chained', 'fulfilled', 'rejected']) {
  RSVP.on(name, (event) => out.push([event.eventName, guid(event.guid), event.childGuid.endsWith('undefined') ? '-' : guid(event.childGuid), JSON.stringify(event.detail === undefined ? null : event.detail instanceof Error ? event.detail.message : event.detail), event.label === undefined ? '-' : event.label, typeof event.timeStamp, event.stack === undefined ? 'no stack' : 'stack'].join(' ')));
}
const p = new RSVP.Promise((resolve) => resolve(1), 'root');
p.then((v) => v + 1, undefined, 'child');
const r = new RSVP.Promise((resolve, reject) => reject(new Error('boom')), 'rejected root');
r.catch(() => 'ok', 'caught');
setTimeout(() => {}, 80);`;
  const expected = inChild(real, body);
  assert.ok(expected.out.length >= 6, JSON.stringify(expected));
  const actual = inChild(ours, body);
  // RSVP queues a rejection's event when it publishes (a tick later) and ferrobird when the
  // promise settles, so the batch is compared as a multiset.
  assert.deepStrictEqual(actual.out.slice().sort(), expected.out.slice().sort());
});

test('instrument-with-stack adds the stack', () => {
  const body = `
RSVP.configure('instrument', true);
RSVP.configure('instrument-with-stack', true);
RSVP.on('created', (event) => out.push(typeof event.stack, event.stack.split('\\n')[0]));
new RSVP.Promise(() => {}, 'labelled');
setTimeout(() => {}, 80);`;
  const expected = inChild(real, body);
  assert.deepStrictEqual(expected.out, ['string', 'Error: labelled']);
  assert.deepStrictEqual(inChild(ours, body), expected);
});

test('configure(\'async\') schedules the callbacks', () => {
  const body = `
const queue = [];
RSVP.configure('async', (callback, arg) => { out.push('scheduled'); queue.push(() => callback(arg)); });
RSVP.resolve(1).then((v) => out.push('ran ' + v));
setTimeout(() => { out.push('flush'); while (queue.length) queue.shift()(); }, 5);`;
  const expected = inChild(real, body);
  assert.deepStrictEqual(expected.out, ['scheduled', 'flush', 'ran 1']);
  assert.deepStrictEqual(inChild(ours, body), expected);
});

test('rethrow throws at once and again on a timer', () => {
  const body = `
process.on('uncaughtException', (e) => out.push('uncaught ' + e.message));
RSVP.reject(new Error('rethrown')).catch(RSVP.rethrow).catch((e) => out.push('caught ' + e.message));`;
  const expected = inChild(real, body);
  assert.deepStrictEqual(expected.out, ['caught rethrown', 'uncaught rethrown']);
  assert.deepStrictEqual(inChild(ours, body), expected);
});

test('on/off: error listeners, with labels; off with and without a callback', () => {
  const body = `
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const listener = (reason, label) => out.push(['error', reason.message, label].join(' '));
const other = () => out.push('other');
(async () => {
  RSVP.on('error', listener);
  RSVP.on('error', listener);
  RSVP.on('error', other);
  RSVP.reject(new Error('unhandled'), 'the label');
  await later(20);
  RSVP.off('error', other);
  RSVP.reject(new Error('second'));
  await later(20);
  RSVP.off('error');
  RSVP.reject(new Error('third'));
  await later(20);
  try { RSVP.on('error', 'not a function'); } catch (error) { out.push(error.message); }
})();`;
  const expected = inChild(real, body);
  assert.deepStrictEqual(expected.out, ['error unhandled the label', 'other', 'error second ', 'Callback must be a function']);
  assert.deepStrictEqual(inChild(ours, body), expected);
});

test('an unhandled RSVP rejection emits the process event but does not end the process', () => {
  const body = `
process.on('unhandledRejection', (reason, promise) => out.push('unhandledRejection ' + reason.message + ' ' + (promise instanceof RSVP.Promise)));
RSVP.reject(new Error('lost'));
setTimeout(() => out.push('still running'), 20);`;
  assert.deepStrictEqual(inChild(ours, body), { code: 0, out: ['unhandledRejection lost true', 'still running'] });
  const silent = "RSVP.reject(new Error('nobody listens')); setTimeout(() => out.push('still running'), 20);";
  assert.deepStrictEqual(inChild(ours, silent), inChild(real, silent));
});

// Not rsvp's behaviour (rsvp would build on whatever the constructor returned): a `then` whose
// promise's constructor makes no promise of ours falls back to RSVP.Promise, never the engine.
test('then with a constructor that makes no promise falls back to RSVP.Promise', async () => {
  const FerroRsvp = require('../rsvp');
  const promise = FerroRsvp.resolve(1);
  promise.constructor = function NotAPromise() {
    return {};
  };
  const child = promise.then((value) => value + 1);
  assert.ok(child instanceof FerroRsvp.Promise);
  assert.strictEqual(await child, 2);
});
