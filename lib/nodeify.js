'use strict';
// Node-style callbacks in and out: .asCallback / .nodeify and Promise.fromCallback /
// Promise.fromNode.

const { wrapAsOperationalError, maybeWrapAsError, throwLater } = require('./errors');
const core = require('./core');

module.exports = function installNodeify(library) {
  const { Promise } = library;

  Promise.prototype.asCallback = Promise.prototype.nodeify = function (callback, options) {
    if (typeof callback !== 'function') return this;
    const spread = options !== undefined && Object(options).spread === true;
    this._then(
      function (value) {
        try {
          if (spread && Array.isArray(value)) callback.apply(this, [null, ...value]);
          else if (value === undefined) callback.call(this, null);
          else callback.call(this, null, value);
        } catch (error) {
          throwLater(error);
        }
      },
      function (reason) {
        if (!reason) {
          const wrapped = new Error(reason + '');
          wrapped.cause = reason;
          reason = wrapped;
        }
        try {
          callback.call(this, reason);
        } catch (error) {
          throwLater(error);
        }
      },
      undefined,
      undefined,
      undefined
    );
    return this;
  };

  // The node-style callback that settles `promise`, as Bluebird's promisify makes it: the
  // first call wins, and a value is the fulfilment as it is, a promise or thenable too
  // (Bluebird's nodebackForPromise `_fulfill`s, it does not resolve). One closure per call,
  // no resolving-function pair (promisify is hot).
  function nodeback(promise, multiArgs) {
    return function (error, value) {
      if (core.isResolved(promise)) return;
      if (error) core.rejectFromUser(promise, wrapAsOperationalError(maybeWrapAsError(error)));
      else if (multiArgs) core.fulfill(promise, Array.prototype.slice.call(arguments, 1));
      else core.fulfill(promise, value);
    };
  }

  // Calls `fn` with `args`, whose last slot gets the nodeback settling a new promise; a
  // synchronous throw rejects it unless the callback came first. Returns the promise.
  function callNodeStyle(fn, receiver, args, multiArgs) {
    const promise = new Promise(core.INTERNAL);
    args[args.length - 1] = nodeback(promise, multiArgs);
    try {
      fn.apply(receiver, args);
    } catch (error) {
      core.rejectUnlessResolved(promise, maybeWrapAsError(error));
    }
    core.guaranteeAsync(promise);
    return promise;
  }

  // callNodeStyle for a call of `count` (0 to 3) arguments `a`, `b`, `c`: the same, with no
  // array (promisify's common case, and fromCallback's call with the callback alone).
  function callNodeStyleFixed(fn, receiver, multiArgs, count, a, b, c) {
    const promise = new Promise(core.INTERNAL);
    const callback = nodeback(promise, multiArgs);
    try {
      if (count === 0) fn.call(receiver, callback);
      else if (count === 1) fn.call(receiver, a, callback);
      else if (count === 2) fn.call(receiver, a, b, callback);
      else fn.call(receiver, a, b, c, callback);
    } catch (error) {
      core.rejectUnlessResolved(promise, maybeWrapAsError(error));
    }
    // Still pending, its callback comes later: in Bluebird's timing its handlers run there.
    core.guaranteeAsync(promise);
    return promise;
  }

  Promise.fromCallback = Promise.fromNode = function (fn, options) {
    const multiArgs = options !== undefined && Boolean(Object(options).multiArgs);
    return callNodeStyleFixed(fn, undefined, multiArgs, 0);
  };

  return { callNodeStyle, callNodeStyleFixed };
};
