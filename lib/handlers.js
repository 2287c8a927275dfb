'use strict';
// The handlers, receiver and context of the reaction that settles a promise: named accessors
// over its `_handler` and `_receiver` fields (promise-state.js says which bits go with them).

const { ON_FULFILLED, ON_REJECTED, HANDLERS, BOUND } = require('./promise-state');

// Stores the handlers and receiver of the reaction that will settle `promise`.
function setHandlers(promise, onFulfilled, onRejected, receiver) {
  let bits = promise._bits & ~HANDLERS;
  if (typeof onFulfilled === 'function') {
    if (typeof onRejected === 'function') {
      promise._handler = new HandlerPair(onFulfilled, onRejected);
      bits |= HANDLERS;
    } else {
      promise._handler = onFulfilled;
      bits |= ON_FULFILLED;
    }
  } else if (typeof onRejected === 'function') {
    promise._handler = onRejected;
    bits |= ON_REJECTED;
  } else {
    promise._handler = undefined;
  }
  promise._bits = bits;
  setReceiver(promise, receiver);
  if (handlersHook !== null) handlersHook(promise);
}

function HandlerPair(onFulfilled, onRejected) {
  this.onFulfilled = onFulfilled;
  this.onRejected = onRejected;
}

// The handler for a fulfilment (`fulfilled`) or a rejection (undefined: none), taken off the
// promise.
function takeHandler(promise, fulfilled) {
  const bits = promise._bits;
  if ((bits & HANDLERS) === 0) return undefined;
  const stored = promise._handler;
  promise._handler = undefined;
  promise._bits = bits & ~HANDLERS;
  if (fulfilled) {
    if ((bits & ON_FULFILLED) === 0) return undefined;
    return (bits & ON_REJECTED) === 0 ? stored : stored.onFulfilled;
  }
  if ((bits & ON_REJECTED) === 0) return undefined;
  return (bits & ON_FULFILLED) === 0 ? stored : stored.onRejected;
}

// Replaces the handlers taken so far (asyncHooks wraps them): `wrap(handler)` for each.
function wrapHandlers(promise, wrap) {
  const bits = promise._bits;
  if ((bits & HANDLERS) === HANDLERS) {
    const pair = promise._handler;
    pair.onFulfilled = wrap(pair.onFulfilled);
    pair.onRejected = wrap(pair.onRejected);
  } else if ((bits & HANDLERS) !== 0) {
    promise._handler = wrap(promise._handler);
  }
}

// Bluebird's bound value: the `this` of the promise's handlers, inherited by the promises
// derived from it. A property only bound promises get, so the others are a field smaller.
function setReceiver(promise, receiver) {
  if (receiver !== undefined) {
    promise._receiver = receiver;
    promise._bits |= BOUND;
  } else if ((promise._bits & BOUND) !== 0) {
    promise._receiver = undefined;
    promise._bits &= ~BOUND;
  }
}

function receiverOf(promise) {
  return (promise._bits & BOUND) === 0 ? undefined : promise._receiver;
}

// asyncHooks (debug.js): binds the handlers just stored to the caller's async context.
let handlersHook = null;

function setHandlersHook(fn) {
  handlersHook = fn;
}

// Binds a collection's callback (a mapper, a reducer) to the context of the call that took
// it, as Bluebird's contextBind does: the active domain, and with asyncHooks (debug.js) the
// async context.
let callbackBinder = null;

function setCallbackBinder(fn) {
  callbackBinder = fn;
}

function bindCallback(fn) {
  const domain = process.domain;
  if (domain != null) fn = domain.bind(fn);
  return callbackBinder === null ? fn : callbackBinder(fn);
}

// The receiver of `.bind(promise)`: known once that promise settles, shared by everything
// derived before then.
function LateReceiver() {
  this.value = undefined;
}

module.exports = {
  setHandlers,
  takeHandler,
  wrapHandlers,
  setReceiver,
  receiverOf,
  setHandlersHook,
  setCallbackBinder,
  bindCallback,
  LateReceiver,
};
