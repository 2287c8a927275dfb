'use strict';
// .bind(thisArg) and Promise.bind(thisArg, value): handlers of the bound promise and of the
// promises derived from it run with `this` set to thisArg (once thisArg, if a promise, has
// settled).

module.exports = function installBind(core) {
  const { Promise, INTERNAL, reject, fulfill, isPromise, LateReceiver, addReaction, STATE, FULFILLED, CANCEL, hooks } = core;

  // Settles `result` as `source` settles: a reaction with no handlers, made directly rather
  // than through `_then`, so a wrapper of `_then` sees what it sees with Bluebird's bind.
  // As with Bluebird, binding a fulfilled promise gives a fulfilled one at once.
  function follow(source, result) {
    if (isPromise(source) && (source._bits & STATE) === FULFILLED) fulfill(result, source._value);
    else addReaction(source, result);
  }

  // The result is derived from the source, as `_then`'s are: cancelling it reaches the source.
  function bound(promise, receiver) {
    const result = new Promise(INTERNAL);
    core.setReceiver(result, receiver);
    if (hooks.chained !== null) hooks.chained(promise, result);
    follow(promise, result);
    return result;
  }

  // Waits for a promised receiver (an element reaction, which sees cancellation): then the
  // result follows the source; a rejected receiver rejects it, a cancelled one cancels it.
  function ReceiverWaiter(source, result, late) {
    this.source = source;
    this.result = result;
    this.late = late;
  }

  ReceiverWaiter.prototype.elementDue = function () {
    return false;
  };

  ReceiverWaiter.prototype.settled = function (index, fulfilled, value) {
    const result = this.result;
    if ((result._bits & STATE) !== 0) return;
    if (fulfilled) {
      this.late.value = value;
      follow(this.source, result);
    } else if (value === CANCEL) {
      core.cancel(result);
    } else {
      reject(result, value);
    }
  };

  // The result of a cancelled bind that has not followed its source yet is cancelled too.
  ReceiverWaiter.prototype.cancelled = function () {
    core.cancel(this.result);
  };

  Promise.prototype.bind = function (thisArg) {
    if (isPromise(thisArg) || (thisArg !== null && typeof thisArg === 'object' && typeof thisArg.then === 'function')) {
      const result = new Promise(INTERNAL);
      const late = new LateReceiver();
      core.setReceiver(result, late);
      if (hooks.chained !== null) hooks.chained(this, result);
      const waiter = new ReceiverWaiter(this, result, late);
      if (core.cancellationEnabled()) core.onCancel(result, waiter);
      core.addElementReaction(Promise.resolve(thisArg), waiter, 0);
      return result;
    }
    return bound(this, thisArg);
  };

  Promise.bind = function (thisArg, value) {
    return Promise.resolve(value).bind(thisArg);
  };
};
