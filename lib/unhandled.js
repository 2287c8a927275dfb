'use strict';
// Reports ferrobird's unhandled rejections through Node's own tracker.
//
// The engine tracks which rejected promises have no handler. For each, JS creates a *shadow*:
// a native promise rejected with the same reason. Node then applies to the shadow exactly what
// it applies to a native rejection: the check after the microtask queue drains,
// `rejectionHandled` when a handler comes later, and the `--unhandled-rejections` mode with its
// exit code. When a handler is attached to the ferrobird promise, one is attached to the
// shadow. The events Node emits for a shadow are re-emitted naming the ferrobird promise.

const { throwLater } = require('./errors');

const NativePromise = global.Promise;
const nativeReject = NativePromise.reject;
const nativeThen = NativePromise.prototype.then;

const brand = require('./brand');
const { BLUEBIRD_TIMING } = require('./promise-state');

const owners = new WeakMap();
const reported = new WeakSet(); // reported unhandled, and not handled since

// With no listener, Bluebird prints "Unhandled rejection <stack>" and the process goes on;
// Node's mode (by default: end the process) applies only when asked for, by an explicit
// --unhandled-rejections on the command line (or in NODE_OPTIONS), or by
// Promise.config({ unhandledRejections: 'throw' }).
const nodeModeAsked = /(^|\s)--unhandled-rejections[=\s]/.test(process.execArgv.join(' ') + ' ' + (process.env.NODE_OPTIONS || ''));
let printAndContinue = !nodeModeAsked;

// Bluebird's Promise.onPossiblyUnhandledRejection / onUnhandledRejectionHandled, per library,
// by the library's `isPromise`: { unhandled, handled, fatal }. `fatal: false` is for the Q and
// RSVP flavours: their originals report unhandled rejections but never end the process over
// one. Weak, so that a dropped library copy takes its entry with it.
const libraryHandlers = new WeakMap();

function entryFor(isPromise) {
  let entry = libraryHandlers.get(isPromise);
  if (entry === undefined) {
    entry = { unhandled: null, handled: null, fatal: true, tracked: null, untracked: null };
    libraryHandlers.set(isPromise, entry);
  }
  return entry;
}

function setLibraryHandler(isPromise, kind, fn) {
  entryFor(isPromise)[kind] = fn;
}

function setLibraryFatal(isPromise, fatal) {
  entryFor(isPromise).fatal = fatal;
}

// The entry of the library `promise` belongs to, if it registered one.
function ownerEntry(promise) {
  const library = brand.libraryOfPromise(promise);
  return library === null ? undefined : libraryHandlers.get(library.isPromise);
}

// Runs the owning library's handler; whether there was one.
function runLibraryHandler(entry, kind, promise, reason) {
  const fn = entry === undefined ? null : entry[kind];
  if (fn === null) return false;
  try {
    if (kind === 'unhandled') fn(reason, promise);
    else fn(promise);
  } catch (error) {
    throwLater(error);
  }
  return true;
}

function noop() {}

// A promise in Bluebird's timing (scheduler.js) counts as unhandled only if no handler came
// by the end of the drain of jobs after it, as Bluebird checks in its late queue:
// `afterBatch(fn)` runs `fn` then. Until then the promise's `_handler` slot holds DEFERRED.
let afterBatch = null;
const DEFERRED = Object.freeze({});
let deferred = [];

function setAfterBatch(fn) {
  afterBatch = fn;
}

// A flavour's own unhandled-rejection tracking (RSVP's `error` event, Q's
// getUnhandledReasons) hears of each rejection with no handler at once, `tracked(promise)`,
// and of the handler that comes later, `untracked(promise)` (either may be null);
// `isUnhandled(promise)` tells whether a handler has come since.
// Whether any library set a tracker: until one does (the Q and RSVP flavours), a rejection
// is not looked up by its library.
let anyTracker = false;

function setLibraryTracker(isPromise, tracked, untracked) {
  anyTracker = true;
  const entry = entryFor(isPromise);
  entry.tracked = tracked;
  entry.untracked = untracked;
}

function isUnhandled(promise) {
  const shadow = promise._handler;
  return shadow !== undefined && (shadow === DEFERRED || owners.has(shadow));
}

// `promise` was rejected with no handler; its `_handler` slot (free once it has settled) holds
// the shadow until one comes.
function track(promise) {
  if (anyTracker) {
    const entry = ownerEntry(promise);
    if (entry !== undefined && entry.tracked !== null) entry.tracked(promise);
  }
  if (afterBatch === null || (promise._bits & BLUEBIRD_TIMING) === 0) {
    shadow(promise);
    return;
  }
  promise._handler = DEFERRED;
  if (deferred.length === 0) afterBatch(trackDeferred);
  // The shadow is made in the domain of the rejection, as it would have been at once.
  deferred.push(promise, process.domain);
}

function shadow(promise) {
  const native = nativeReject.call(NativePromise, promise._value);
  owners.set(native, promise);
  // A promise frozen after it was rejected cannot hold its shadow: it is reported all the
  // same, and can no longer be handled (its `then` throws).
  if (Object.isFrozen(promise)) return;
  promise._handler = native;
}

function trackDeferred() {
  const list = deferred;
  deferred = [];
  for (let i = 0; i < list.length; i += 2) {
    const promise = list[i];
    const domain = list[i + 1];
    if (promise._handler !== DEFERRED) continue;
    if (domain == null) shadow(promise);
    else domain.run(shadow, promise);
  }
}

function handled(promise) {
  const shadow = promise._handler;
  promise._handler = undefined;
  if (shadow !== undefined && shadow !== DEFERRED) nativeThen.call(shadow, undefined, noop);
  const wasReported = reported.delete(promise);
  if (!anyTracker && !wasReported) return;
  const entry = ownerEntry(promise);
  if (entry !== undefined && entry.untracked !== null) entry.untracked(promise);
  // Bluebird calls a library's onUnhandledRejectionHandled as the handler is attached; the
  // process event keeps Node's timing.
  if (wasReported) runLibraryHandler(entry, 'handled', promise);
}

// Promise.config({ unhandledRejections }): 'warn' is Bluebird's print and go on, 'throw'
// Node's mode.
function setPrintAndContinue(enabled) {
  printAndContinue = Boolean(enabled);
}

function describe(reason) {
  if (reason !== null && typeof reason === 'object' && typeof reason.stack === 'string') {
    return reason.stack;
  }
  try {
    return String(reason);
  } catch (error) {
    return Object.prototype.toString.call(reason);
  }
}

// Bluebird's printWarning: red on a terminal.
function printUnhandled(message) {
  if (process.stderr.isTTY) console.warn('\u001b[31m' + message + '\u001b[0m\n');
  else console.warn(message);
}

const emit = process.emit;
process.emit = function emitWithFerrobirdPromises(event, first, second) {
  if (event === 'unhandledRejection') {
    const owner = owners.get(second);
    if (owner !== undefined) {
      reported.add(owner);
      const entry = ownerEntry(owner);
      const local = runLibraryHandler(entry, 'unhandled', owner, first);
      const heard = emit.call(this, event, first, owner) || local;
      if (!heard && entry !== undefined && !entry.fatal) return true;
      if (heard || !printAndContinue) return heard;
      printUnhandled('Unhandled rejection ' + describe(first));
      return true;
    }
  } else if (event === 'rejectionHandled') {
    const owner = owners.get(first);
    if (owner !== undefined) return emit.call(this, event, owner);
  }
  return emit.apply(this, arguments);
};

module.exports = { track, handled, setAfterBatch, setLibraryTracker, isUnhandled, setPrintAndContinue, setLibraryHandler, setLibraryFatal };
