'use strict';
// RSVP's Enumerator: one object behind all, allSettled, hash, hashSettled, map and filter.
// Each element reports through the engine's element reaction (an index, no closure); an
// element that is already a fulfilled promise, or a plain value, is taken at once, as RSVP
// does. map and filter run their function as each element fulfils, then wait on its result
// under the index `length + i`.

const ALL = 0;
const ALL_SETTLED = 1;
const HASH = 2;
const HASH_SETTLED = 3;
const MAP = 4;
const FILTER = 5;

const EMPTY = {};

function settledRecord(fulfilled, value) {
  return fulfilled ? { state: 'fulfilled', value } : { state: 'rejected', reason: value };
}

const core = require('../core');
const { Aggregate } = require('../aggregate');

// `originalResolve`: the flavour's own Promise.resolve, to tell a replaced one.
module.exports = function makeEnumerator(library, originalResolve) {
  const { Promise, isPromise } = library;
  const { INTERNAL, STATE, FULFILLED } = core;

  // What a replaced `Promise.resolve` returned, as a promise of ours to react to.
  function toOwnPromise(value) {
    if (isPromise(value)) return value;
    const promise = new Promise(INTERNAL);
    core.resolve(promise, value);
    return promise;
  }

  function Enumerator(promise, mode, length, keys, fn) {
    this.promise = promise;
    this.mode = mode;
    this.length = length;
    this.remaining = length;
    this.keys = keys;
    this.fn = fn;
    this.results = keys === null ? new Array(length) : {};
  }
  Enumerator.prototype = Object.create(Aggregate.prototype);

  Enumerator.prototype.pending = function () {
    return (this.promise._bits & STATE) === 0;
  };

  Enumerator.prototype.start = function (entries) {
    for (let i = 0; this.pending() && i < this.length; i++) this.entry(entries[i], i);
    this.check();
    return this.promise;
  };

  // As RSVP's _eachEntry: a replaced `Promise.resolve` takes every entry; a promise of ours
  // whose `then` was replaced is a thenable like any other.
  Enumerator.prototype.entry = function (value, index) {
    if (Promise.resolve !== originalResolve) {
      core.addElementReaction(toOwnPromise(Promise.resolve(value)), this, index);
      return;
    }
    if (value === null || typeof value !== 'object') {
      this.setResult(index, true, value);
      return;
    }
    if (core.isAnyLibraryPromise(value) && value.then === library.then) {
      if ((value._bits & STATE) === FULFILLED) this.settled(index, true, value._value);
      else core.addElementReaction(value, this, index);
      return;
    }
    let then;
    try {
      then = value.then;
    } catch (error) {
      // RSVP 4.8.5 takes an object whose `then` getter throws as a plain value.
      then = undefined;
    }
    if (typeof then !== 'function') {
      this.settled(index, true, value);
      return;
    }
    const promise = new Promise(INTERNAL);
    core.resolve(promise, value);
    core.addElementReaction(promise, this, index);
  };

  // An element settled (its element reaction's job, or at once).
  Enumerator.prototype.settled = function (index, fulfilled, value) {
    if (!this.pending()) return;
    const aborts = this.mode === ALL || this.mode === HASH || this.mode === MAP || this.mode === FILTER;
    if (!fulfilled && aborts) {
      core.reject(this.promise, value);
      return;
    }
    this.setResult(index, fulfilled, value);
    this.check();
  };

  Enumerator.prototype.setResult = function (index, fulfilled, value) {
    switch (this.mode) {
      case ALL:
        this.results[index] = value;
        break;
      case ALL_SETTLED:
        this.results[index] = settledRecord(fulfilled, value);
        break;
      case HASH:
        this.results[this.keys[index]] = value;
        break;
      case HASH_SETTLED:
        this.results[this.keys[index]] = settledRecord(fulfilled, value);
        break;
      default:
        if (index < this.length) {
          this.applyFn(index, value);
          return;
        }
        if (this.mode === MAP) this.results[index - this.length] = value;
        else if (!value) this.results[index - this.length] = EMPTY;
    }
    this.remaining--;
  };

  Enumerator.prototype.applyFn = function (index, value) {
    if (this.mode === FILTER) this.results[index] = value;
    let result;
    try {
      result = this.fn(value, index);
    } catch (error) {
      this.settled(index + this.length, false, error);
      return;
    }
    this.entry(result, index + this.length);
  };

  Enumerator.prototype.check = function () {
    if (this.remaining !== 0 || this.results === null || !this.pending()) return;
    const results = this.mode === FILTER ? this.results.filter((value) => value !== EMPTY) : this.results;
    this.results = null;
    core.fulfill(this.promise, results);
  };

  return { Enumerator, ALL, ALL_SETTLED, HASH, HASH_SETTLED, MAP, FILTER };
};
