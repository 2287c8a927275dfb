'use strict';
// Promise.props and .props(): an object's (or a Map's) values awaited, into an object (a Map)
// with the same keys (Bluebird's PropertiesPromiseArray).

const core = require('../core');
const { Collection, awaitInput, valueNowOrReact, isReacting } = require('./base');

const NOT_AN_OBJECT = 'cannot await properties of a non-object\n\n    See http://goo.gl/MqrFmX\n';

function Props(library, receiver) {
  Collection.call(this, library, receiver);
  this.keys = null;
  this.values = null;
  this.isMap = false;
  this.remaining = 0;
}
Props.prototype = Object.create(Collection.prototype);
Props.prototype.readsIterables = false;

Props.prototype.start = function (object) {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
    throw new TypeError(NOT_AN_OBJECT);
  }
  if (object instanceof Map) {
    this.isMap = true;
    this.keys = [...object.keys()];
    this.values = [...object.values()];
  } else {
    this.keys = Object.keys(object);
    this.values = this.keys.map((key) => object[key]);
  }
  const values = this.values;
  this.remaining = values.length + 1;
  for (let i = 0; i < values.length && !this.done; i++) {
    const value = valueNowOrReact(this.library, values[i], this, i);
    if (isReacting(value)) continue;
    values[i] = value;
    this.remaining--;
  }
  this.countDown();
};

Props.prototype.settled = function (index, fulfilled, value) {
  if (this.done) return;
  if (!fulfilled) {
    this.reject(value);
    return;
  }
  this.values[index] = value;
  this.countDown();
};

Props.prototype.countDown = function () {
  if (--this.remaining !== 0 || this.done) return;
  const { keys, values } = this;
  if (this.isMap) {
    this.resolve(new Map(keys.map((key, i) => [key, values[i]])));
    return;
  }
  const output = {};
  for (let i = 0; i < keys.length; i++) output[keys[i]] = values[i];
  this.resolve(output);
};

function props(library, input, receiver) {
  const collection = new Props(library, receiver);
  awaitInput(collection, input);
  return collection.result;
}

module.exports = function installProps(library) {
  const { Promise } = library;
  Promise.props = function (input) {
    return props(library, input, undefined);
  };
  Promise.prototype.props = function () {
    return props(library, this, core.receiverOf(this));
  };
};
