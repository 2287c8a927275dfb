'use strict';
// The two ways the library's own modules attach handlers to a promise: through `_then`, which
// tools that wrap the public methods (cls-bluebird) do not see, as Bluebird's internals do;
// and through the public `then`, where Bluebird itself calls it (`catch`) or where the
// promise may not be one of ours.

function internalThen(promise, onFulfilled, onRejected) {
  return promise._then(onFulfilled, onRejected, undefined, undefined, undefined);
}

function publicThen(promise, onFulfilled, onRejected) {
  return promise.then(onFulfilled, onRejected);
}

// Whether `value` has a `then` method, read once; a `then` getter that throws counts as one
// (resolving it rejects with what it threw).
function isThenable(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof value.then === 'function';
  } catch (error) {
    return true;
  }
}

module.exports = { internalThen, publicThen, isThenable };
