'use strict';
// RSVP.denodeify(nodeFunc, options): a function that calls `nodeFunc` at once with a
// Node-style callback appended and returns a promise for its result. `options` true gives
// all the callback's values as an array; an array of names gives them as an object; anything
// else, the first value. Promise arguments are awaited first, as in RSVP.

const core = require('../core');

module.exports = function makeDenodeify(library, all) {
  const { Promise } = library;
  const { INTERNAL } = core;

  function valuesAsObject(args, names) {
    const object = {};
    for (let i = 0; i < names.length; i++) object[names[i]] = args[i + 1];
    return object;
  }

  // true for one of our promises, its `then` for another thenable, false otherwise.
  function needsPromiseInput(arg) {
    if (arg === null || typeof arg !== 'object') return false;
    if (arg.constructor === Promise) return true;
    const then = arg.then;
    return typeof then === 'function' ? then : undefined;
  }

  function call(promise, args, nodeFunc, self) {
    try {
      nodeFunc.apply(self, args);
    } catch (error) {
      core.rejectUnlessResolved(promise, error);
    }
    return promise;
  }

  // The Node-style callback: the first call settles the promise, later ones do nothing. The
  // promise's own state says whether it is resolved yet, so no resolving-function pair is made.
  function settleWith(promise, options) {
    return function (err, value) {
      if (core.isResolved(promise)) return;
      if (err) core.rejectFromUser(promise, err);
      else if (options === undefined) core.resolve(promise, value);
      else if (options === true) core.resolve(promise, Array.prototype.slice.call(arguments, 1));
      else if (Array.isArray(options)) core.resolve(promise, valuesAsObject(arguments, options));
      else core.resolve(promise, value);
    };
  }

  return function denodeify(nodeFunc, options) {
    const fn = function () {
      const length = arguments.length;
      const args = new Array(length + 1);
      let promiseInput = false;
      for (let i = 0; i < length; i++) {
        let arg = arguments[i];
        if (!promiseInput) {
          try {
            promiseInput = needsPromiseInput(arg);
          } catch (error) {
            const failed = new Promise(INTERNAL);
            core.rejectFromUser(failed, error);
            return failed;
          }
          if (typeof promiseInput === 'function') {
            const then = promiseInput;
            const thenable = arg;
            arg = { then: (onFulfilled, onRejected) => then.call(thenable, onFulfilled, onRejected) };
          }
        }
        args[i] = arg;
      }
      const promise = new Promise(INTERNAL);
      args[length] = settleWith(promise, options);
      const self = this;
      if (promiseInput) return all(args).then((values) => call(promise, values, nodeFunc, self));
      return call(promise, args, nodeFunc, self);
    };
    Object.setPrototypeOf(fn, nodeFunc);
    return fn;
  };
};
