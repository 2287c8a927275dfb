'use strict';
// Promise.settle and Promise.allSettled (Bluebird's: PromiseInspections), and .settle(): every
// input awaited, each outcome kept, none rejects the result.

const core = require('../core');
const { inspectionBits } = require('../inspection');
const { Collection, awaitInput, valueNowOrReact, isReacting, toArray } = require('./base');

const { FULFILLED, REJECTED, CANCEL } = core;

// An inspection of an outcome of ours, in Bluebird's bits.
function inspection(PromiseInspection, bits, value) {
  const result = new PromiseInspection(undefined);
  result._bitField = inspectionBits(bits);
  result._settledValueField = value;
  return result;
}

// `PromiseInspection`: the library's class (inspection.js) of the results.
function Settle(library, receiver, PromiseInspection) {
  Collection.call(this, library, receiver);
  this.PromiseInspection = PromiseInspection;
  this.results = null;
  this.remaining = 0;
}
Settle.prototype = Object.create(Collection.prototype);

Settle.prototype.start = function (input) {
  const values = toArray(input);
  const results = new Array(values.length);
  this.results = results;
  this.remaining = values.length + 1;
  for (let i = 0; i < values.length; i++) {
    const value = valueNowOrReact(this.library, values[i], this, i);
    if (isReacting(value)) continue;
    results[i] = inspection(this.PromiseInspection, FULFILLED, value);
    this.remaining--;
  }
  this.countDown();
};

// A cancelled input cancels the result, as Bluebird's SettledPromiseArray inherits
// PromiseArray's _promiseCancelled (only reflect() gives a cancelled inspection).
Settle.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  const PromiseInspection = this.PromiseInspection;
  if (value === CANCEL) {
    this.reject(CANCEL);
    return;
  }
  this.results[index] = inspection(PromiseInspection, fulfilled ? FULFILLED : REJECTED, value);
  this.countDown();
};

Settle.prototype.countDown = function () {
  if (--this.remaining === 0) this.resolve(this.results);
};

function settle(library, PromiseInspection, input, receiver) {
  const collection = new Settle(library, receiver, PromiseInspection);
  awaitInput(collection, input);
  return collection.result;
}

module.exports = function installSettle(library, { PromiseInspection }) {
  const { Promise } = library;
  // Bluebird deprecates settle (with a warning, when warnings are on) and not allSettled.
  Promise.settle = function (input) {
    core.warn('.settle() is deprecated and will be removed in a future version. Use .reflect() instead.');
    return settle(library, PromiseInspection, input, undefined);
  };
  Promise.allSettled = function (input) {
    return settle(library, PromiseInspection, input, undefined);
  };
  Promise.prototype.settle = function () {
    core.warn('.settle() is deprecated and will be removed in a future version. Use .reflect() instead.');
    return settle(library, PromiseInspection, this, core.receiverOf(this));
  };
};
