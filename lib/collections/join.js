'use strict';
// Promise.join(a, b, ..., fn), as Bluebird's join: with one to eight inputs and a function,
// a holder of its own (Bluebird's `Holder$n`), not Promise.all then spread. Each input is
// read at once, as Promise.all's are; `fn` is called with the values in the turn of the last
// input to settle, or in a job of its own when every input was known at the call; the result
// follows what `fn` returns, and is async-guaranteed while pending (Bluebird's timing). More
// inputs, or Node 21 and later (below): Promise.all, then spread. No function: Promise.all.

const core = require('../core');
const { Collection, valueNowOrReact, WAITING, QUEUED } = require('./base');

// Bluebird generates holder classes up to this many inputs, and only where it can evaluate
// code: its util.canEvaluate is `typeof navigator == "undefined"`, false on Node 21 and later,
// which define `navigator`. There Bluebird's join is all then spread, and so is this one.
const MAX_HELD = 8;
const holds = typeof navigator === 'undefined';

function Join(library, fn, count) {
  Collection.call(this, library, undefined);
  this.fn = core.bindCallback(fn);
  this.values = new Array(count);
  this.remaining = count;
  // No input was pending at the call (Bluebird's asyncNeeded): `fn` then waits for a job.
  this.knownAtCall = true;
}
Join.prototype = Object.create(Collection.prototype);

// The job that calls `fn` when every input was known at the call: tagged past the inputs.
Join.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  if (index === this.values.length) {
    this.callFunction();
    return;
  }
  if (!fulfilled) {
    this.reject(value);
    return;
  }
  this.values[index] = value;
  if (--this.remaining !== 0) return;
  if (this.knownAtCall) core.addFulfilledElement(this, this.values.length, undefined, this.result);
  else this.callFunction();
};

Join.prototype.callFunction = function () {
  let result;
  core.enterContext(this.result);
  try {
    result = this.fn(...this.values);
  } catch (error) {
    this.reject(error);
    return;
  } finally {
    core.leaveContext();
  }
  this.resolve(result);
};

// Promise.all of the inputs, cancelled at once if one is cancelled already, in either timing,
// as Bluebird's PromiseArray iterates them in the call.
function allOf(library, inputs) {
  if (!inputs.some((input) => library.isPromise(input) && input.isCancelled())) return library.Promise.all(inputs);
  const cancelled = new library.Promise(core.INTERNAL);
  core.cancel(cancelled);
  return cancelled;
}

function join(library, args) {
  const last = args.length - 1;
  if (last <= 0 || typeof args[last] !== 'function') return library.Promise.all(args);
  const fn = args.pop();
  if (last > MAX_HELD || !holds) return allOf(library, args).spread(fn);
  const collection = new Join(library, fn, last);
  // Every input is read, even after one has rejected the result, as Bluebird's loop does.
  for (let i = 0; i < last; i++) {
    const value = valueNowOrReact(library, args[i], collection, i);
    if (value === WAITING) collection.knownAtCall = false;
    else if (value !== QUEUED) collection.settled(i, true, value);
  }
  if (!collection.done) core.guaranteeAsync(collection.result);
  return collection.result;
}

module.exports = function installJoin(library) {
  library.Promise.join = function (...args) {
    return join(library, args);
  };
};
