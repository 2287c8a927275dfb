'use strict';
// Q's delay and timeout, on the host's setTimeout (fake timers keep working) unless
// FERROBIRD_NATIVE_TIMERS turns the native service on (../clock.js). A timeout clears its
// timer when the promise settles first, and passes progress through.

const { setTimer, clearTimer } = require('../clock');

module.exports = function installTimers(q) {
  const { Q, Promise, INTERNAL, defer, resolveDeferred } = q;
  const proto = Promise.prototype;

  proto.delay = function delay(timeout) {
    return this.then((value) => {
      const promise = new Promise(INTERNAL);
      setTimer(() => resolveDeferred(promise, value), timeout);
      return promise;
    });
  };

  proto.timeout = function timeout(ms, error) {
    const deferred = defer();
    const timer = setTimer(() => {
      let reason = error;
      if (!reason || typeof reason === 'string') {
        reason = new Error(reason || 'Timed out after ' + ms + ' ms');
        reason.code = 'ETIMEDOUT';
      }
      deferred.reject(reason);
    }, ms);
    this.then((value) => {
      clearTimer(timer);
      deferred.resolve(value);
    }, (reason) => {
      clearTimer(timer);
      deferred.reject(reason);
    }, deferred.notify);
    return deferred.promise;
  };

  // Q.delay(ms) or Q.delay(value, ms).
  Q.delay = function delay(object, timeout) {
    if (timeout === undefined) {
      timeout = object;
      object = undefined;
    }
    return Q(object).delay(timeout);
  };

  Q.timeout = function timeout(object, ms, error) {
    return Q(object).timeout(ms, error);
  };
};
