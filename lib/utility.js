'use strict';
// Bluebird's small instance methods and statics: tap, tapCatch, get, call, return/throw and
// their catch forms, spread, done, error, lastly; try/attempt, method, join, defer, is, cast,
// fulfilled, rejected.

const messages = require('./messages');
const { expectingFunction } = require('./messages');
const { isOperational } = require('./errors');
const core = require('./core');
const { awaitable } = require('./pass-through');

module.exports = function installUtility(library, { filteredCatch }) {
  const { Promise, isPromise } = library;

  const rejectWith = (error) => Promise.reject(error);

  // As Bluebird's _passThrough: a handler that is not a function passes the promise through.
  Promise.prototype.tap = function (handler) {
    if (typeof handler !== 'function') return this.then();
    return this._then(function (value) {
      const awaited = awaitable(library, handler.call(this, value));
      return awaited === null ? value : awaited._then(() => value, undefined, undefined, undefined, undefined);
    }, undefined, undefined, undefined, undefined);
  };

  Promise.prototype.tapCatch = function (...args) {
    const handler = args.pop();
    if (typeof handler !== 'function') {
      if (args.length === 0) return this.then();
      return rejectWith(new TypeError(expectingFunction(handler)));
    }
    const run = function (error) {
      let result;
      if (args.length === 0) {
        result = handler.call(this, error);
      } else {
        // Bluebird's quirk, kept: behind predicates, a handler that throws is ignored and the
        // original error goes on.
        try {
          result = handler.call(this, error);
        } catch (ignored) {
          result = undefined;
        }
      }
      const awaited = awaitable(library, result);
      if (awaited === null) throw error;
      return awaited._then(() => {
        throw error;
      }, undefined, undefined, undefined, undefined);
    };
    return filteredCatch(this, args, run, true);
  };

  Promise.prototype.get = function (key) {
    return this._then(function (object) {
      if (typeof key === 'number' && key < 0 && object != null && typeof object.length === 'number') {
        return object[Math.max(0, object.length + key)];
      }
      return object[key];
    }, undefined, undefined, undefined, undefined);
  };

  Promise.prototype.call = function (methodName, ...args) {
    return this._then(function (object) {
      if (object == null || typeof object[methodName] !== 'function') {
        throw new TypeError(messages.noMethod(object, methodName));
      }
      return object[methodName](...args);
    }, undefined, undefined, undefined, undefined);
  };

  Promise.prototype.return = Promise.prototype.thenReturn = function (value) {
    if (isPromise(value)) value.suppressUnhandledRejections();
    return this._then(() => value, undefined, undefined, undefined, undefined);
  };

  Promise.prototype.throw = Promise.prototype.thenThrow = function (reason) {
    return this._then(() => {
      throw reason;
    }, undefined, undefined, undefined, undefined);
  };

  Promise.prototype.catchReturn = function (...args) {
    const value = args.pop();
    if (isPromise(value)) value.suppressUnhandledRejections();
    return filteredCatch(this, args, () => value, true);
  };

  Promise.prototype.catchThrow = function (...args) {
    const reason = args.pop();
    const thrower = () => {
      throw reason;
    };
    return filteredCatch(this, args, thrower, true);
  };

  Promise.prototype.error = function (handler) {
    return this.catch(isOperational, handler);
  };

  Promise.prototype.lastly = Promise.prototype.finally;

  Promise.prototype.spread = function (handler) {
    if (typeof handler !== 'function') return rejectWith(new TypeError(expectingFunction(handler)));
    return this.all()._then(function (values) {
      return handler.apply(this, values);
    }, undefined, undefined, undefined, undefined);
  };

  // Like then, but a rejection that reaches the end is fatal: as Bluebird does on Node, it is
  // printed and the process exits with code 2.
  Promise.prototype.done = function (onFulfilled, onRejected) {
    const tail = arguments.length > 0 ? this._then(onFulfilled, onRejected, undefined, undefined, undefined) : this;
    tail._then(undefined, fatal, undefined, undefined, undefined);
  };

  function fatal(reason) {
    process.stderr.write('Fatal ' + (reason instanceof Error ? reason.stack : reason) + '\n');
    process.exit(2);
  }

  // As Bluebird's method.js: `fn` runs in the context of the promise returned (long stack
  // traces), and a promise of this library that it returns is returned as it is.
  function attempt(fn, receiver, args) {
    const promise = new Promise(core.INTERNAL);
    let value;
    core.enterContext(promise);
    try {
      value = args === undefined ? fn.call(receiver) : fn.apply(receiver, args);
    } catch (error) {
      core.leaveContext();
      core.rejectFromUser(promise, error);
      return promise;
    }
    core.leaveContext();
    if (isPromise(value) && value.constructor === Promise) return value;
    core.resolve(promise, value);
    return promise;
  }

  // Bluebird 3.7.2's: `try(fn)`, and the deprecated `try(fn, arg, context)`, which calls
  // fn with `arg` (an array spread) and `this` = context.
  Promise.try = Promise.attempt = function (fn) {
    if (typeof fn !== 'function') return rejectWith(new TypeError(expectingFunction(fn)));
    if (arguments.length < 2) return attempt(fn, undefined, undefined);
    core.warn('calling Promise.try with more than 1 argument is deprecated and will be removed in a future version.');
    const arg = arguments[1];
    return attempt(fn, arguments[2], Array.isArray(arg) ? arg : [arg]);
  };

  Promise.method = function (fn) {
    if (typeof fn !== 'function') throw new TypeError(expectingFunction(fn));
    return function () {
      return attempt(fn, this, arguments);
    };
  };

  Promise.defer = Promise.pending = function () {
    const { promise, resolve, reject } = Promise.withResolvers();
    return { promise, resolve, reject, fulfill: resolve };
  };

  Promise.is = function (value) {
    return isPromise(value);
  };

  // Bluebird's aliases are the same function objects (`Promise.fulfilled === Promise.resolve`).
  Promise.cast = Promise.fulfilled = Promise.resolve;
  Promise.rejected = Promise.reject;

  // Bluebird's: puts back the global `Promise` that was there when the library loaded, and
  // returns the library.
  const globalAtLoad = global.Promise;
  Promise.noConflict = function () {
    try {
      if (global.Promise === Promise) global.Promise = globalAtLoad;
    } catch (error) {
      // A global that cannot be written stays as it is.
    }
    return Promise;
  };
};
