'use strict';
// Random promise programs for differential fuzzing. `generate(seed)` makes a program (plain
// data, printable); `scenario(program)` turns it into a differential scenario `(P, log)` that
// runs it on any promise constructor. The same program on ferrobird and on the native oracle
// must log the same lines in the same order.
//
// A program is a list of steps over numbered slots of promises. Steps make promises (the
// constructor, resolve, reject, then, catch, finally, all, race, any, allSettled, an async
// function that awaits), settle promises whose resolvers were kept, and queue native
// microtasks. Handlers log what they see and then return or throw a "value": a number, a
// native promise (fulfilled or rejected), a thenable (settling at once, a microtask later, or
// throwing from `then`), or another slot's promise. Against native, nothing uses timers, so
// the order is decided by the job queue alone. Against bluebird (`{ bluebird: true }`), more
// of Bluebird's API, Node-style callbacks that may call back from the host's check phase,
// and delays and timeouts, on a virtual clock (run-programs.js) that makes each run the same.

// mulberry32: small, fast and good enough to spread programs around.
function random(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Promise.any and allSettled are left out against native: on the main export they are
// Bluebird's (other results, other timing), so native is not their oracle. Against bluebird
// 3.7.2 (`{ bluebird: true }`) they are in, with some of Bluebird's own methods.
const ES_COMBINATORS = ['all', 'race'];
const BLUEBIRD_COMBINATORS = [
  'all', 'race', 'any', 'allSettled', 'map', 'props', 'some', 'reduce', 'each', 'mapSeries', 'filter', 'join', 'settleAll',
];
// Chain methods with a handler, and those with a value or nothing.
const BLUEBIRD_CHAIN_METHODS = ['tap', 'spread', 'tapCatch', 'asCallback'];
const BLUEBIRD_VALUE_METHODS = ['return', 'catchReturn', 'throw', 'catchThrow', 'reflect', 'get', 'allChained'];
// How a Node-style callback is called back (fromCallback, promisify): inside the call, from a
// microtask or from the host's check phase; or the function throws instead.
const CALLBACK_TIMINGS = ['sync', 'microtask', 'immediate', 'throws'];
// The mapper-like callbacks (each logs what it is called with).
const WITH_CALLBACK = new Set(['map', 'reduce', 'each', 'mapSeries', 'filter', 'join']);
// More of Bluebird's API: timers (delay, timeout), try and method, coroutines, map with a
// concurrency, filtered catch and error(), bound promises.
const BLUEBIRD_MORE = ['delay', 'delayChained', 'timeout', 'try', 'method', 'coroutine', 'mapConcurrent', 'filteredCatch', 'error', 'bound'];
const VALUE_KINDS = ['number', 'number', 'native', 'nativeRejected', 'thenable', 'laterThenable', 'throwingThenable', 'slot'];

function generate(seed, length = 30, { bluebird = false, cancellation = false } = {}) {
  const rand = random(seed);
  const combinators = bluebird ? BLUEBIRD_COMBINATORS : ES_COMBINATORS;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (n) => Math.floor(rand() * n);
  let slots = 0;
  let resolvers = 0;
  const value = () => {
    const kind = pick(VALUE_KINDS);
    return kind === 'slot' && slots > 0 ? { kind, slot: int(slots) } : { kind: kind === 'slot' ? 'number' : kind, n: int(100) };
  };
  const handler = () => (rand() < 0.15 ? null : { throws: rand() < 0.25, value: value() });
  const subset = () => {
    const items = [];
    const count = 1 + int(4);
    for (let i = 0; i < count; i++) items.push(slots > 0 && rand() < 0.7 ? { slot: int(slots) } : { value: value() });
    return items;
  };
  const steps = [];
  for (let i = 0; i < length; i++) {
    // With Bluebird's cancellation on: cancel a slot, or make a promise with an onCancel
    // callback (kept to be settled later).
    if (cancellation && slots > 0 && rand() < 0.08) {
      steps.push({ op: 'cancel', slot: int(slots) });
      continue;
    }
    if (cancellation && rand() < 0.05) {
      steps.push({ op: 'newCancellable' });
      resolvers++;
      slots++;
      continue;
    }
    const roll = rand();
    if (slots === 0 || roll < 0.12) {
      const mode = pick(['resolve', 'reject', 'throw', 'keep', 'keep']);
      steps.push({ op: 'new', mode, value: value() });
      if (mode === 'keep') resolvers++;
      slots++;
    } else if (roll < 0.2) {
      steps.push({ op: pick(['resolve', 'reject']), value: value() });
      slots++;
    } else if (roll < 0.45) {
      steps.push({ op: 'then', slot: int(slots), onFulfilled: handler(), onRejected: rand() < 0.5 ? handler() : null });
      slots++;
    } else if (roll < 0.55) {
      steps.push({ op: 'catch', slot: int(slots), onRejected: handler() });
      slots++;
    } else if (roll < 0.62) {
      steps.push({ op: 'finally', slot: int(slots), onFinally: handler() });
      slots++;
    } else if (bluebird && roll < 0.67) {
      if (rand() < 0.5) steps.push({ op: pick(BLUEBIRD_CHAIN_METHODS), slot: int(slots), handler: handler() || { throws: false, value: value() } });
      else steps.push({ op: pick(BLUEBIRD_VALUE_METHODS), slot: int(slots), handler: { throws: false, value: value() } });
      slots++;
    } else if (bluebird && roll < 0.69) {
      steps.push({ op: 'callback', api: pick(['fromCallback', 'promisify']), timing: pick(CALLBACK_TIMINGS), error: rand() < 0.3, value: value() });
      slots++;
    } else if (roll < 0.72) {
      const op = pick(combinators);
      const step = { op, items: subset() };
      if (WITH_CALLBACK.has(op) && (op !== 'join' || rand() < 0.5)) step.mapper = handler() || { throws: false, value: value() };
      if (op === 'some') step.count = 1 + int(2);
      if (op === 'reduce' && rand() < 0.5) step.initial = value();
      steps.push(step);
      slots++;
    } else if (bluebird && roll < 0.75) {
      const op = pick(BLUEBIRD_MORE);
      const step = { op };
      if (op === 'delay') {
        step.ms = int(3);
        if (rand() < 0.5) step.value = value();
      } else if (op === 'delayChained' || op === 'timeout') {
        step.slot = int(slots);
        step.ms = int(3);
      } else if (op === 'coroutine') {
        step.yields = Array.from({ length: int(3) }, value);
        step.handler = { throws: rand() < 0.25, value: value() };
      } else if (op === 'mapConcurrent') {
        step.items = subset();
        step.mapper = handler() || { throws: false, value: value() };
        step.concurrency = 1 + int(2);
      } else {
        if (op !== 'try' && op !== 'method') step.slot = int(slots);
        if (op === 'filteredCatch') step.filter = pick(['Error', 'TypeError', 'predicate']);
        step.handler = handler() || { throws: false, value: value() };
      }
      steps.push(step);
      slots++;
    } else if (roll < 0.8) {
      steps.push({ op: 'await', slot: int(slots), then: value() });
      slots++;
    } else if (roll < 0.92 && resolvers > 0) {
      steps.push({ op: 'settle', resolver: int(resolvers), reject: rand() < 0.3, value: value() });
    } else {
      steps.push({ op: 'microtask', id: i });
    }
  }
  return { seed, steps };
}

// A promise resolved with itself: V8's text ("Chaining cycle detected for promise #<...>",
// naming the oracle subclass) or Bluebird's ("circular promise resolution chain", which the
// main export gives in either timing). The logs compare the error, not the text.
function errorMessage(error) {
  if (/^(Chaining cycle detected for promise #<\w+>|circular promise resolution chain\b[^]*)$/.test(error.message)) return '(self-resolution)';
  return error.message;
}

// What a settled outcome looks like in the log, the same for every library.
function show(value) {
  if (value && typeof value === 'object') {
    if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
    // A coroutine's error carries the stack of its call (file paths): not compared.
    if (value instanceof Error) return `${value.name}:${errorMessage(value).split('From coroutine:')[0]}`;
    if (typeof value.then === 'function') return 'thenable';
    // Bluebird's allSettled gives PromiseInspections, whose fields are private.
    if (typeof value.isFulfilled === 'function') {
      if (value.isFulfilled()) return `fulfilled(${show(value.value())})`;
      return value.isRejected() ? `rejected(${show(value.reason())})` : 'cancelled';
    }
    return `{${Object.keys(value).map((key) => `${key}:${show(value[key])}`).join(',')}}`;
  }
  return String(value);
}

function scenario(program) {
  return function run(P, log) {
    const slots = [];
    const resolvers = [];
    const make = (spec) => {
      switch (spec.kind) {
        case 'number': return spec.n;
        case 'native': return Promise.resolve(`native${spec.n}`);
        case 'nativeRejected': {
          const p = Promise.reject(new Error(`native${spec.n}`));
          p.catch(() => {});
          return p;
        }
        case 'thenable': return { then(resolve) { resolve(`thenable${spec.n}`); } };
        case 'laterThenable': return { then(resolve) { queueMicrotask(() => resolve(`later${spec.n}`)); } };
        case 'throwingThenable': return { then() { throw new Error(`then${spec.n}`); } };
        case 'slot': return slots[spec.slot];
        default: throw new Error(`unknown value kind ${spec.kind}`);
      }
    };
    const callback = (name, spec) => {
      if (spec === null) return undefined;
      return (argument) => {
        log(name, show(argument));
        const result = make(spec.value);
        if (spec.throws) throw result;
        return result;
      };
    };
    // A collection's callback: it logs its first two arguments (a reducer's are the
    // accumulator and the element).
    const collectionCallback = (name, spec) => (first, second) => {
      log(name, show(first), show(second));
      const result = make(spec.value);
      if (spec.throws) throw result;
      return result;
    };
    const itemsOf = (step) => step.items.map((item) => ('slot' in item ? slots[item.slot] : make(item.value)));
    // Calls `callback(error, value)` as the step says, or throws.
    const nodeStyle = (step, at) => (callback) => {
      const call = () => {
        log(at, 'calls back');
        if (step.error) callback(new Error(`callback${at}`));
        else callback(null, make(step.value));
      };
      if (step.timing === 'throws') throw new Error(`threw${at}`);
      if (step.timing === 'sync') call();
      else if (step.timing === 'microtask') queueMicrotask(call);
      else setImmediate(call);
    };
    const observe = (index) => {
      // Every slot is observed, so no rejection goes unhandled and each outcome is logged.
      slots[index].then((v) => log(`slot ${index} fulfilled`, show(v)), (r) => log(`slot ${index} rejected`, show(r)));
    };
    program.steps.forEach((step, i) => {
      const at = `step ${i}`;
      switch (step.op) {
        case 'new':
          slots.push(new P((resolve, reject) => {
            if (step.mode === 'resolve') resolve(make(step.value));
            else if (step.mode === 'reject') reject(make(step.value));
            else if (step.mode === 'throw') throw make(step.value);
            else resolvers.push({ resolve, reject });
          }));
          break;
        case 'resolve': slots.push(P.resolve(make(step.value))); break;
        case 'reject': slots.push(P.reject(make(step.value))); break;
        case 'then':
          slots.push(slots[step.slot].then(callback(`${at} onFulfilled`, step.onFulfilled), callback(`${at} onRejected`, step.onRejected)));
          break;
        case 'catch': slots.push(slots[step.slot].catch(callback(`${at} onRejected`, step.onRejected))); break;
        case 'finally': slots.push(slots[step.slot].finally(callback(`${at} onFinally`, step.onFinally))); break;
        case 'all':
        case 'race':
        case 'any':
        case 'allSettled':
          slots.push(P[step.op](step.items.map((item) => ('slot' in item ? slots[item.slot] : make(item.value)))));
          break;
        case 'map':
        case 'each':
        case 'mapSeries':
        case 'filter':
          slots.push(P[step.op](itemsOf(step), collectionCallback(`${at} ${step.op}`, step.mapper)));
          break;
        case 'some': slots.push(P.some(itemsOf(step), step.count)); break;
        case 'settleAll': slots.push(P.settle(itemsOf(step))); break;
        case 'reduce': {
          const reducer = collectionCallback(`${at} reduce`, step.mapper);
          slots.push('initial' in step ? P.reduce(itemsOf(step), reducer, make(step.initial)) : P.reduce(itemsOf(step), reducer));
          break;
        }
        case 'join':
          slots.push(step.mapper ? P.join(...itemsOf(step), collectionCallback(`${at} join`, step.mapper)) : P.join(...itemsOf(step)));
          break;
        case 'callback': {
          const fn = nodeStyle(step, at);
          slots.push(step.api === 'fromCallback' ? P.fromCallback(fn) : P.promisify(fn)());
          break;
        }
        case 'props': {
          const object = {};
          step.items.forEach((item, k) => { object[`k${k}`] = 'slot' in item ? slots[item.slot] : make(item.value); });
          slots.push(P.props(object));
          break;
        }
        // Bluebird's methods, on P.resolve of the slot: an `await` step's slot is native.
        case 'tap':
        case 'spread':
        case 'tapCatch':
          slots.push(P.resolve(slots[step.slot])[step.op](callback(`${at} ${step.op}`, step.handler)));
          break;
        case 'asCallback':
          slots.push(P.resolve(slots[step.slot]).asCallback((error, value) => log(`${at} asCallback`, show(error), show(value))));
          break;
        case 'return':
        case 'catchReturn':
        case 'throw':
        case 'catchThrow':
          slots.push(P.resolve(slots[step.slot])[step.op](make(step.handler.value)));
          break;
        case 'reflect': slots.push(P.resolve(slots[step.slot]).reflect()); break;
        case 'allChained': slots.push(P.resolve(slots[step.slot]).all()); break;
        case 'get': slots.push(P.resolve(slots[step.slot]).get('length')); break;
        case 'delay': slots.push('value' in step ? P.delay(step.ms, make(step.value)) : P.delay(step.ms)); break;
        case 'delayChained': slots.push(P.resolve(slots[step.slot]).delay(step.ms)); break;
        case 'timeout': slots.push(P.resolve(slots[step.slot]).timeout(step.ms)); break;
        case 'try': slots.push(P.try(callback(`${at} try`, step.handler))); break;
        case 'method': slots.push(P.method(callback(`${at} method`, step.handler))(7)); break;
        case 'coroutine': {
          const body = function* () {
            for (const spec of step.yields) log(`${at} resumed`, show(yield make(spec)));
            const result = make(step.handler.value);
            if (step.handler.throws) throw result;
            return result;
          };
          slots.push(P.coroutine(body)());
          break;
        }
        case 'mapConcurrent':
          slots.push(P.map(itemsOf(step), collectionCallback(`${at} map`, step.mapper), { concurrency: step.concurrency }));
          break;
        case 'filteredCatch': {
          const filter = step.filter === 'Error' ? Error : step.filter === 'TypeError' ? TypeError : (e) => e instanceof Error;
          slots.push(P.resolve(slots[step.slot]).catch(filter, callback(`${at} catch ${step.filter}`, step.handler)));
          break;
        }
        case 'error': slots.push(P.resolve(slots[step.slot]).error(callback(`${at} error`, step.handler))); break;
        case 'bound': {
          const receiver = { name: 'receiver' };
          const run = callback(`${at} bound`, step.handler);
          slots.push(P.bind(receiver, slots[step.slot]).then(function (v) {
            log(`${at} this is the receiver`, this === receiver);
            return run(v);
          }));
          break;
        }
        case 'await':
          slots.push((async () => {
            const seen = await slots[step.slot];
            log(`${at} awaited`, show(seen));
            return make(step.then);
          })());
          break;
        case 'settle': {
          const { resolve, reject } = resolvers[step.resolver];
          if (step.reject) reject(make(step.value));
          else resolve(make(step.value));
          return;
        }
        case 'microtask': queueMicrotask(() => log(`${at} microtask`)); return;
        case 'cancel':
          if (typeof slots[step.slot].cancel === 'function') slots[step.slot].cancel();
          return;
        case 'newCancellable':
          slots.push(new P((resolve, reject, onCancel) => {
            onCancel(() => log(`${at} onCancel`));
            resolvers.push({ resolve, reject });
          }));
          break;
        default: throw new Error(`unknown op ${step.op}`);
      }
      observe(slots.length - 1);
    });
    return slots;
  };
}

module.exports = { generate, scenario, show, errorMessage };
