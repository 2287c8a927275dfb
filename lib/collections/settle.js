'use strict';
// Promise.settle and Promise.allSettled (Bluebird's: PromiseInspections), and .settle(): every
// input awaited, each outcome kept, none rejects the result.

const core = require('../core');

module.exports = function installSettle(library, base, { PromiseInspection }) {
  const { Promise } = library;
  const { FULFILLED, REJECTED, CANCELLED, CANCEL } = core;
  const { Collection, awaitInput, valueNowOrReact, isReacting, toArray } = base;

  function inspection(bits, value) {
    const result = new PromiseInspection(undefined);
    result._bits = bits;
    result._settledValue = value;
    return result;
  }

  function Settle(receiver) {
    Collection.call(this, receiver);
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
      const value = valueNowOrReact(values[i], this, i);
      if (isReacting(value)) continue;
      results[i] = inspection(FULFILLED, value);
      this.remaining--;
    }
    this.countDown();
  };

  // A cancelled input gives a cancelled inspection, as in Bluebird, not a cancelled result.
  Settle.prototype.settled = function (index, fulfilled, value) {
    if (this.done) return;
    if (fulfilled) this.results[index] = inspection(FULFILLED, value);
    else if (value === CANCEL) this.results[index] = inspection(REJECTED | CANCELLED, value);
    else this.results[index] = inspection(REJECTED, value);
    this.countDown();
  };

  Settle.prototype.countDown = function () {
    if (--this.remaining === 0) this.resolve(this.results);
  };

  function settle(input, receiver) {
    const collection = new Settle(receiver);
    awaitInput(collection, input);
    return collection.result;
  }

  Promise.settle = Promise.allSettled = function (input) {
    return settle(input, undefined);
  };
  Promise.prototype.settle = function () {
    return settle(this, core.receiverOf(this));
  };
};
