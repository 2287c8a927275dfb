'use strict';
// Fault injection, run in a child process by faults.test.js (the timing is per process):
// `node fault-program.js es|bluebird`, with FERROBIRD_CHECK=1 so that the first job whose
// two halves disagree stops the process.
//
// Each operation runs at every stack depth near the limit: a recursion to the limit, then the
// operation in each frame on the way back, so that the stack overflows at each point inside
// it in turn (the frame padding varies, to shift where). Then the same operations on frozen
// and sealed promises, with throwing getters and Proxies. After each group, unrelated
// promises (some made before the faults, waiting through them, some made after) must get
// exactly the values native Promise gives the same program. Prints one JSON line.

const P = require('../..');

const timing = process.argv[2];
P.config({ scheduling: timing, cancellation: timing === 'bluebird' });

// Rejections the faults leave unhandled are expected; anything thrown to the host is not.
const uncaught = [];
process.on('uncaughtException', (error) => uncaught.push(String(error && error.stack)));
process.on('unhandledRejection', () => {});
P.onPossiblyUnhandledRejection(() => {});

function defer(Ctor) {
  let resolve;
  let reject;
  const promise = new Ctor((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const operations = {
  'then on a resolved promise': () => P.resolve(1).then((x) => x + 1),
  'then-chain': () => P.resolve(1).then((x) => x + 1).then((x) => x * 2).catch(() => 0),
  'executor resolving': () => new P((resolve) => resolve(1)).then((x) => x),
  'then on a pending promise, then settling it': () => {
    const d = defer(P);
    d.promise.then((x) => x);
    d.promise.then((x) => x);
    d.resolve(3);
  },
  'reject and catch': () => P.reject(new Error('r')).catch((e) => e.message),
  'late catch on an unhandled rejection': () => {
    const p = P.reject(new Error('late'));
    return P.resolve().then(() => p.catch(() => 'caught'));
  },
  'Promise.all, settled and pending': () => P.all([P.resolve(1), P.resolve(2).then((x) => x), defer(P).promise]),
  'Promise.all of a pending promise settled at once': () => {
    const d = defer(P);
    const all = P.all([d.promise, 2]);
    d.resolve(1);
    return all;
  },
  'race': () => P.race([P.resolve(1), defer(P).promise]),
  'resolving with a thenable': () => P.resolve({ then: (resolve) => resolve(5) }),
  'resolving with a promise of ours': () => {
    const d = defer(P);
    const follower = new P((resolve) => resolve(d.promise));
    follower.then((x) => x);
    d.resolve(6);
  },
  'resolving with a native promise': () => P.resolve(Promise.resolve(7)).then((x) => x),
  'map with a concurrency': () => P.map([1, 2, P.resolve(3)], (x) => x * 2, { concurrency: 2 }),
  'reduce': () => P.reduce([1, P.resolve(2)], (a, b) => a + b, 0),
  'props': () => P.props({ a: 1, b: P.resolve(2) }),
  'some and any': () => P.some([P.resolve(1), 2, P.reject(new Error('no'))], 2).then(() => P.any([P.reject(new Error('x')), 3])),
  'settle': () => P.settle([P.resolve(1), P.reject(new Error('s'))]),
  'each and mapSeries': () => P.each([1, 2], (x) => x).then(() => P.mapSeries([1, P.resolve(2)], (x) => x)),
  'finally and tap': () => P.resolve(1).finally(() => P.resolve()).tap(() => 1),
  'promisify': () => P.promisify((cb) => cb(null, 1))(),
  'coroutine': () => P.coroutine(function* () { return (yield P.resolve(1)) + 1; })(),
  'cancel': () => {
    if (timing !== 'bluebird') return undefined;
    const d = defer(P);
    const derived = d.promise.then((x) => x);
    derived.cancel();
    d.promise.cancel();
    return derived;
  },
};

// Runs `op` in every frame on the way back from the stack's limit; `padding` locals shift
// where in the operation the overflow lands. Returns [frames where it threw, where it ran].
function atEveryDepth(op, padding) {
  let threw = 0;
  let ran = 0;
  const recurse = [
    function rec0() {
      try { rec0(); } catch (e) { /* the limit */ }
      try { op(); ran++; } catch (e) { threw++; }
    },
    function rec1() {
      const a = padding + 1;
      try { rec1(); } catch (e) { /* the limit */ }
      try { op(a); ran++; } catch (e) { threw++; }
    },
    function rec2() {
      const a = padding + 1;
      const b = [a, a];
      const c = { a, b };
      try { rec2(); } catch (e) { /* the limit */ }
      try { op(c); ran++; } catch (e) { threw++; }
    },
  ][padding];
  recurse();
  return [threw, ran];
}

// A program of chains, collections and thenables, the same on `Ctor` (ours) and on native
// Promise: its values in order of completion are not compared (the timings differ), its
// values by slot are.
function program(Ctor, seed) {
  const slots = [];
  const defers = [];
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x;
  };
  for (let i = 0; i < 40; i++) {
    const kind = next() % 6;
    if (kind === 0) {
      slots.push(Ctor.resolve(i).then((v) => v * 3));
    } else if (kind === 1) {
      const d = defer(Ctor);
      defers.push([d, i]);
      slots.push(d.promise.then((v) => v + 1));
    } else if (kind === 2) {
      slots.push(Ctor.all([Ctor.resolve(i), slots.length ? slots[next() % slots.length] : i]));
    } else if (kind === 3) {
      slots.push(Ctor.resolve({ then: (resolve) => resolve(i * 7) }));
    } else if (kind === 4) {
      slots.push(Ctor.reject(new Error('e' + i)).catch((e) => e.message));
    } else {
      slots.push(Ctor.race([defer(Ctor).promise, Ctor.resolve(i)]));
    }
  }
  return {
    settle() {
      for (const [d, i] of defers) d.resolve(i * 11);
    },
    values: () => Promise.all(slots.map((p) => Promise.resolve(p).then((v) => JSON.stringify(v)))),
  };
}

const report = { timing, groups: 0, faults: 0, probes: 0, mismatches: [], uncaught };

// Runs `faults` between the start of programs (made before, settled after) and their end,
// then more programs made after; all must give native's values.
async function probeAround(name, faults) {
  const before = [1, 2, 3].map((seed) => [program(P, seed + report.groups * 10), program(Promise, seed + report.groups * 10)]);
  faults();
  for (const [ours, native] of before) {
    ours.settle();
    native.settle();
  }
  const after = [4, 5].map((seed) => {
    const pair = [program(P, seed + report.groups * 10), program(Promise, seed + report.groups * 10)];
    pair[0].settle();
    pair[1].settle();
    return pair;
  });
  for (const [ours, native] of before.concat(after)) {
    const [got, want] = await Promise.all([withTimeout(ours.values()), native.values()]);
    report.probes++;
    if (JSON.stringify(got) !== JSON.stringify(want)) report.mismatches.push({ name, got, want });
  }
  report.groups++;
}

function withTimeout(promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 2000, 'timed out: a value was lost'))]);
}

// Frozen and sealed promises in each state, and what a user may do with them.
function hostilePromises() {
  const faults = [];
  const attempt = (fn) => {
    try {
      fn();
    } catch (error) {
      faults.push(error);
    }
  };
  for (const seal of [Object.freeze, Object.seal, Object.preventExtensions]) {
    const pending = defer(P);
    const frozenPending = seal(pending.promise);
    attempt(() => frozenPending.then((x) => x));
    attempt(() => P.all([frozenPending, 1]));
    attempt(() => pending.resolve(1));
    attempt(() => seal(P.resolve(2)).then((x) => x));
    attempt(() => seal(P.reject(new Error('frozen'))).catch(() => 0));
    const rejectedLater = defer(P);
    const derived = rejectedLater.promise.then((x) => x);
    attempt(() => seal(derived));
    attempt(() => rejectedLater.reject(new Error('late')));
    const follower = defer(P);
    const target = defer(P);
    attempt(() => follower.resolve(seal(target.promise)));
    attempt(() => target.resolve(3));
    attempt(() => seal(P.resolve(4).then((x) => x)).then((x) => x));
    if (timing === 'bluebird') attempt(() => seal(defer(P).promise).cancel());
  }
  return faults.length;
}

// Getters, Proxies and iterables that throw.
function hostileValues() {
  const revocable = Proxy.revocable(function () {}, {});
  revocable.revoke();
  const revokedFunction = revocable.proxy;
  const revokedObject = Proxy.revocable({}, {});
  revokedObject.revoke();
  const throwingThen = Object.defineProperty({}, 'then', { get() { throw new Error('getter'); } });
  const throwingConstructor = P.resolve(1);
  Object.defineProperty(throwingConstructor, 'constructor', { get() { throw new Error('constructor getter'); } });
  const throwingIterable = { *[Symbol.iterator]() { yield P.resolve(1); yield defer(P).promise; throw new Error('iterator'); } };
  const trapAll = new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('proto trap'); } });
  const values = [revokedFunction, revokedObject.proxy, throwingThen, throwingConstructor, trapAll, { then: revokedFunction }];
  let faults = 0;
  const attempt = (fn) => {
    try {
      const result = fn();
      if (result && typeof result.then === 'function') result.then(null, () => {});
    } catch (error) {
      faults++;
    }
  };
  for (const value of values) {
    attempt(() => P.resolve(value));
    attempt(() => P.resolve().then(() => value));
    attempt(() => new P((resolve) => resolve(value)));
    attempt(() => P.all([value, P.resolve(1)]));
    attempt(() => P.race([value]));
    attempt(() => P.map([value], (x) => x));
    attempt(() => P.resolve(value).then((x) => x));
    attempt(() => P.cast(value));
  }
  attempt(() => P.all(throwingIterable));
  attempt(() => P.race(throwingIterable));
  attempt(() => P.all(trapAll));
  return faults + values.length;
}

(async () => {
  for (const [name, op] of Object.entries(operations)) {
    let threw = 0;
    let ran = 0;
    await probeAround(name, () => {
      for (let padding = 0; padding < 3; padding++) {
        const [t, r] = atEveryDepth(op, padding);
        threw += t;
        ran += r;
      }
    });
    report.faults += threw;
    if (name !== 'cancel' || timing === 'bluebird') {
      // The injection must have happened, and the operation must have run too: a test that
      // never faulted or never ran checks nothing.
      if (threw === 0 || ran === 0) report.mismatches.push({ name, injection: { threw, ran } });
    }
  }
  await probeAround('frozen and sealed promises', () => {
    report.faults += hostilePromises();
  });
  await probeAround('throwing getters and Proxies', () => {
    report.faults += hostileValues();
  });
  // Let anything left report itself before the line is printed, the root sweep included (it
  // runs 50-100 ms after a root was noted, and writes to promises the faults froze).
  await new Promise((resolve) => setTimeout(resolve, 250));
  console.log(JSON.stringify(report));
})();
