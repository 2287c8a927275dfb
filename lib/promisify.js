'use strict';
// Promise.promisify and Promise.promisifyAll, with Bluebird's options and rules: a
// promisified function is marked and never promisified twice; promisifyAll walks the
// prototype chain and classes, adds `<name><suffix>` methods that look the original up on
// `this` at call time.

const messages = require('./messages');
const util = require('util');
const { expectingFunction } = require('./messages');

const IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
const EXCLUDED_PROTOTYPES = [Array.prototype, Object.prototype, Function.prototype];

module.exports = function installPromisify(library, { callNodeStyle, callNodeStyleFixed }) {
  const { Promise } = library;
  const THIS = {};

  function isPromisified(fn) {
    try {
      return fn.__isPromisified__ === true;
    } catch (error) {
      return false;
    }
  }

  // Also answers Node's `util.promisify(fn)` with the function itself, as a promisified
  // function should be.
  function markPromisified(fn) {
    Object.defineProperty(fn, '__isPromisified__', { value: true, configurable: true, enumerable: false, writable: true });
    Object.defineProperty(fn, util.promisify.custom, { value: fn, configurable: true, enumerable: false, writable: true });
  }

  // `method` is the function, or for promisifyAll the key looked up on `this` at call time.
  // Up to three arguments are passed on as they are, as Bluebird's generated code does, with
  // no array to hold them; more go through an array and `apply`.
  function makePromisified(method, fn, context, multiArgs) {
    const promisified = function (a, b, c) {
      const receiver = context === THIS ? this : context;
      const target = typeof method === 'string' && receiver != null ? receiver[method] : fn;
      const length = arguments.length;
      if (length < 4) return callNodeStyleFixed(target, receiver, multiArgs, length, a, b, c);
      const args = new Array(length + 1);
      for (let i = 0; i < length; i++) args[i] = arguments[i];
      return callNodeStyle(target, receiver, args, multiArgs);
    };
    markPromisified(promisified);
    return promisified;
  }

  Promise.promisify = function (fn, options) {
    if (typeof fn !== 'function') throw new TypeError(expectingFunction(fn));
    if (isPromisified(fn)) return fn;
    options = Object(options);
    const context = options.context === undefined ? THIS : options.context;
    const promisified = makePromisified(fn, fn, context, Boolean(options.multiArgs));
    for (const key of Object.keys(fn)) {
      if (key !== 'length' && key !== 'name' && key !== 'prototype') promisified[key] = fn[key];
    }
    return promisified;
  };

  function inheritedDataKeys(object) {
    const keys = [];
    const seen = new Set();
    for (let proto = object; proto != null && !EXCLUDED_PROTOTYPES.includes(proto); proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const descriptor = Object.getOwnPropertyDescriptor(proto, key);
        if (descriptor && descriptor.get === undefined && descriptor.set === undefined) keys.push(key);
      }
    }
    return keys;
  }

  // [key, value] for each data property along the chain; a throwing getter is skipped.
  function* dataEntries(object) {
    for (const key of inheritedDataKeys(object)) {
      let value;
      try {
        value = object[key];
      } catch (error) {
        continue;
      }
      yield [key, value];
    }
  }

  function defaultFilter(name) {
    return IDENTIFIER.test(name) && name.charAt(0) !== '_' && name !== 'constructor';
  }

  // Bluebird's util.isClass: methods on the prototype, a `class`, or a constructor that assigns
  // to `this` and has static properties (`function MongoClient() { this.x = 1 }` with
  // `MongoClient.connect`).
  const THIS_ASSIGNMENT = /this\s*\.\s*\S+\s*=/;
  function isClass(fn) {
    if (typeof fn !== 'function') return false;
    try {
      const keys = Object.getOwnPropertyNames(fn.prototype || {});
      const hasMethods = keys.length > 0 && !(keys.length === 1 && keys[0] === 'constructor');
      const source = Function.prototype.toString.call(fn);
      const hasThisAssignmentAndStatics = THIS_ASSIGNMENT.test(source) && Object.getOwnPropertyNames(fn).some((name) => !['length', 'name', 'prototype', 'arguments', 'caller'].includes(name));
      return hasMethods || /^\s*class\s/.test(source) || hasThisAssignmentAndStatics;
    } catch (error) {
      return false;
    }
  }

  function promisifyObject(target, suffix, filter, promisifier, multiArgs) {
    for (const [key, value] of dataEntries(target)) {
      if (typeof value !== 'function' || isPromisified(value)) continue;
      const existing = Object.getOwnPropertyDescriptor(target, key + suffix);
      if (existing && 'value' in existing && isPromisified(existing.value)) continue;
      const passesDefault = filter === defaultFilter ? true : defaultFilter(key, value, target);
      if (!filter(key, value, target, passesDefault)) continue;
      const make = () => makePromisified(key, value, THIS, multiArgs);
      if (promisifier === null) {
        target[key + suffix] = make();
      } else {
        const promisified = promisifier(value, make);
        markPromisified(promisified);
        target[key + suffix] = promisified;
      }
    }
    return target;
  }

  Promise.promisifyAll = function (target, options) {
    if (typeof target !== 'function' && typeof target !== 'object') {
      throw new TypeError(messages.PROMISIFY_ALL_TARGET);
    }
    options = Object(options);
    const multiArgs = Boolean(options.multiArgs);
    const suffix = typeof options.suffix === 'string' ? options.suffix : 'Async';
    const filter = typeof options.filter === 'function' ? options.filter : defaultFilter;
    const promisifier = typeof options.promisifier === 'function' ? options.promisifier : null;
    if (!IDENTIFIER.test(suffix)) {
      throw new RangeError(messages.BAD_SUFFIX);
    }
    for (const [key, value] of dataEntries(target)) {
      if (key !== 'constructor' && isClass(value)) {
        promisifyObject(value.prototype, suffix, filter, promisifier, multiArgs);
        promisifyObject(value, suffix, filter, promisifier, multiArgs);
      }
    }
    return promisifyObject(target, suffix, filter, promisifier, multiArgs);
  };
};
