'use strict';
// Bluebird's pass-through handlers (finally in its timing, tap, tapCatch: its finallyHandler)
// await what the user's handler returns only when it is a promise, or a thenable made one
// (Bluebird's tryConvertToPromise); anything else passes the outcome on in the same job.

// What `value` is awaited as: a promise of `library`, or null when it is not awaited.
function awaitable(library, value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return null;
  const Promise = library.Promise;
  if (library.isPromise(value)) return value;
  let then;
  try {
    then = value.then;
  } catch (error) {
    return Promise.reject(error);
  }
  return typeof then === 'function' ? library.promiseResolve(Promise, value) : null;
}

module.exports = { awaitable };
