'use strict';
// Promise.reduce, Promise.each and Promise.mapSeries, and their instance forms (Bluebird's
// ReductionPromiseArray): one element at a time, in order. Each element is awaited, then the
// callback runs and its result is awaited before the next element. The accumulator starts
// as the initial value (awaited; an explicit `undefined` counts as none, as in Bluebird) or
// the first element.
// each resolves to the elements' values, mapSeries to the callback's results.

const cancellation = require('../cancellation');
const core = require('../core');
const { Collection, awaitInput, toArray, notAFunction, asOwnPromise } = require('./base');

const { CANCEL, STATE, REJECTED } = core;

const REDUCE = 0;
const EACH = 1;
const MAP_SERIES = 2;

// As Bluebird's ReductionPromiseArray, a chain of promises, one link per element, built when
// the input is known: each link's handler waits for its element, then calls the callback
// with the accumulator (the link before it) and the element, and the link follows what the
// callback returns. The callback never runs in the call, nor in the job of the link before
// it: each step takes Bluebird's jobs (one for a plain element, more for a promise), so
// code that interleaves with a reduction sees Bluebird's order.
function Reduction(library, receiver, fn, initial, mode) {
  Collection.call(this, library, receiver);
  this.fn = core.bindCallback(fn);
  this.initial = initial;
  this.mode = mode;
  this.values = null;
  // mapSeries: the callback's results.
  this.results = mode === MAP_SERIES ? [] : null;
  // The promise the chain waits on now: cancelled with the result (Bluebird's
  // _currentCancellable).
  this.current = null;
}
Reduction.prototype = Object.create(Collection.prototype);

// The first link's value for each and mapSeries, which have no accumulator.
const NO_ACCUMULATOR = Object.freeze({});

Reduction.prototype.start = function (input) {
  const values = toArray(input);
  const library = this.library;
  const length = values.length;
  this.values = values;
  let link;
  let index;
  if (this.initial !== undefined) {
    link = this.initial;
    index = 0;
  } else if (length === 0) {
    this.resolve(undefined);
    return;
  } else {
    link = library.promiseResolve(library.Promise, values[0]);
    index = 1;
  }
  this.current = link;
  // Inputs not reached yet when one rejects never count as unhandled (Bluebird).
  for (let i = index; i < length; i++) if (library.isPromise(values[i])) values[i].suppressUnhandledRejections();
  if ((link._bits & STATE) !== REJECTED) {
    for (; index < length; index++) link = link._then(gotAccumulator, undefined, undefined, new Step(this, index), undefined);
  }
  if (this.mode !== REDUCE) link = link._then(lastResult, rejectReduction, undefined, this, undefined);
  // The result hears the last link as an element (tag 0), a cancelled one too.
  core.addElementReaction(link, this, COMPLETED);
};

// Element tags: the chain's last link settled; then, for each, the job that reads the input
// again, or passes a rejection on (Bluebird's each is its reduction followed by
// `_then(promiseAllThis)`: one turn more either way).
const COMPLETED = 0;
const READ_INPUT = 1;
const PASS_REJECTION = 2;

Reduction.prototype.settled = function (tag, fulfilled, value) {
  if (this.done) return;
  if (tag === PASS_REJECTION || !fulfilled) {
    // Rejecting with CANCEL cancels (Collection.reject).
    this.reject(value);
  } else if (this.mode === EACH && tag === COMPLETED) {
    core.addFulfilledElement(this, READ_INPUT, undefined, this.result);
  } else if (this.mode === EACH) {
    this.resolve(this.library.Promise.all(this.values));
  } else {
    this.resolve(value);
  }
};

// Unlike the other collections, a reduction not decided when it starts is not
// async-guaranteed (Bluebird's ReductionPromiseArray._iterate), unless its input was pending.
Reduction.prototype.guaranteesAsyncOnStart = false;

// A link of the chain: element `index` of `reduction`.
function Step(reduction, index) {
  this.reduction = reduction;
  this.index = index;
  this.accumulator = undefined;
}

// Neither step looks at whether the result is decided: as in Bluebird, a cancelled result
// stops the chain only where it cancels the promise the chain waits on (cancelled below).
function gotAccumulator(accumulator) {
  const reduction = this.reduction;
  if (reduction.mode === MAP_SERIES && accumulator !== NO_ACCUMULATOR) reduction.results.push(accumulator);
  this.accumulator = accumulator;
  const element = reduction.values[this.index];
  if (element !== null && (typeof element === 'object' || typeof element === 'function') && typeof element.then === 'function') {
    const promise = asOwnPromise(reduction.library, element);
    reduction.current = promise;
    return promise._then(gotElement, undefined, undefined, this, undefined);
  }
  return gotElement.call(this, element);
}

function gotElement(value) {
  const reduction = this.reduction;
  let result;
  core.enterContext(reduction.result);
  try {
    result = reduction.mode === REDUCE
      ? reduction.fn.call(reduction.callbackThis(), this.accumulator, value, this.index, reduction.values.length)
      : reduction.fn.call(reduction.callbackThis(), value, this.index, reduction.values.length);
  } finally {
    core.leaveContext();
  }
  if (reduction.library.isPromise(result)) reduction.current = result;
  return result;
}

// The last callback's result (Bluebird's _eachComplete): mapSeries keeps it.
function lastResult(result) {
  if (this.mode === EACH) return undefined;
  if (result !== NO_ACCUMULATOR) this.results.push(result);
  return this.results;
}

// A rejection that reaches the last link rejects the result in that link's turn: Bluebird's
// `_eachComplete` link has the array as its receiver, and `_settlePromise` hands a rejection
// with no handler straight to a receiver that is a PromiseArray (`_promiseRejected`). The
// link itself is left fulfilled with nothing, which the result ignores.
function rejectReduction(reason) {
  if (this.mode === EACH) core.addFulfilledElement(this, PASS_REJECTION, reason, this.result);
  else this.reject(reason);
}

// Cancelling the result cancels what the chain waits on (Bluebird's _resultCancelled).
Reduction.prototype.cancelled = function () {
  if (this.done) return;
  const current = this.current;
  Collection.prototype.cancelled.call(this);
  if (current !== null && current !== this.initial) current.cancel();
};

function reduce(library, input, fn, initial, mode, receiver) {
  if (typeof fn !== 'function') return notAFunction(library, fn);
  const given = mode === REDUCE && initial !== undefined;
  // As Bluebird: the initial value is awaited as a promise of ours.
  if (mode !== REDUCE) initial = library.promiseResolve(library.Promise, NO_ACCUMULATOR);
  else if (given) initial = asOwnPromise(library, initial);
  const collection = new Reduction(library, receiver, fn, initial, mode);
  // As Bluebird: cancelling the initial value cancels the reduction at once, and cancelling
  // the result cancels the initial value.
  if (collection.pending !== null && given) {
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
