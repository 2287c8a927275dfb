'use strict';
// Reports ferrobird's unhandled rejections: in Bluebird's timing as Bluebird 3.7.2 does, else
// through Node's own tracker.
//
// Bluebird's way (its timing, unless Node's mode is asked for): a rejection still without a
// handler when a 1 ms timer fires is reported by emitting the events at once, and a handler
// that comes later emits `rejectionHandled` as it is attached. The timer is the global
// `setTimeout` of the moment, as Bluebird's is, so fake timers govern both alike. It starts
// after the batch of jobs that follows the rejection (Bluebird starts it at the rejection):
// where Bluebird's batch wins the race with its timer, as it does when it runs first, ours
// wins it always, so a rejection that batch handles is not reported, here as there.
//
// Node's way: the engine tracks which rejected promises have no handler. For each, JS creates a *shadow*:
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
// Node's mode (end the process, or set its exit code) applies only when asked for, by an
// explicit --unhandled-rejections=strict|throw|warn-with-error-code on the command line (or
// in NODE_OPTIONS), or by Promise.config({ unhandledRejections: 'throw' }). Node's quieter
// modes (warn, none) change nothing: Bluebird reports its own rejections whatever they say.
const nodeModeAsked = /(^|\s)--unhandled-rejections[=\s]+(strict|throw|warn-with-error-code)(\s|$)/.test(process.execArgv.join(' ') + ' ' + (process.env.NODE_OPTIONS || ''));
let printAndContinue = !nodeModeAsked;

// Bluebird's Promise.onPossiblyUnhandledRejection / onUnhandledRejectionHandled, per library,
// by the library's `isPromise`: { unhandled, handled, fatal }. `fatal: false` is for the Q and
// RSVP flavours: their originals report unhandled rejections but never end the process over
// one. Weak, so that a dropped library copy takes its entry with it.
const libraryHandlers = new WeakMap();

function entryFor(isPromise) {
  let entry = libraryHandlers.get(isPromise);
  if (entry === undefined) {
    entry = { unhandled: null, handled: null, fatal: true, nodeMode: false, tracked: null, untracked: null };
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

// A library whose rejections nothing hears are left to Node's mode whatever the
// configuration, as native ones are (ferrobird/es).
function setLibraryNodeMode(isPromise) {
  entryFor(isPromise).nodeMode = true;
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
  return shadow !== undefined && (isMark(shadow) || owners.has(shadow));
}

// Whether `_handler` holds one of the marks of a rejection not yet reported through a shadow
// (DEFERRED, CHECKING) or reported without one (NOTIFIED).
function isMark(value) {
  return value === DEFERRED || value === CHECKING || value === NOTIFIED;
}

// Bluebird's check (debuggability.js, deferUnhandledRejectionCheck): the promises waiting for
// it hold CHECKING in `_handler`; the ones it reported, NOTIFIED, until a handler comes.
const CHECKING = Object.freeze({});
const NOTIFIED = Object.freeze({});
let checking = [];
// The `setTimeout` the pending check was scheduled with: one timer serves every rejection
// until it fires, unless `setTimeout` has been replaced since (fake timers installed or
// uninstalled), when the next rejection schedules its own, as each of Bluebird's does.
let checkScheduledWith = null;

// The check reports in the domain of the rejection, as Bluebird's timer, made there, does.
function deferCheck(promise, domain) {
  // A promise frozen since its rejection cannot hold the mark: Node's tracker reports it.
  if (Object.isFrozen(promise)) {
    shadow(promise);
    return;
  }
  promise._handler = CHECKING;
  checking.push(promise, domain);
  const schedule = global.setTimeout;
  if (checkScheduledWith === schedule) return;
  checkScheduledWith = schedule;
  schedule(unhandledRejectionCheck, 1);
}

// Bluebird's `Promise._unhandledRejectionCheck`: reports each waiting promise still without a
// handler. Node's mode, asked for since the rejection, takes over the ones it finds.
function unhandledRejectionCheck() {
  checkScheduledWith = null;
  const list = checking;
  checking = [];
  for (let i = 0; i < list.length; i += 2) {
    const promise = list[i];
    const domain = list[i + 1];
    if (promise._handler === CHECKING) inDomain(domain, printAndContinue ? notify : shadow, promise);
  }
}

// Bluebird's `Promise._unhandledRejectionClear`: forgets the waiting promises unreported.
function unhandledRejectionClear() {
  const list = checking;
  checking = [];
  for (let i = 0; i < list.length; i += 2) {
    if (list[i]._handler === CHECKING && !Object.isFrozen(list[i])) list[i]._handler = undefined;
  }
}

// Bluebird's fireRejectionEvent('unhandledRejection'): the library's handler, then the
// process event, then, if neither heard it, the printed line.
function notify(promise) {
  // A promise frozen since its rejection is reported all the same, and can no longer be
  // handled (its `then` throws).
  if (!Object.isFrozen(promise)) promise._handler = NOTIFIED;
  reported.add(promise);
  const reason = promise._value;
  const entry = ownerEntry(promise);
  const local = runLibraryHandler(entry, 'unhandled', promise, reason);
  if (!emitEvent('unhandledRejection', reason, promise) && !local) printUnhandled('Unhandled rejection ' + describe(reason));
}

// Bluebird's activeFireEvent: a listener that throws is thrown later, and counts as heard.
function emitEvent(name, first, second) {
  try {
    return name === 'unhandledRejection' ? process.emit(name, first, second) : process.emit(name, first);
  } catch (error) {
    throwLater(error);
    return true;
  }
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

// `fn(promise)` in the domain of the rejection, if it had one.
function inDomain(domain, fn, promise) {
  if (domain == null) fn(promise);
  else domain.run(fn, promise);
}

function trackDeferred() {
  const list = deferred;
  deferred = [];
  for (let i = 0; i < list.length; i += 2) {
    const promise = list[i];
    const domain = list[i + 1];
    if (promise._handler !== DEFERRED) continue;
    if (printAndContinue) deferCheck(promise, domain);
    else inDomain(domain, shadow, promise);
  }
}

function handled(promise) {
  const shadow = promise._handler;
  promise._handler = undefined;
  if (shadow !== undefined && !isMark(shadow)) nativeThen.call(shadow, undefined, noop);
  const wasReported = reported.delete(promise);
  if (!anyTracker && !wasReported) return;
  const entry = ownerEntry(promise);
  if (entry !== undefined && entry.untracked !== null) entry.untracked(promise);
  // Bluebird calls a library's onUnhandledRejectionHandled as the handler is attached, and,
  // where it reported the rejection itself, the process event too; a shadow's event keeps
  // Node's timing.
  if (wasReported) runLibraryHandler(entry, 'handled', promise);
  if (shadow === NOTIFIED) emitEvent('rejectionHandled', promise);
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
      if (heard || !printAndContinue || (entry !== undefined && entry.nodeMode)) return heard;
      printUnhandled('Unhandled rejection ' + describe(first));
      return true;
    }
  } else if (event === 'rejectionHandled') {
    const owner = owners.get(first);
    if (owner !== undefined) return emit.call(this, event, owner);
  }
  return emit.apply(this, arguments);
};

module.exports = { track, handled, unhandledRejectionCheck, unhandledRejectionClear, setAfterBatch, setLibraryTracker, isUnhandled, setPrintAndContinue, setLibraryHandler, setLibraryFatal, setLibraryNodeMode };
