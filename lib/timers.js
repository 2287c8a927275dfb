'use strict';
// delay and timeout, on the host's setTimeout unless the native timer service is on
// (clock.js). A timeout's timer is cleared as soon as the promise settles.

const { TimeoutError, markAsOperational } = require('./errors');
const { setTimer, clearTimer } = require('./clock');
const cancellation = require('./cancellation');
const core = require('./core');

module.exports = function installTimers(library) {
  const { Promise } = library;
  const { INTERNAL, fulfill, resolve, reject } = core;

  // Bluebird's delay: with a value (anything but undefined) a job that awaits the value,
  // then a delay of its own that returns it (Bluebird's afterValue); without one, a promise
  // and a timer. Async-guaranteed either way (Bluebird's timing): a delay's handlers run
  // inside its timer.
  function delay(ms, value) {
    let result;
    if (value !== undefined) {
      result = library.promiseResolve(Promise, value)._then((resolved) => delay(+ms, undefined).return(resolved), undefined, undefined, undefined, undefined);
      // As Bluebird: cancelling the delay cancels the promise it waits for, whatever else
      // waits on that one.
      if (cancellation.isEnabled() && library.isPromise(value)) cancellation.onCancel(result, new CancelOnCancel(value));
    } else {
      result = new Promise(INTERNAL);
      const timer = setTimer(() => fulfill(result, undefined), +ms);
      // As Bluebird: cancelling the delay clears its timer.
      if (cancellation.isEnabled()) cancellation.onCancel(result, new ClearOnCancel(timer));
    }
    core.guaranteeAsync(result);
    return result;
  }

  function ClearOnCancel(timer) {
    this.timer = timer;
  }

  ClearOnCancel.prototype.cancelled = function () {
    clearTimer(this.timer);
  };

  function CancelOnCancel(promise) {
    this.promise = promise;
  }

  CancelOnCancel.prototype.cancelled = function () {
    this.promise.cancel();
  };

  Promise.delay = function (ms, value) {
    return delay(ms, value);
  };

  Promise.prototype.delay = function (ms) {
    return delay(ms, this);
  };

  // Bluebird's shape: the timeout's state is the receiver of the handlers and the timer's
  // argument, so a timeout costs one small object and no closures.
  function PendingTimeout(result, message) {
    this.result = result;
    this.message = message;
    this.timer = undefined;
    this.decided = false;
    // With cancellation on, the branch of the source that the timeout waits on: cancelled
    // when the time is up, as in Bluebird (the source too, if nothing else waits on it).
    this.parent = null;
    // The reaction on the source that decides the result in time.
    this.waiter = null;
  }

  function expire(timeout) {
    if (timeout.decided) return;
    timeout.decided = true;
    const message = timeout.message;
    const error = message instanceof Error
      ? message
      : new TimeoutError(typeof message === 'string' ? message : 'operation timed out');
    // As Bluebird's afterTimeout: `.error()` catches it.
    markAsOperational(error);
    reject(timeout.result, error);
    if (timeout.parent !== null) timeout.parent.cancel();
  }

  // Cancelling the timeout's result clears its timer and cancels what it waited on (and so
  // the source, where nothing else waits on it).
  PendingTimeout.prototype.cancelled = function () {
    clearTimer(this.timer);
    if (this.waiter !== null) this.waiter.cancel();
  };

  // The source settled in time, unless the timer expired first. The result settles in the
  // waiter's job, as if it were the waiter (Bluebird's result is that reaction's promise):
  // async-guaranteed if the waiter is.
  function decidesInTime(timeout) {
    clearTimer(timeout.timer);
    if (timeout.decided) return false;
    timeout.decided = true;
    core.inheritGuarantee(timeout.waiter, timeout.result);
    return true;
  }

  function settledInTime(value) {
    if (decidesInTime(this)) resolve(this.result, value);
  }

  function failedInTime(reason) {
    if (decidesInTime(this)) reject(this.result, reason);
  }

  Promise.prototype.timeout = function (ms, message) {
    const result = new Promise(INTERNAL);
    core.setReceiver(result, core.receiverOf(this));
    const timeout = new PendingTimeout(result, message);
    timeout.timer = setTimer(expire, +ms, timeout);
    let source = this;
    if (cancellation.isEnabled()) {
      source = this._then(undefined, undefined, undefined, undefined, undefined);
      timeout.parent = source;
      cancellation.onCancel(result, timeout);
    }
    timeout.waiter = source._then(settledInTime, failedInTime, undefined, timeout, undefined);
    return result;
  };
};
