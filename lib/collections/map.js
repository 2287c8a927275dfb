'use strict';
// Promise.map and Promise.filter, and their instance forms (Bluebird's MappingPromiseArray):
// inputs awaited in parallel, mappers started as inputs arrive, at most `concurrency` mapper
// results pending at once, results in input order. One element reaction per pending input or
// mapper result: an input's reports index i, a mapper result's i + length.

const core = require('../core');
const { Collection, awaitInput, valueNowOrReact, isReacting, toArray, notAFunction } = require('./base');


function concurrencyOf(options) {
  if (options === undefined || options === null) return Infinity;
  const concurrency = options.concurrency;
  if (concurrency === undefined) return Infinity;
  if (typeof concurrency !== 'number') {
    throw new TypeError(core.messages.badConcurrency(concurrency));
  }
  return concurrency >= 1 ? concurrency : Infinity;
}

function MapAggregate(library, receiver, mapper, limit, keep) {
  Collection.call(this, library, receiver);
  this.values = null;
  this.mapped = null;
  this.mapper = core.bindCallback(mapper);
  this.limit = limit;
  this.keep = keep;
  this.running = 0;
  this.finished = 0;
  // Inputs that arrived while every slot was taken, by index: a stack, as Bluebird's queue
  // is (it pops), so the latest arrival is mapped first. Its bottom is a range of
  // consecutive indexes, [waitFrom, waitTo), its top the array `waiting`: map c16's 1e5
  // plain inputs are one range, not an array grown to 1e5 every run.
  this.waitFrom = 0;
  this.waitTo = 0;
  this.waiting = [];
}
MapAggregate.prototype = Object.create(Collection.prototype);
// Bluebird starts map and filter in a job (its _asyncInit), whatever the input.
MapAggregate.prototype.startsAtOnce = false;
// Bluebird defines map and filter alone, so in either timing a rejected input or mapper
// result is read at once, as its MappingPromiseArray reads it, and no mapper runs after it
// (collections/base.js, valueNowOrReact).
MapAggregate.prototype.readsRejectionsAtOnce = true;

// Every job of map's and filter's is quiet (core.js): Bluebird runs them in its batches,
// and so may a mapper that one starts.
MapAggregate.prototype.elementDue = function () {
  return true;
};

// The input array is read at once and not copied: map's results overwrite the inputs (a
// mapper has read its input before its result arrives); filter needs both.
MapAggregate.prototype.start = function (input) {
  const values = toArray(input);
  const length = values.length;
  if (length === 0) {
    this.resolve([]);
    return;
  }
  this.values = new Array(length);
  this.mapped = this.keep ? new Array(length) : this.values;
  for (let i = 0; i < length && !this.done; i++) {
    const value = valueNowOrReact(this.library, values[i], this, i);
    if (!isReacting(value)) this.arrived(i, value);
  }
  this.pump();
};

MapAggregate.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  if (!fulfilled) {
    this.reject(value);
    return;
  }
  const length = this.values.length;
  if (index < length) this.arrived(index, value);
  else this.finish(index - length, value);
  this.pump();
};

// An input is here: its mapper starts now if a slot is free, as Bluebird starts it.
MapAggregate.prototype.arrived = function (index, value) {
  this.values[index] = value;
  if (this.running < this.limit) this.run(index);
  else this.wait(index);
};

MapAggregate.prototype.wait = function (index) {
  if (this.waiting.length === 0) {
    if (this.waitFrom === this.waitTo) {
      this.waitFrom = index;
      this.waitTo = index + 1;
      return;
    }
    if (index === this.waitTo) {
      this.waitTo++;
      return;
    }
  }
  this.waiting.push(index);
};

// Starts waiting mappers while slots are free, the latest arrival first; a mapper that
// returns a plain value or a fulfilled promise finishes in the loop (no recursion).
MapAggregate.prototype.pump = function () {
  while (!this.done && this.running < this.limit) {
    let index;
    if (this.waiting.length !== 0) index = this.waiting.pop();
    else if (this.waitFrom < this.waitTo) index = --this.waitTo;
    else return;
    this.run(index);
  }
};

MapAggregate.prototype.run = function (index) {
  this.running++;
  let result;
  core.enterContext(this.result);
  try {
    result = this.mapper.call(this.callbackThis(), this.values[index], index, this.values.length);
  } catch (error) {
    core.leaveContext();
    this.reject(error);
    return;
  }
  core.leaveContext();
  result = valueNowOrReact(this.library, result, this, index + this.values.length);
  if (!isReacting(result)) this.finish(index, result);
};

MapAggregate.prototype.finish = function (index, value) {
  this.running--;
  this.mapped[index] = value;
  if (++this.finished < this.values.length) return;
  let output = this.mapped;
  if (this.keep) output = this.values.filter((_, i) => this.mapped[i]);
  this.resolve(output);
};

function mapping(library, input, mapper, options, keep, receiver) {
  if (typeof mapper !== 'function') return notAFunction(library, mapper);
  let limit;
  try {
    limit = concurrencyOf(options);
  } catch (error) {
    return library.Promise.reject(error);
  }
  const collection = new MapAggregate(library, receiver, mapper, limit, keep);
  awaitInput(collection, input);
  return collection.result;
}

module.exports = function installMap(library) {
  const { Promise } = library;
  Promise.map = (input, mapper, options) => mapping(library, input, mapper, options, false, undefined);
  Promise.filter = (input, predicate, options) => mapping(library, input, predicate, options, true, undefined);
  Promise.prototype.map = function (mapper, options) {
    return mapping(library, this, mapper, options, false, core.receiverOf(this));
  };
  Promise.prototype.filter = function (predicate, options) {
    return mapping(library, this, predicate, options, true, core.receiverOf(this));
  };
};
