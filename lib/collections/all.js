'use strict';
// Promise.all and Promise.race, and their instance forms. ECMA-262's algorithms (es-statics.js)
// for other constructors and for a patched `then` or `resolve`; on the main export, Bluebird's
// extras: a promise for the array is awaited first, and cancellation runs both ways.

const cancellation = require('../cancellation');
const core = require('../core');
const { Collection, awaitInput, valueNowOrReact, isReacting, asOwnPromise, toArray, WAITING } = require('./base');
const { Aggregate } = require('../aggregate');
const { CancellationError } = require('../errors');
const { isLibraryConstructor } = require('../brand');

const { INTERNAL } = core;

// With cancellation on, cancelling the result cancels the inputs (Bluebird).
function cancelsInputs(library, result, values) {
  if (!cancellation.isEnabled() || !Array.isArray(values)) return result;
  cancellation.onCancel(result, {
    cancelled() {
      for (const value of values) if (library.isPromise(value)) value.cancel();
    },
  });
  return result;
}

// Promise.all over an array, on the main export: one element reaction per element instead
// of ECMA-262's resolve-element closures and derived promises, and a single job for all the
// elements that are already fulfilled (plain values and fulfilled promises of ours), queued
// after the loop. Their jobs in the spec only store a value and count down; the result
// settles in the last element job, and nothing is queued between the last element's job
// and the end of the loop, so the result still settles between the same jobs as the
// spec's (the ES6 conformance suite, differential.test.js and the fuzz check the tick).
// As Bluebird's, it never calls the elements' `then` or `Promise.resolve`, even patched:
// a tool that wraps `then` (cls-bluebird) sees the user's handlers, not one per element.
//
// An element job is quiet (core.js) when it is a fulfilment and more element jobs are to
// come: those only store a value, and a later one settles the result, on the spec's tick.
// `unqueued` counts the element reactions on pending promises whose jobs are not queued
// yet; until the loop ends (`looping`) it is not known, and every job has its microtask.
function AllAggregate(result, values) {
  this.result = result;
  this.values = values;
  this.remaining = values.length;
  this.done = false;
  this.looping = true;
  this.unqueued = 0;
  this.pending = null;
}
AllAggregate.prototype = Object.create(Aggregate.prototype);

AllAggregate.prototype.elementDue = function (fulfilled) {
  this.unqueued--;
  return fulfilled && !this.looping && this.unqueued !== 0;
};

AllAggregate.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  if (!fulfilled) {
    this.done = true;
    // A cancelled input (value CANCEL) cancels the result, as in Bluebird: core.reject does.
    core.reject(this.result, value);
    return;
  }
  this.values[index] = value;
  this.countDown(1);
};

AllAggregate.prototype.countDown = function (count) {
  this.remaining -= count;
  if (this.remaining === 0) {
    this.done = true;
    core.resolve(this.result, this.values);
  }
};

// The one job of the `count` elements whose values were stored when Promise.all ran.
function FulfilledRun(aggregate, count) {
  this.aggregate = aggregate;
  this.count = count;
}

FulfilledRun.prototype.settled = function () {
  if (!this.aggregate.done) this.aggregate.countDown(this.count);
};

function allOfArray(library, input) {
  const length = input.length;
  const values = new Array(length);
  const result = new library.Promise(INTERNAL);
  const aggregate = new AllAggregate(result, values);
  if (length === 0) core.resolve(result, values);
  let fulfilled = 0; // elements already fulfilled: their values are stored now
  for (let i = 0; i < length; i++) {
    const value = valueNowOrReact(library, input[i], aggregate, i);
    if (value === WAITING) aggregate.unqueued++;
    if (isReacting(value)) continue;
    values[i] = value;
    fulfilled++;
  }
  aggregate.looping = false;
  if (core.hasBluebirdTiming(result)) {
    // As Bluebird's PromiseArray: the elements known now count now (an array of values is
    // fulfilled at once), and a result not decided while iterating is async-guaranteed
    // (core.js, guaranteeAsync).
    if (fulfilled !== 0 && !aggregate.done) aggregate.countDown(fulfilled);
    if (!aggregate.done) core.guaranteeAsync(result);
  } else if (fulfilled !== 0) {
    core.addFulfilledElement(new FulfilledRun(aggregate, fulfilled), 0, undefined, result);
  }
  return cancelsInputs(library, result, input);
}

// A promise for the array: awaited first (a cancelled one cancels the result), then the
// array goes to `method`, whose promise the result follows.
function ForArray(library, method, receiver) {
  Collection.call(this, library, receiver);
  this.method = method;
}
ForArray.prototype = Object.create(Collection.prototype);
ForArray.prototype.settled = function () {};
ForArray.prototype.start = function (values) {
  this.resolve(this.method.call(this.library.Promise, values));
};

// Bluebird's race over an array: holes are skipped (an array of holes stays pending), and
// every element settles the result through a job of its own, in order, as the spec's race
// does with `then`. Element reactions instead of a `then` per element.
function RaceAggregate(result) {
  this.result = result;
  this.done = false;
  this.pending = null;
}
RaceAggregate.prototype = Object.create(Aggregate.prototype);

RaceAggregate.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  this.done = true;
  // As Bluebird's race (`ret._fulfill`): a value is taken as it is.
  if (fulfilled) core.fulfill(this.result, value);
  else core.reject(this.result, value);
};

function raceOfArray(library, input) {
  const result = new library.Promise(INTERNAL);
  const aggregate = new RaceAggregate(result);
  for (let i = 0; i < input.length; i++) {
    const value = input[i];
    if (value === undefined && !(i in input)) continue;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      core.addFulfilledElement(aggregate, i, value, result);
      continue;
    }
    const promise = asOwnPromise(library, value);
    // As Bluebird's race, which calls `_then` on each: one cancelled already is a late
    // cancellation observer (one cancelled later cancels the result).
    if (promise.isCancelled()) core.addRejectedElement(aggregate, i, new CancellationError('late cancellation observer'), result);
    else core.addElementReaction(promise, aggregate, i);
  }
  return cancelsInputs(library, result, input);
}

module.exports = function installAll(library) {
  const { Promise } = library;
  const esAll = Promise.all;
  const esRace = Promise.race;

  // `ofArray` takes the awaited array (Bluebird's PromiseArray: any iterable is copied, else
  // a TypeError); anything else is ECMA-262's.
  function acceptingPromiseForArray(esMethod, ofArray) {
    return function (input, receiver) {
      if (this !== Promise) return esMethod.call(this, input);
      if (input !== null && typeof input === 'object' && typeof input.then === 'function') {
        const collection = new ForArray(library, ofArray, receiver);
        awaitInput(collection, input);
        return collection.result;
      }
      // Bluebird's PromiseArray: what is no iterable is its TypeError, not ES's.
      if (!isIterable(input)) return Promise.reject(new TypeError(core.messages.notIterable(null)));
      return cancelsInputs(library, esMethod.call(Promise, input), input);
    };
  }

  // An object (not a promise: a promise for an array is awaited first) with an iterator,
  // whose read does not throw; anything else takes the paths above.
  function isIterableObject(value) {
    if (value === null || typeof value !== 'object') return false;
    try {
      return typeof value[Symbol.iterator] === 'function' && typeof value.then !== 'function';
    } catch (error) {
      return false;
    }
  }

  // Whether `value` has an iterator (a getter that throws is left for the ES path to report).
  function isIterable(value) {
    try {
      return value != null && typeof value[Symbol.iterator] === 'function';
    } catch (error) {
      return true;
    }
  }

  // A `this` that is no library's Promise nor a subclass of one is this library's, as for
  // every static (es-statics.js, constructorOf).
  const allWithPromiseForArray = acceptingPromiseForArray(esAll, (values) => allOfArray(library, toArray(values)));
  // Any other iterable is copied to an array first, as Bluebird's PromiseArray does
  // (util.asArray), not iterated the ES way with a closure and a `then` per element: a Set
  // of 1e6 took 30 times bluebird's time and 7 times its memory.
  Promise.all = function all(input) {
    const C = isLibraryConstructor(this) ? this : Promise;
    if (C === Promise && Array.isArray(input)) return allOfArray(library, input);
    if (C === Promise && isIterableObject(input)) return allOfArray(library, toArray(input));
    return allWithPromiseForArray.call(C, input);
  };
  const race = acceptingPromiseForArray((input) => (Array.isArray(input) ? raceOfArray(library, input) : esRace.call(Promise, input)),
    (values) => raceOfArray(library, toArray(values)));
  Promise.race = function (input) {
    const C = isLibraryConstructor(this) ? this : Promise;
    if (C === Promise && Array.isArray(input)) return raceOfArray(library, input);
    if (C === Promise && isIterableObject(input)) return raceOfArray(library, toArray(input));
    return C === Promise ? race.call(C, input) : esRace.call(C, input);
  };

  Promise.prototype.all = function () {
    return allWithPromiseForArray.call(Promise, this, core.receiverOf(this));
  };
  Promise.prototype.race = function () {
    return race.call(Promise, this, core.receiverOf(this));
  };
};
