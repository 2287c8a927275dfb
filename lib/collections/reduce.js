'use strict';
// Promise.reduce, Promise.each and Promise.mapSeries, and their instance forms (Bluebird's
// ReductionPromiseArray): one element at a time, in order. Each element is awaited, then the
// callback runs and its result is awaited before the next element. The accumulator starts
// as the initial value (awaited; an explicit `undefined` counts as none, as in Bluebird) or
// the first element.
// each resolves to the elements' values, mapSeries to the callback's results.

const cancellation = require('../cancellation');
const core = require('../core');
const { Collection, awaitInput, valueNowOrReact, isReacting, toArray, notAFunction, asOwnPromise } = require('./base');

const { CANCEL } = core;

const REDUCE = 0;
const EACH = 1;
const MAP_SERIES = 2;

// Element reactions report `index` for element `index` arriving, `length + index` for the
// callback's result on it, and `2 * length` for the initial value.
function Reduction(library, receiver, fn, initial, mode) {
  Collection.call(this, library, receiver);
  this.fn = core.bindCallback(fn);
  this.initial = initial;
  this.mode = mode;
  this.values = null;
  this.accumulator = undefined;
  // mapSeries: the callback's results; each: the elements' values.
  this.results = mode === REDUCE ? null : [];
}
Reduction.prototype = Object.create(Collection.prototype);

Reduction.prototype.start = function (input) {
  const values = toArray(input);
  this.values = values;
  const length = values.length;
  // Inputs not reached yet when one rejects never count as unhandled (Bluebird).
  for (let i = 0; i < length; i++) if (this.library.isPromise(values[i])) values[i].suppressUnhandledRejections();
  if (this.initial !== undefined) this.await(new Next(2 * length, this.initial));
  else if (length === 0) this.finish();
  else this.await(new Next(0, values[0]));
};

Reduction.prototype.settled = function (tag, fulfilled, value) {
  if (this.done) return;
  if (!fulfilled) {
    this.reject(value);
    return;
  }
  const next = this.arrived(tag, value);
  if (next !== null) this.await(next);
};

// What to await next, under which tag.
function Next(tag, value) {
  this.tag = tag;
  this.value = value;
}

// Awaits `next` and goes on from each arrival: plain values and fulfilled promises in this
// loop (a long array of them takes no stack), the others from their jobs (`settled`).
Reduction.prototype.await = function (next) {
  while (next !== null) {
    const now = valueNowOrReact(this.library, next.value, this, next.tag);
    if (isReacting(now)) return;
    next = this.arrived(next.tag, now);
  }
};

// `value` arrived under `tag`: runs the callback on an element, takes in a callback's
// result or the initial value. Returns what to await next, or null (decided, or done).
Reduction.prototype.arrived = function (tag, value) {
  const values = this.values;
  const length = values.length;
  let index;
  if (tag === 2 * length) {
    // The initial value: the accumulator before element 0.
    this.accumulator = value;
    index = 0;
  } else if (tag < length) {
    if (this.mode === REDUCE && this.initial === undefined && tag === 0) {
      // No initial value: element 0 is the accumulator.
      this.accumulator = value;
      index = 1;
    } else {
      if (this.mode === EACH) this.results.push(value);
      let result;
      core.enterContext(this.result);
      try {
        result = this.mode === REDUCE
          ? this.fn.call(this.callbackThis(), this.accumulator, value, tag, length)
          : this.fn.call(this.callbackThis(), value, tag, length);
      } catch (error) {
        core.leaveContext();
        this.reject(error);
        return null;
      }
      core.leaveContext();
      return new Next(length + tag, result);
    }
  } else {
    if (this.mode === REDUCE) this.accumulator = value;
    else if (this.mode === MAP_SERIES) this.results.push(value);
    index = tag - length + 1;
  }
  if (index < length) return new Next(index, values[index]);
  this.finish();
  return null;
};

Reduction.prototype.finish = function () {
  this.resolve(this.mode === REDUCE ? this.accumulator : this.results);
};

function reduce(library, input, fn, initial, mode, receiver) {
  if (typeof fn !== 'function') return notAFunction(library, fn);
  if (initial !== null && (typeof initial === 'object' || typeof initial === 'function')) initial = asOwnPromise(library, initial);
  const collection = new Reduction(library, receiver, fn, initial, mode);
  // As Bluebird: cancelling the initial value cancels the reduction at once, and cancelling
  // the result cancels the initial value.
  if (collection.pending !== null && library.isPromise(initial)) {
    if (initial.isCancelled()) {
      collection.reject(CANCEL);
      return collection.result;
    }
    cancellation.onCancel(initial, new InitialCancelled(collection));
    collection.pending.push(initial);
  }
  awaitInput(collection, input);
  return collection.result;
}

function InitialCancelled(collection) {
  this.collection = collection;
}

InitialCancelled.prototype.cancelled = function () {
  this.collection.reject(CANCEL);
};

module.exports = function installReduce(library) {
  const { Promise } = library;
  Promise.reduce = (input, reducer, initial) => reduce(library, input, reducer, initial, REDUCE, undefined);
  Promise.each = (input, iterator) => reduce(library, input, iterator, undefined, EACH, undefined);
  Promise.mapSeries = (input, mapper) => reduce(library, input, mapper, undefined, MAP_SERIES, undefined);
  Promise.prototype.reduce = function (reducer, initial) {
    return reduce(library, this, reducer, initial, REDUCE, core.receiverOf(this));
  };
  Promise.prototype.each = function (iterator) {
    return reduce(library, this, iterator, undefined, EACH, core.receiverOf(this));
  };
  Promise.prototype.mapSeries = function (mapper) {
    return reduce(library, this, mapper, undefined, MAP_SERIES, core.receiverOf(this));
  };
};
