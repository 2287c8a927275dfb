'use strict';
// Tools that patch Bluebird keep working on ferrobird (issue #8): is-bluebird's check,
// cls-bluebird (what Sequelize's useCLS() applies) on the main export and on library copies,
// and the `_then` / `_addCallbacks` calls a prototype wrapper sees, compared with bluebird.

const test = require('node:test');
const assert = require('node:assert');
const cls = require('cls-hooked');
const clsBluebird = require('cls-bluebird');
const isBluebird = require('is-bluebird');
const Bluebird = require('bluebird');
const Ferro = require('..');

test('is-bluebird recognises ferrobird as Bluebird v3, copies included', () => {
  assert.strictEqual(isBluebird.v3.ctor(Ferro), true);
  assert.strictEqual(isBluebird.v3(Ferro.resolve(1)), true);
  assert.strictEqual(isBluebird.v3.ctor(Ferro.getNewLibraryCopy()), true);
  assert.strictEqual(Ferro.prototype._addCallbacks.length, Bluebird.prototype._addCallbacks.length);
  assert.strictEqual(Ferro.prototype._then.length, Bluebird.prototype._then.length);
});

test('getNewLibraryCopy: an independent constructor and prototype on the same engine', async () => {
  const Copy = Ferro.getNewLibraryCopy();
  assert.notStrictEqual(Copy, Ferro);
  assert.notStrictEqual(Copy.prototype, Ferro.prototype);
  Copy.prototype.extra = () => 'copy only';
  assert.strictEqual(typeof Ferro.prototype.extra, 'undefined');
  assert.strictEqual(Copy.resolve(1) instanceof Ferro, false);
  assert.strictEqual(Ferro.is(Copy.resolve(1)), false);
  assert.strictEqual(await Copy.resolve(Ferro.resolve(2)), 2);
  assert.strictEqual(await Ferro.all([Copy.resolve(3), Ferro.resolve(4)]).then((v) => v.join()), '3,4');
});

test('prototype and statics list no own methods beyond Bluebird 3.7.2 (besides ES ones)', () => {
  const esExtras = new Set(['withResolvers', 'allSettled', 'try']);
  const extraStatics = Object.getOwnPropertyNames(Ferro).filter((n) => !(n in Bluebird) && !esExtras.has(n));
  const extraProto = Object.getOwnPropertyNames(Ferro.prototype).filter((n) => !(n in Bluebird.prototype));
  assert.deepStrictEqual(extraStatics, []);
  assert.deepStrictEqual(extraProto, []);
});

// ---- cls-bluebird ---------------------------------------------------------------------

let namespaces = 0;

// Attaches a handler with `attach(P, gate, record)` inside one CLS context, then settles the
// gate from another; resolves with the context the handler saw.
function contextSeen(P, ns, attach, { reject = false } = {}) {
  return new Promise((done, fail) => {
    let settle;
    const gate = new P((resolve, rejectGate) => {
      settle = reject ? () => rejectGate(new Error('gate')) : () => resolve([1]);
    });
    const record = () => {
      done(ns.get('where'));
    };
    ns.run(() => {
      ns.set('where', 'attached');
      const result = attach(P, gate, record);
      if (result && typeof result.catch === 'function') result.catch(() => {});
    });
    ns.run(() => {
      ns.set('where', 'settled');
      setTimeout(settle, 1);
    });
    setTimeout(() => fail(new Error('the handler never ran')), 500);
  });
}

const cases = {
  then: (P, gate, record) => gate.then(record),
  catch: [(P, gate, record) => gate.catch(record), { reject: true }],
  finally: (P, gate, record) => gate.finally(record),
  map: (P, gate, record) => P.map([gate], record),
  filter: (P, gate, record) => P.filter([gate], record),
  reduce: (P, gate, record) => P.reduce([gate], record, 0),
  each: (P, gate, record) => P.each([gate], record),
  mapSeries: (P, gate, record) => P.mapSeries([gate], record),
  'instance map': (P, gate, record) => gate.map(record),
  props: (P, gate, record) => P.props({ gate }).then(record),
  join: (P, gate, record) => P.join(gate, 1, record),
  using: (P, gate, record) => P.using(gate.disposer(() => {}), record),
  coroutine: (P, gate, record) => P.coroutine(function* () {
    yield gate;
    record();
  })(),
  delay: (P, gate, record) => gate.delay(1).then(record),
  timeout: (P, gate, record) => gate.timeout(1000).then(record),
  asCallback: (P, gate, record) => gate.asCallback(record),
  tap: (P, gate, record) => gate.tap(record),
  spread: (P, gate, record) => gate.spread(record),
  promisify: (P, gate, record) => P.promisify((callback) => gate.then(() => setTimeout(callback, 1)))().then(record),
};

function patched(P) {
  const ns = cls.createNamespace('ferrobird-test-' + namespaces++);
  clsBluebird(ns, P);
  return { P, ns };
}

const libraries = {
  bluebird: patched(Bluebird.getNewLibraryCopy()),
  ferrobird: patched(Ferro),
  'a ferrobird copy': patched(Ferro.getNewLibraryCopy()),
};

for (const [name, entry] of Object.entries(cases)) {
  const [attach, options] = Array.isArray(entry) ? entry : [entry, {}];
  test(`cls-bluebird: ${name} handlers see the context where they were attached`, async () => {
    const expected = await contextSeen(libraries.bluebird.P, libraries.bluebird.ns, attach, options);
    assert.strictEqual(expected, 'attached', 'bluebird itself keeps the context');
    for (const lib of ['ferrobird', 'a ferrobird copy']) {
      assert.strictEqual(await contextSeen(libraries[lib].P, libraries[lib].ns, attach, options), expected, lib);
    }
  });
}

test('cls-bluebird on one copy leaves another copy unpatched', async () => {
  const ns = cls.createNamespace('ferrobird-test-unpatched');
  const Unpatched = Ferro.getNewLibraryCopy();
  assert.strictEqual(await contextSeen(Unpatched, ns, cases.then), 'settled');
});

// ---- what a wrapper of _then / _addCallbacks sees -----------------------------------------

function describeArg(P, value) {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'function') return 'function';
  if (value instanceof P) return 'promise';
  return typeof value;
}

async function internalCalls(Original, chain) {
  const P = Original.getNewLibraryCopy();
  const calls = [];
  const proto = P.prototype;
  const then = proto._then;
  const addCallbacks = proto._addCallbacks;
  proto._then = function (didFulfill, didReject, _, receiver, internalData) {
    calls.push(`_then(${describeArg(P, didFulfill)}, ${describeArg(P, didReject)}, receiver ${describeArg(P, receiver)})`);
    return then.apply(this, arguments);
  };
  proto._addCallbacks = function (fulfill, reject, promise) {
    calls.push(`_addCallbacks(${describeArg(P, fulfill)}, ${describeArg(P, reject)}, ${describeArg(P, promise)})`);
    return addCallbacks.apply(this, arguments);
  };
  // Waiting with a timer, not `await`: an await adds a then() whose timing differs by design
  // (Bluebird settles from its own queue, ferrobird on the ES job queue).
  chain(P).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 20));
  return calls;
}

const chains = {
  'then on a pending promise': (P) => new P((resolve) => setTimeout(resolve, 1)).then(() => 1),
  'then on a settled promise': (P) => P.resolve(1).then(() => 2),
  'a chain of three': (P) => new P((resolve) => setTimeout(resolve, 1)).then(() => 1).then(() => 2).then(() => 3),
  'then and catch': (P) => new P((resolve, reject) => setTimeout(reject, 1, new Error('x'))).then(() => 1).catch(() => 2),
  'then with a non-function': (P) => new P((resolve) => setTimeout(resolve, 1)).then(5, () => 1),
  'bound then': (P) => P.bind({}, 1).then(function () { return this; }),
};

for (const [name, chain] of Object.entries(chains)) {
  test(`a wrapper sees the same _then / _addCallbacks calls: ${name}`, async () => {
    assert.deepStrictEqual(await internalCalls(Ferro, chain), await internalCalls(Bluebird, chain));
  });
}

// ---- how many times cls-bluebird binds ---------------------------------------------------
// cls-bluebird binds each callback in the public method it patches; a method built on another
// patched method would bind its callback (or a wrapper of it) twice. Counted while the
// handlers are attached, against bluebird.

// A patched copy of `Original` whose namespace counts the binds it makes.
function countingBinds(Original) {
  const { P, ns } = patched(Original.getNewLibraryCopy());
  const bind = ns.bind;
  const counter = { P, ns, binds: 0 };
  ns.bind = function () {
    counter.binds++;
    return bind.apply(this, arguments);
  };
  return counter;
}

async function bindsWhileAttaching(Original, attach) {
  const counter = countingBinds(Original);
  const { P, ns } = counter;
  let open;
  const gate = new P((resolve) => { open = resolve; });
  let counted;
  ns.run(() => {
    const result = attach(P, gate, () => {});
    counted = counter.binds;
    if (result && typeof result.catch === 'function') result.catch(() => {});
  });
  open([1]);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return counted;
}

for (const [name, entry] of Object.entries(cases)) {
  const attach = Array.isArray(entry) ? entry[0] : entry;
  test(`cls-bluebird binds ${name}'s callbacks as often as on bluebird`, async () => {
    // (join as Bluebird's on each Node: its fast path only where `navigator` is undefined.)
    const expected = await bindsWhileAttaching(Bluebird, attach);
    assert.strictEqual(await bindsWhileAttaching(Ferro, attach), expected);
  });
}

// Over the whole run, with inputs that are promises: internal chaining must not pass through
// the patched methods more often than Bluebird's does. (Adopting a promise of ours through
// a `then` cls-bluebird had wrapped bound the resolving functions once per adoption: each
// bound 8 times where bluebird binds twice; spawn went through the patched coroutine.)
async function bindsOverRun(Original, attach) {
  const counter = countingBinds(Original);
  const { P, ns } = counter;
  let open;
  const gate = new P((resolve) => { open = resolve; });
  let settled = false;
  ns.run(() => {
    const result = attach(P, gate, () => {});
    result.then(() => { settled = true; }, () => { settled = true; });
  });
  open([1, 2]);
  while (!settled) await new Promise((resolve) => setTimeout(resolve, 1));
  return counter.binds;
}

const runs = {
  each: (P, gate, f) => P.each([gate, P.resolve(2), 3], f),
  mapSeries: (P, gate, f) => P.mapSeries([gate, P.resolve(2), 3], f),
  reduce: (P, gate, f) => P.reduce([gate, P.resolve(2), 3], f, 0),
  spread: (P, gate, f) => gate.spread(f),
  'spread of promises': (P, gate, f) => P.resolve([gate, P.resolve(2)]).spread(f),
  join: (P, gate, f) => P.join(gate, P.resolve(1), f),
  'map with a concurrency': (P, gate, f) => P.map([gate, P.resolve(2), P.resolve(3)], f, { concurrency: 1 }),
  filter: (P, gate, f) => P.filter([gate, P.resolve(2)], f),
  spawn: (P, gate, f) => P.spawn(function* () {
    yield gate;
    f();
    yield P.resolve(1);
  }),
  coroutine: (P, gate, f) => P.coroutine(function* () {
    yield gate;
    f();
  })(),
  props: (P, gate, f) => P.props({ a: gate, b: P.resolve(1) }).then(f),
  using: (P, gate, f) => P.using(gate.disposer(() => {}), f),
  finally: (P, gate, f) => gate.finally(f),
  'a promise resolved with ours': (P, gate, f) => new P((resolve) => resolve(gate)).then(f),
};

for (const [name, attach] of Object.entries(runs)) {
  test(`cls-bluebird binds as often as on bluebird over a whole run: ${name}`, async () => {
    assert.strictEqual(await bindsOverRun(Ferro, attach), await bindsOverRun(Bluebird, attach));
  });
}
