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
  // The caller's async context frame (its own field: a pair object per handler, made only
  // inside a store, cost 30-45% there; benches/README.md, session 13).
  if (frames !== null) promise._frame = frames.frame();
  promise._bits = bits;
  setReceiver(promise, receiver);
  if (handlersHook !== null) handlersHook(promise);
}

function HandlerPair(onFulfilled, onRejected) {
  this.onFulfilled = onFulfilled;
  this.onRejected = onRejected;
}

// ---- async context frames ------------------------------------------------------------------

// `{ frame, enterFrame }` (async-context.js) while handlers keep the frame of their caller,
// else null.
let frames = null;

function setFrames(source) {
  frames = source;
}

// The frame of the handlers takeHandler took last.
let takenFrame;

// The caller's frame, for a reaction that keeps its own (core.js, GenericReaction), or
// undefined.
function currentFrame() {
  return frames === null ? undefined : frames.frame();
}

// Makes `frame` the running code's frame, before a handler of the job runner runs (the
// runner moves from frame to frame; the host restores its own after each task).
function enterFrame(frame) {
  if (frames !== null) frames.enterFrame(frame);
}

// Enters the frame of the handler takeHandler just took.
function enterTakenFrame() {
  if (frames !== null) frames.enterFrame(takenFrame);
}

// A collection's callback, run in the frame of the call that took it: entered and left
// around each call, since some run inside the caller's own code.
function bindToFrame(fn) {
  // V8's accessors themselves: the frames in use when it was bound, whatever the setting later.
  const { frame: readFrame, enterFrame: setFrame } = frames;
  const frame = readFrame();
  return function inFrame() {
    const prior = readFrame();
    if (prior === frame) return fn.apply(this, arguments);
    setFrame(frame);
    try {
      return fn.apply(this, arguments);
    } finally {
      setFrame(prior);
    }
  };
}

// The handler for a fulfilment (`fulfilled`) or a rejection (undefined: none), taken off the
// promise.
function takeHandler(promise, fulfilled) {
  const bits = promise._bits;
  if ((bits & HANDLERS) === 0) return undefined;
  const stored = promise._handler;
  promise._handler = undefined;
  promise._bits = bits & ~HANDLERS;
  if (frames !== null) {
    takenFrame = promise._frame;
    if (takenFrame !== undefined) promise._frame = undefined;
  }
  if ((bits & HANDLERS) === HANDLERS) return fulfilled ? stored.onFulfilled : stored.onRejected;
  if (fulfilled) return (bits & ON_FULFILLED) === 0 ? undefined : stored;
  return (bits & ON_REJECTED) === 0 ? undefined : stored;
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

// A reaction's handler stored outside a promise (core.js, GenericReaction), bound by
// asyncHooks as a promise's are; the frame is kept by the reaction.
function bindHandler(fn) {
  return callbackBinder === null ? fn : callbackBinder(fn);
}

function bindCallback(fn) {
  const domain = process.domain;
  if (domain != null) fn = domain.bind(fn);
  if (callbackBinder !== null) return callbackBinder(fn);
  return frames === null ? fn : bindToFrame(fn);
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
  bindHandler,
  setFrames,
  currentFrame,
  enterFrame,
  enterTakenFrame,
  LateReceiver,
};
