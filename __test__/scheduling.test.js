'use strict';
// Bluebird's timing (`scheduling: 'bluebird'`, FERROBIRD_SCHEDULING=bluebird): each scenario
// runs in a fresh process on bluebird 3.7.2 and on ferrobird in that timing, and the order of
// its effects must be the same. The ES timing's own order is checked against native promises
// elsewhere (differential.test.js, the fuzz test).

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { inChild } = require('./helpers/in-child');

const root = path.resolve(__dirname, '..');
const bluebird = require.resolve('bluebird');

function run(lib, body, env = {}) {
  return inChild('P', lib, `const log = (...parts) => out.push(parts.join(' '));\n${body}`, [], { FERROBIRD_SCHEDULING: '', ...env });
}

function sameAsBluebird(name, body) {
  test(name, () => {
    const expected = run(bluebird, body);
    assert.ok(Array.isArray(expected.out) && expected.out.length > 0, 'the scenario runs on bluebird: ' + JSON.stringify(expected));
    assert.deepStrictEqual(run(root, body, { FERROBIRD_SCHEDULING: 'bluebird' }), expected);
  });
}

sameAsBluebird('handlers run in batches after native promise jobs, in a check phase', `
P.resolve().then(() => log('a'));
Promise.resolve().then(() => log('native'));
P.resolve().then(() => log('b')).then(() => log('c'));
process.nextTick(() => log('tick'));
setImmediate(() => log('immediate'));
(async () => { await null; log('await'); })();
`);

sameAsBluebird('a promise resolved with a settled promise of ours is settled at once', `
const fulfilled = new P((resolve) => resolve(P.resolve(3)));
const rejected = new P((resolve) => resolve(P.reject(new Error('no'))));
log(fulfilled.isFulfilled(), fulfilled.value(), rejected.isRejected(), rejected.reason().message);
const pending = new P((resolve) => resolve(P.delay(1, 'later')));
log(pending.isPending());
pending.then((v) => log('then', v));
`);

sameAsBluebird("a thenable's then is called while resolving", `
const p = new P((resolve) => resolve({ then(onFulfilled) { log('then called'); onFulfilled(7); } }));
log('after resolve', p.isFulfilled());
P.resolve().then(() => ({ then(f) { log('from a handler'); f(1); } })).then((v) => log('value', v));
`);

sameAsBluebird('onCancel callbacks run in the queue, before later handlers', `
P.config({ cancellation: true });
let cancelled = 0;
const p = new P((_, __, onCancel) => onCancel(() => { cancelled++; log('onCancel'); }));
const chained = p.lastly(() => log('finally', cancelled));
chained.cancel();
P.resolve().then(() => log('handler', cancelled));
`);

// Bluebird's own report comes from a 1 ms timer, before or after its first batch: the events
// are compared, not their order.
sameAsBluebird('a rejection handled in the batch after it is not reported (GH-1487)', `
const events = [];
process.on('unhandledRejection', (reason) => events.push('unhandled ' + reason.message));
P.map([P.reject(new Error('handled by map'))], () => {}).catch((e) => events.push('caught ' + e.message));
P.filter([P.reject(new Error('handled by filter'))], () => true).catch((e) => events.push('caught ' + e.message));
P.reject(new Error('never handled'));
setTimeout(() => log(events.sort().join(', ')), 20);
`);

sameAsBluebird('Promise.setScheduler replaces the batch scheduler', `
const calls = [];
P.setScheduler((drain) => { calls.push('scheduled'); process.nextTick(drain); });
P.resolve(1).then((v) => log('ran', v, calls.length));
Promise.resolve().then(() => log('native after the tick'));
`);

test('the scheduling is chosen before jobs are queued, and only among the two timings', () => {
  const { out } = run(root, `
try { P.config({ scheduling: 'fast' }); } catch (e) { log(e.constructor.name, e.message); }
P.resolve().then(() => {});
try { P.config({ scheduling: 'es' }); } catch (e) { log(e.constructor.name, e.message); }
P.config({ scheduling: 'bluebird' });
log('bluebird, the default, again is fine');
`);
  assert.deepStrictEqual(out, [
    "TypeError scheduling must be 'es' or 'bluebird', got fast",
    'Error the scheduling can only be changed while no promise jobs are queued: choose it at start-up',
    'bluebird, the default, again is fine',
  ]);
});

test('FERROBIRD_SCHEDULING with an unknown value fails at require with a clear error', () => {
  const result = run(root, 'log("loaded");', { FERROBIRD_SCHEDULING: 'soon' });
  assert.strictEqual(result.status, 1);
  assert.match(result.stderr, /TypeError: scheduling must be 'es' or 'bluebird', got soon/);
});

test('Promise.config({ scheduling: "bluebird" }) at start-up gives Bluebird\'s timing', () => {
  const body = `
P.config({ scheduling: 'bluebird' });
P.resolve().then(() => log('ferrobird'));
Promise.resolve().then(() => log('native'));
`;
  assert.deepStrictEqual(run(root, body).out, ['native', 'ferrobird']);
});

// Bluebird's async-guaranteed promises (`_setAsyncGuaranteed`): a promisified, fromCallback or
// delay promise, and every promise that follows one, runs its fulfilment handlers inside the
// callback that settles it, depth first; a rejection waits for the batch.
sameAsBluebird("a promisified call's handlers, and those of the promises that follow, run inside its callback", `
const call = P.promisify((cb) => setTimeout(() => { log('callback'); cb(null, 1); log('after callback'); }, 1));
call().then((v) => { log('handler', v); return v + 1; }).then((v) => log('second', v));
call().then(() => call()).then((v) => log('followed a second call', v));
`);

// One timer calls every callback, so that all of them run before any batch can.
sameAsBluebird('a rejection from a callback waits for the batch', `
const callbacks = [];
const fail = P.promisify((cb) => callbacks.push(() => { cb(new Error('no')); log('after callback'); }));
fail().catch((e) => log('caught', e.message));
const fine = P.fromCallback((cb) => callbacks.push(() => { cb(null, 'yes'); log('after fromCallback'); }));
fine.then((v) => log('fromCallback handler', v));
setTimeout(() => callbacks.forEach((callback) => callback()), 1);
`);

sameAsBluebird('a delay runs its handlers depth first inside its timer, and a coroutine resumes there', `
const d = P.delay(1);
d.then(() => log('a')).then(() => log('a2'));
d.then(() => log('b'));
setTimeout(() => log('timer after the delay'), 1);
const callbacks = [];
const call = P.promisify((cb) => callbacks.push(() => { cb(null, 2); log('after callback'); }));
P.coroutine(function* () { const v = yield call(); log('resumed', v); })();
setTimeout(() => { callbacks.forEach((callback) => callback()); log('timer'); }, 2);
`);

sameAsBluebird('once a custom scheduler is set, handlers go through it', `
const previous = P.setScheduler((fn) => setTimeout(fn, 0));
P.setScheduler(previous);
const call = P.promisify((cb) => setTimeout(() => { cb(null, 1); log('after callback'); }, 1));
call().then(() => log('handler'));
`);

sameAsBluebird("a collection's result, decided by a callback, runs its handlers inside that callback", `
const callbacks = [];
const call = P.promisify((cb) => callbacks.push((v) => { cb(null, v); log('after callback', v); }));
P.all([call(), call()]).then((values) => log('all', values.join()));
P.map([1, 2], () => call()).then((values) => log('map', values.join()));
P.props({ a: call() }).then((value) => log('props', value.a));
setTimeout(() => { callbacks.forEach((callback, i) => callback(i)); log('timer'); }, 2);
`);

// A quiet element job queued while a drain was due but had no batch left to run (the batch
// it was scheduled for ran in the drain before) once stayed in the queue for good.
sameAsBluebird('a collection settled from a host callback between two drains still settles', `
let resolveInner;
const mapped = P.map([1], () => new P((resolve) => { resolveInner = resolve; }));
P.resolve().then(() => { setImmediate(() => resolveInner('inner')); }).then(() => {});
mapped.then((v) => log('map', v));
setTimeout(() => log('pending after 50 ms:', mapped.isPending()), 50);
`);

// A tick counter: each link of a chain of ours is one turn of Bluebird's queue.
const TICKS = `let n = 0; const tick = () => { log('t' + n++); if (n < 8) P.resolve().then(tick); }; P.resolve().then(tick);`;

sameAsBluebird("a promise that follows a pending one runs its handlers in that one's turn (Bluebird moves them)", `
${TICKS}
let settle; const pending = new P((resolve) => { settle = resolve; });
P.resolve().then(() => pending).then((v) => log('returned from a handler', v));
const follower = new P((resolve) => resolve(pending));
follower.then((v) => log('resolved with it', v));
P.resolve().then(() => { log('settle'); settle('x'); });
`);

sameAsBluebird("collections of values known at the call are decided in the call, as Bluebird's PromiseArray", `
const results = { all: P.all([1, P.resolve(2)]), instanceAll: P.resolve([3]).all(), props: P.props({ a: 1 }),
  allSettled: P.allSettled([1]), any: P.any([1]), some: P.some([1, 2], 1), race: P.race([1]),
  map: P.map([1], (x) => x), reduce: P.reduce([1, 2], (a, b) => a + b), rejected: P.all([P.reject(new Error('r'))]) };
for (const name of Object.keys(results)) log(name, results[name].isPending());
results.rejected.catch(() => {});
`);

sameAsBluebird("reduce, each and mapSeries take Bluebird's turns per element", `
${TICKS}
P.reduce(['a', 'b'], (a, b) => { log('reduce'); return a + b; }).then((v) => log('reduced', v));
P.each(['a', 'b'], (v) => { log('each', v); }).then(() => log('each done'));
P.mapSeries(['a', 'b'], (v) => { log('mapSeries', v); return v; }).then(() => log('mapSeries done'));
P.reduce(['a', P.resolve('b')], (a, b) => a + b).then((v) => log('reduced with a promise', v));
`);

sameAsBluebird('finally and tap pass the outcome on in their own turn unless their handler returns a promise', `
${TICKS}
const base = P.resolve(0);
base.finally(() => 1).then(() => log('finally, a value'));
base.finally(() => P.resolve(1)).then(() => log('finally, a promise'));
base.finally(() => ({ then(r) { r(2); } })).then(() => log('finally, a thenable'));
base.tap(() => 1).then(() => log('tap, a value'));
base.tap(() => P.delay(1)).then(() => log('tap, a promise'));
P.reject(new Error('e')).tapCatch(() => 1).catch(() => log('tapCatch, a value'));
`);

sameAsBluebird('what follows an async-guaranteed promise is async-guaranteed, rejected or attached late', `
${TICKS}
let settle; const pending = new P((resolve) => { settle = resolve; });
const any = P.any([pending]);
P.resolve().then(() => { settle(1); });
P.resolve().then(() => P.resolve().then(() => any.then(() => log('attached late to a settled one'))));
P.all([pending]).then(() => { throw new Error('r'); }).catch(() => log('caught after a rejection'));
`);

// Once crashed the engine (a node linked to itself): resolving a promise with its own follower.
sameAsBluebird('a promise resolved with a promise that follows it is rejected as a cycle', `
let resolveA, resolveB;
const a = new P((resolve) => { resolveA = resolve; });
const b = new P((resolve) => { resolveB = resolve; });
resolveB(a);
resolveA(b);
a.catch((e) => log('a', e.constructor.name, e.message));
b.catch((e) => log('b', e.constructor.name, e.message));
`);

// Bluebird inspects a follower through the promise it follows (_target()): fulfilled as soon
// as that one is, before the follower's own turn.
sameAsBluebird('a promise that follows another shows its state at once', `
let settle;
const pending = new P((resolve) => { settle = resolve; });
const follower = new P((resolve) => resolve(pending));
log('before', follower.isPending(), follower.isFulfilled());
P.resolve().then(() => {
  settle(5);
  log('after', follower.isPending(), follower.isFulfilled(), follower.value(), JSON.stringify(follower.toJSON()));
});
`);

// Found by the Bluebird-timing fuzz (seed 454720764): a promise resolved with a follower
// whose followed promise is settled, its follower's turn still to come, is settled at once
// (Bluebird resolves with `_target()`), so an async-guaranteed one runs its handlers there.
sameAsBluebird('a promise resolved with a follower of a settled promise takes its outcome at once', `
const log2 = (p, n) => p.then((v) => log(n, 'fulfilled', v), (r) => log(n, 'rejected', r));
const settled = P.allSettled([P.resolve(0).finally(() => { throw 55; })]);
log2(settled, 'allSettled');
let resolveFollower;
const follower = new P((resolve) => { resolveFollower = resolve; });
log2(follower, 'follower');
log2(settled.return(follower), 'returned');
const followed = P.resolve(0).then(null, null);
log2(followed, 'followed');
resolveFollower(followed);
`);

// Found by the Bluebird-timing fuzz with Bluebird's own methods (session 15): a rejection
// reaches each's and mapSeries's result in Bluebird's turns (the last link hands it to the
// result at once, each takes one turn more), and suppressUnhandledRejections (which reduce
// calls on its inputs) adds no reaction that would change the turns.
sameAsBluebird("each and reduce pass a rejection on in Bluebird's turns", `
const thenable = { then(resolve) { resolve('x'); } };
const watch = (p, n) => p.then(() => log(n, 'fulfilled'), () => log(n, 'rejected'));
const first = new P((_, reject) => reject(thenable));
watch(first, 'first');
const second = first.then(() => 1);
watch(second, 'second');
const reduced = P.reduce([second, first, second], () => 5);
watch(reduced, 'reduce');
watch(P.resolve(reduced).reflect(), 'reflect');
watch(P.each([67, 0, 75], () => second), 'each');
`);

sameAsBluebird("mapSeries passes a rejection on in Bluebird's turns", `
const watch = (p, n) => p.then(() => log(n, 'fulfilled'), () => log(n, 'rejected'));
const awaited = (async () => { await P.resolve(0); log('awaited'); return Promise.resolve(5); })();
watch(awaited, 'async');
watch(P.resolve(awaited).catchThrow(1), 'catchThrow');
watch(P.mapSeries([P.resolve(0)], () => { const p = Promise.reject(new Error('n')); p.catch(() => {}); return p; }), 'mapSeries');
`);

// Bluebird's join with a function has a holder of its own: the function runs in a job of its
// own when every input was known (in the turn of the last input otherwise), and the result
// is async-guaranteed.
sameAsBluebird('join runs its function in a turn of its own, and its result at once after', `
const a = P.resolve(0);
const b = P.resolve(0);
P.join(a, b, 74, (x, y) => { log('join', x, y); return 1; }).then((v) => log('joined', v));
P.resolve(0).then(() => log('next'));
let settle;
const pending = new P((resolve) => { settle = resolve; });
P.join(1, pending, (x, y) => log('late join', x, y)).then(() => log('after late join'));
P.resolve().then(() => log('a')).then(() => { log('b'); settle(2); }).then(() => log('c')).then(() => log('d'));
`);

// Found by the Bluebird-timing fuzz with timers and more of Bluebird's API (session 15).
// Bluebird's bind makes the bound promise follow the source (`_resolveCallback(target)`):
// its handlers run in the source's turn.
sameAsBluebird("a bound promise's handlers run in its source's turn", `
const watch = (p, n) => p.then((v) => log(n, 'fulfilled', v), (r) => log(n, 'rejected'));
const source = P.resolve(0).then(() => ({ then(resolve) { queueMicrotask(() => resolve('later')); } }));
watch(source, 'source');
watch(source.catch(() => 1), 'catch');
const receiver = {};
watch(P.bind(receiver, source).then(function (v) { log('bound', this === receiver, v); return v; }), 'bound');
`);

// Bluebird's delay(ms, value) awaits the value in a job first, then a delay of its own
// returns it; its result, and a timeout's, are async-guaranteed.
sameAsBluebird("delay with a value, and timeout, take Bluebird's turns", `
const watch = (p, n) => p.then((v) => log(n, 'fulfilled', v), (r) => log(n, 'rejected'));
const delayed = P.delay(0, 89);
watch(delayed, 'delayed');
watch(delayed.then(() => { throw new Error('thrown'); }), 'thrown');
watch(delayed.then(() => 1), 'returned');
const settledLater = P.delay(1).then(() => [1]);
const timed = settledLater.timeout(50);
watch(timed, 'timed');
watch(settledLater.spread((v) => v).catch(() => 0), 'spread');
`);

// A cancelled reaction among an async-guaranteed or following promise's is skipped where the
// others run at once (Bluebird's _settlePromiseFromHandler skips it): it does not push them
// all into the queue.
sameAsBluebird('a cancelled reaction does not delay the others of a following promise', `
P.config({ cancellation: true });
const watch = (p, n) => p.then((v) => log(n, 'fulfilled', v), (e) => log(n, 'rejected', e.message));
const first = P.resolve(0);
watch(first, 'first');
const awaiting = first.finally(() => Promise.resolve(7));
watch(awaiting, 'awaiting');
const child = awaiting.then(() => 1, () => 2);
watch(child, 'child');
watch(first.finally(() => { const p = Promise.reject(new Error('n')); p.catch(() => {}); return p; }), 'rejecting');
child.cancel();
`);

// With cancellation on (found by the fuzz): a promise resolved with a cancelled one is a late
// cancellation observer at once, and a follower of a cancelled promise is seen as it, as
// Bluebird's _resolveCallback and _then look at _target().
sameAsBluebird('following a cancelled promise is a late cancellation observer, at once', `
P.config({ cancellation: true });
const watch = (p, n) => p.then((v) => log(n, 'fulfilled', v), (e) => log(n, 'rejected', e.message));
let resolveFollower;
const source = new P(() => {});
const follower = new P((resolve) => { resolveFollower = resolve; });
resolveFollower(source);
source.cancel();
log('follower cancelled', follower.isCancelled());
watch(follower.catch((e) => 'caught ' + e.message), 'caught');
const cancelled = new P(() => {});
cancelled.cancel();
watch(P.resolve(1).then(() => cancelled), 'returned');
P.resolve().then(() => log('a')).then(() => log('b')).then(() => log('c'));
`);
