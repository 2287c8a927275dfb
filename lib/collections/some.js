'use strict';
// Promise.some, Promise.any and their instance forms: the first `howMany` fulfilments, in the
// order they arrive (Bluebird's SomePromiseArray). When too many inputs reject for that, the
// result rejects with an AggregateError of the reasons; when the inputs that failed were all
// cancelled, the result is cancelled.

const { AggregateError } = require('../errors');
const core = require('../core');
const { Collection, awaitInput, valueNowOrReact, isReacting, QUEUED, toArray } = require('./base');

const { CANCEL } = core;

const NOT_AN_INTEGER = 'expecting a positive integer\n\n    See http://goo.gl/MqrFmX\n';

function rangeError(howMany, length) {
  return new RangeError(core.messages.tooFewInputs(howMany, length));
}

function Some(library, receiver, howMany, unwrap) {
  Collection.call(this, library, receiver);
  this.howMany = howMany;
  this.unwrap = unwrap;
  this.length = 0;
  this.fulfilled = [];
  this.rejected = []; // reasons, CANCEL for a cancelled input
}
Some.prototype = Object.create(Collection.prototype);

Some.prototype.start = function (input) {
  const values = toArray(input);
  this.length = values.length;
  if (this.howMany === 0) {
    this.resolve([]);
    return;
  }
  // Rejected elements whose jobs were queued (the ES timing reads them in their job).
  let rejectionsDue = 0;
  for (let i = 0; i < values.length && !this.done; i++) {
    const seen = this.rejected.length;
    const value = valueNowOrReact(this.library, values[i], this, i);
    if (!isReacting(value)) this.settled(i, true, value);
    else if (value === QUEUED && this.rejected.length === seen) rejectionsDue++;
  }
  // As Bluebird's SomePromiseArray: the rejections among the elements decide first (too
  // few left: an AggregateError), then too few elements give a RangeError, to a result
  // already async-guaranteed (Bluebird's _iterate made it so) unless there were none.
  if (!this.done && rejectionsDue === 0 && this.howMany > this.length - this.rejected.length) {
    if (this.length !== 0) core.guaranteeAsync(this.result);
    this.reject(rangeError(this.howMany, this.length));
  }
};

Some.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  if (fulfilled) {
    this.fulfilled.push(value);
    if (this.fulfilled.length === this.howMany) {
      if (this.unwrap) this.fulfil(this.fulfilled[0]);
      else this.resolve(this.fulfilled);
    }
    return;
  }
  this.rejected.push(value);
  if (this.length - this.rejected.length >= this.howMany) return;
  const reasons = this.rejected.filter((reason) => reason !== CANCEL);
  this.reject(reasons.length === 0 ? CANCEL : new AggregateError(reasons));
};

function some(library, input, howMany, unwrap, receiver) {
  if ((howMany | 0) !== howMany || howMany < 0) {
    return library.Promise.reject(new TypeError(NOT_AN_INTEGER));
  }
  const collection = new Some(library, receiver, howMany, unwrap);
  awaitInput(collection, input);
  return collection.result;
}

module.exports = function installSome(library) {
  const { Promise } = library;
  Promise.some = (input, howMany) => some(library, input, howMany, false, undefined);
  Promise.any = (input) => some(library, input, 1, true, undefined);
  Promise.prototype.some = function (howMany) {
    return some(library, this, howMany, false, core.receiverOf(this));
  };
  Promise.prototype.any = function () {
    return some(library, this, 1, true, core.receiverOf(this));
  };
};
