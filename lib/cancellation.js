'use strict';
// Bluebird's cancellation, the state and the walk: `Promise.config({cancellation: true})`
// (`enable`), the executor's third argument `onCancel`, and what `.cancel()` does (cancel.js
// puts the methods on each library's prototype). Features that cancel with their result
// (collections, timers, using, coroutines, bind) register with `onCancel`.
//
// A cancelled promise is settled in the engine like a rejection whose reason is the CANCEL
// token (core.js): its reactions are cancelled in turn, except those that observe
// cancellation (finally, reflect), and it is never an unhandled rejection. What Rust does not
// know is the way *up*: `.cancel()` on a promise walks to the promise it was derived from,
// as long as every branch derived from that one has been cancelled (Bluebird's branch
// counting), calling `onCancel` callbacks on the way. That bookkeeping exists only while
// cancellation is on: a link per derived promise, in a WeakMap.

const messages = require('./messages');
const { throwLater } = require('./errors');

// The switch and the links are per process, not per library copy: copies share the engine
// and its hooks, and a promise of one copy can be derived from a promise of another.
let enabled = false;
const links = new WeakMap();
const core = require('./core');

const { STATE, CANCELLED, WILL_CANCEL } = core;

// What `.cancel()` needs to know about one promise.
function Link() {
  this.parent = null; // the promise this one was derived from by `_then`
  this.branches = 0; // promises derived from this one that have not been cancelled
  this.onCancel = undefined; // a callback, or an array of them (functions or internal)
  this.followee = null; // the promise this one was resolved with
}

function linkOf(promise) {
  let link = links.get(promise);
  if (link === undefined) {
    link = new Link();
    links.set(promise, link);
  }
  return link;
}

function chained(parent, child) {
  linkOf(child).parent = parent;
  linkOf(parent).branches++;
}

function followed(promise, resolution) {
  if (core.isAnyLibraryPromise(resolution)) linkOf(promise).followee = resolution;
}

// A settled promise cannot be cancelled: its link goes, so that it no longer keeps the promise
// it came from (and that one's value) alive, as Bluebird clears its cancellation data.
function settled(promise) {
  links.delete(promise);
}

function isCancellable(promise) {
  return (promise._bits & (STATE | CANCELLED)) === 0;
}

// Adds a callback run when `promise` is cancelled (a function, run with the promise's bound
// `this`, or an internal one with a `cancelled()` method).
function onCancel(promise, callback) {
  if (!isCancellable(promise)) return;
  const link = linkOf(promise);
  const previous = link.onCancel;
  if (previous === undefined) link.onCancel = callback;
  else if (Array.isArray(previous)) previous.push(callback);
  else link.onCancel = [previous, callback];
}

function runCallback(promise, callback) {
  if (typeof callback !== 'function') {
    callback.cancelled(promise);
    return;
  }
  try {
    callback.call(core.receiverOf(promise));
  } catch (error) {
    // As Bluebird: an onCancel that throws is an uncaught exception, not a rejection.
    throwLater(error);
  }
}

// The callbacks run in a job of their own, as Bluebird's async.invoke runs them: in queue
// order with the handlers, in either scheduling.
function CancelCallbacks(promise, callbacks) {
  this.promise = promise;
  this.callbacks = callbacks;
}

CancelCallbacks.prototype.settled = function () {
  const { promise, callbacks } = this;
  if (Array.isArray(callbacks)) for (const callback of callbacks) runCallback(promise, callback);
  else runCallback(promise, callbacks);
};

function invokeOnCancel(promise) {
  const link = links.get(promise);
  if (link === undefined || link.onCancel === undefined) return;
  const callbacks = link.onCancel;
  link.onCancel = undefined;
  core.addFulfilledElement(new CancelCallbacks(promise, callbacks), 0, undefined, promise);
}

// Whether the cancellation coming from `canceller` lets `promise` be cancelled: it is the
// promise itself, or the last of its branches to go.
function cancelBy(promise, canceller) {
  const link = linkOf(promise);
  if (canceller === promise) {
    link.branches = 0;
  } else {
    link.branches--;
    if (link.branches > 0) return false;
  }
  invokeOnCancel(promise);
  return true;
}

function cancelBranched(promise) {
  const link = links.get(promise);
  if (link === undefined || link.branches <= 0) core.cancel(promise);
}

function cancelOrFollow(promise) {
  const link = links.get(promise);
  if (link !== undefined && link.followee !== null && isCancellable(link.followee)) link.followee.cancel();
  else cancelBranched(promise);
}

// `.cancel()`: walks up from `start` as long as each promise's every branch is cancelled.
function cancelFrom(start) {
  if (!enabled) {
    core.warn('cancellation is disabled', start);
    return;
  }
  // A cancellation on its way down will reach it: cancelling it again here would settle it
  // before its own reaction runs (a finally handler would be lost).
  if ((start._bits & WILL_CANCEL) !== 0) return;
  let promise = start;
  let child = promise;
  while (isCancellable(promise)) {
    if (!cancelBy(promise, child)) {
      cancelOrFollow(child);
      break;
    }
    const parent = linkOf(promise).parent;
    if (parent === null || !isCancellable(parent)) {
      cancelOrFollow(promise);
      break;
    }
    const link = links.get(promise);
    if (link.followee !== null && isCancellable(link.followee)) link.followee.cancel();
    promise._bits |= WILL_CANCEL;
    child = promise;
    promise = parent;
  }
}

function executorOnCancel(promise) {
  return function onCancel_(callback) {
    if (typeof callback !== 'function') {
      throw new TypeError(messages.onCancelNotAFunction(callback));
    }
    onCancel(promise, callback);
  };
}

// Bluebird refuses to turn cancellation off once on; so does ferrobird.
function enable() {
  if (enabled) return;
  enabled = true;
  core.setHook('chained', chained, true);
  core.setHook('followed', followed, true);
  core.setHook('settled', settled, true);
  core.setExecutorExtra(executorOnCancel);
}

function isEnabled() {
  return enabled;
}

module.exports = { enable, isEnabled, onCancel, cancelFrom };
