'use strict';
// .bind(thisArg) and Promise.bind(thisArg, value): handlers of the bound promise and of the
// promises derived from it run with `this` set to thisArg (once thisArg, if a promise, has
// settled).

const cancellation = require('./cancellation');
const core = require('./core');
const { Aggregate } = require('./aggregate');

module.exports = function installBind(library) {
  const { Promise, isPromise } = library;
  const { INTERNAL, reject, fulfill, LateReceiver, addReaction, STATE, FULFILLED, CANCEL, hooks } = core;

  // Settles `result` as `source` settles: a reaction with no handlers, made directly rather
  // than through `_then`, so a wrapper of `_then` sees what it sees with Bluebird's bind.
  // As with Bluebird, binding a fulfilled promise gives a fulfilled one at once. In Bluebird's
  // timing, `result` follows `source`, as Bluebird's `ret._resolveCallback(target)` makes it:
  // its handlers run in the source's turn.
  function follow(source, result) {
    if (core.hasBluebirdTiming(result)) core.resolve(result, source);
    else if (isPromise(source) && (source._bits & STATE) === FULFILLED) fulfill(result, source._value);
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

  // Bluebird's bind with a promised receiver: element reactions (which see cancellation) on
  // the receiver (index 0) and on the source (index 1). Once the receiver is fulfilled, the
  // result follows the source. A source that rejects first rejects the result once the
  // receiver has settled (with the receiver as `this` if it was fulfilled); a receiver that
  // rejects first rejects it at once; a cancelled one of the two cancels it; cancelling the
  // result cancels the receiver.
  function ReceiverWaiter(source, binding, result, late) {
    this.source = source;
    this.binding = binding;
    this.result = result;
    this.late = late;
    this.decided = false;
    this.sourceRejected = false;
    this.sourceReason = undefined;
  }
  ReceiverWaiter.prototype = Object.create(Aggregate.prototype);

  ReceiverWaiter.prototype.settled = function (index, fulfilled, value) {
    if (this.decided) return;
    if (index === 1 && value !== CANCEL) {
      // The source settled first: its value, or its rejection, waits for the receiver.
      if (!fulfilled) {
        this.sourceRejected = true;
        this.sourceReason = value;
      }
      return;
    }
    this.decided = true;
    const result = this.result;
    if (this.sourceRejected && value !== CANCEL) {
      if (fulfilled) this.late.value = value;
      reject(result, this.sourceReason);
    } else if (fulfilled) {
      this.late.value = value;
      follow(this.source, result);
    } else {
      reject(result, value); // with CANCEL, a cancellation (core.js, settle)
    }
  };

  ReceiverWaiter.prototype.cancelled = function () {
    if (this.decided) return;
    this.decided = true;
    this.binding.cancel();
  };

  Promise.prototype.bind = function (thisArg) {
    if (isPromise(thisArg) || (thisArg !== null && typeof thisArg === 'object' && typeof thisArg.then === 'function')) {
      const result = new Promise(INTERNAL);
      const late = new LateReceiver();
      core.setReceiver(result, late);
      if (hooks.chained !== null) hooks.chained(this, result);
      const binding = library.promiseResolve(Promise, thisArg);
      const waiter = new ReceiverWaiter(this, binding, result, late);
      if (cancellation.isEnabled()) cancellation.onCancel(result, waiter);
      core.addElementReaction(this, waiter, 1);
      core.addElementReaction(binding, waiter, 0);
      return result;
    }
    return bound(this, thisArg);
  };

  Promise.bind = function (thisArg, value) {
    return library.promiseResolve(Promise, value).bind(thisArg);
  };
};
