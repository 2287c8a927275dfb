'use strict';
// Debuggability, as Bluebird 3.7 has it: warnings, long stack traces, monitoring events,
// `asyncHooks`, the environment switches, and the library-level unhandled-rejection handlers.
//
// Each feature plugs into a core hook only while it is on, so a process that uses none of
// them pays nothing on the hot path. The settings are per process: library copies share
// the engine and its hooks (README: Differences).
//
// Environment, read once at load (FERROBIRD_* first, then Bluebird's BLUEBIRD_* names):
//   *_DEBUG (or NODE_ENV=development): warnings and long stack traces
//   *_WARNINGS, *_LONG_STACK_TRACES, *_W_FORGOTTEN_RETURN: each switch on its own; "0" is off

const { AsyncResource } = require('async_hooks');
const asyncContext = require('./async-context');
const core = require('./core');
const unhandled = require('./unhandled');
const { Warning, throwLater } = require('./errors');
const { classString } = require('./messages');
const { createLongStackTraces, EXTRA_FRAMES } = require('./long-stack-traces');

const { setHook, HANDLER_START, HANDLER_RETURNED, STATE, FULFILLED, REJECTED, CANCEL } = core;

function env(name) {
  const value = process.env['FERROBIRD_' + name];
  return value !== undefined ? value : process.env['BLUEBIRD_' + name];
}

// Bluebird's reading of its switches: unset or any value but "0" counts, as `!= 0` does.
 
const debugging = env('DEBUG') != 0 && Boolean(env('DEBUG') || process.env.NODE_ENV === 'development');
const settings = {
  warnings: env('WARNINGS') != 0 && Boolean(debugging || env('WARNINGS')),
  longStackTraces: env('LONG_STACK_TRACES') != 0 && Boolean(debugging || env('LONG_STACK_TRACES')),
  forgottenReturn: false,
  monitoring: false,
  asyncHooks: false,
  // Handlers keep the async context frame of their caller (async-context.js), where Node has
  // frames; off by Promise.config({ asyncContext: false }).
  asyncContext: asyncContext !== null,
};
settings.forgottenReturn = env('W_FORGOTTEN_RETURN') != 0 && Boolean(settings.warnings || env('W_FORGOTTEN_RETURN'));
 

// ---- warnings -----------------------------------------------------------------------------

function emitWarning(message) {
  const warning = new Warning(message);
  // Node prints a `warning` event (unless run with --no-warnings); Bluebird emits it the same
  // way, and prints it itself only when nothing listens.
  if (!process.emit('warning', warning)) console.warn(warning.stack);
}

function nonErrorRejection(promise, reason) {
  // A cancellation passing through a finally handler (CANCEL) is no user's rejection.
  if (!(reason instanceof Error) && reason !== CANCEL) emitWarning('a promise was rejected with a non-error: ' + classString(reason));
}

// Forgotten returns: a handler that created a promise but returned undefined, while
// something waits on the handler's own promise. Like Bluebird, only with long stack traces.
let createdInHandler = null;
let handlerDepth = 0;

function noteCreated(promise) {
  if (handlerDepth > 0 && createdInHandler === null) createdInHandler = promise;
}

function handlerRan(phase, promise, result) {
  if (phase === HANDLER_START) {
    handlerDepth++;
    createdInHandler = null;
    return;
  }
  handlerDepth--;
  const created = createdInHandler;
  createdInHandler = null;
  if (phase !== HANDLER_RETURNED || result !== undefined || created === null) return;
  if (promise._waiters === undefined) return; // nothing waits on it (Bluebird: its length)
  const where = longTraces.whereCreated(created);
  const at = where ? 'at ' + where.trim().replace(/^at /, '').replace(/^.*\((.*)\)$/, '$1') + ' ' : '';
  emitWarning('a promise was created in a handler ' + at + 'but was not returned from it, see http://goo.gl/rRqMUw');
}

function setWarnings(on, forgottenReturn) {
  settings.warnings = on;
  if (forgottenReturn !== undefined) settings.forgottenReturn = forgottenReturn;
  else if (on) settings.forgottenReturn = env('W_FORGOTTEN_RETURN') != 0;  
  core.setWarningSink(on ? (message) => emitWarning(message) : null);
  setHook('rejected', nonErrorRejection, on);
  const forgotten = on && settings.forgottenReturn && settings.longStackTraces;
  setHook('ran', handlerRan, forgotten);
  setHook('created', noteCreated, forgotten);
}

// ---- long stack traces --------------------------------------------------------------------

const longTraces = createLongStackTraces();

function trackRunningHandler(phase, promise) {
  longTraces.context(phase === HANDLER_START ? promise : null);
}

function attachLongTrace(promise, reason, synchronous) {
  longTraces.attach(promise, reason, synchronous);
}

function forgetTraceOfFulfilled(promise, state) {
  if ((state & STATE) === FULFILLED && promise._waiters !== undefined) longTraces.forget(promise);
}

function setLongStackTraces(on) {
  // As Bluebird: errors keep more frames while traces are long, for the library's own ones.
  if (on !== settings.longStackTraces && typeof Error.stackTraceLimit === 'number') {
    Error.stackTraceLimit += on ? EXTRA_FRAMES : -EXTRA_FRAMES;
  }
  settings.longStackTraces = on;
  if (!on) longTraces.reset();
  setHook('created', longTraces.created, on);
  setHook('context', longTraces.context, on);
  setHook('ran', trackRunningHandler, on);
  setHook('rejected', attachLongTrace, on);
  setHook('settled', forgetTraceOfFulfilled, on);
  setWarnings(settings.warnings, settings.forgottenReturn);
}

// ---- monitoring -------------------------------------------------------------------------

function fire(name, a, b) {
  try {
    return b === undefined ? process.emit(name, a) : process.emit(name, a, b);
  } catch (error) {
    throwLater(error);
    return true;
  }
}

// Bluebird's lifecycle: a promise that comes to follow a pending promise fires
// promiseResolved (its _setFollowing) and never promiseFulfilled or promiseRejected (it takes
// its target's outcome without settling itself); one resolved with a settled promise only
// settles. A thenable's `then` is called first: the promise follows it only if it is still
// pending when `then` returns.
const followers = new WeakSet();

function follows(promise) {
  followers.add(promise);
  fire('promiseResolved', promise);
}

const monitor = {
  created: (promise) => fire('promiseCreated', promise),
  chained: (promise, child) => fire('promiseChained', promise, child),
  followed(promise, resolution) {
    if (core.isAnyLibraryPromise(resolution) && (core.followee(resolution)._bits & STATE) === 0) follows(promise);
  },
  thenCalled(promise, thenable) {
    if ((promise._bits & STATE) === 0 && !core.isAnyLibraryPromise(thenable)) follows(promise);
  },
  settled(promise, state, value) {
    if (value === CANCEL) fire('promiseCancelled', promise);
    else if (!followers.has(promise)) fire((state & STATE) === REJECTED ? 'promiseRejected' : 'promiseFulfilled', promise);
  },
};

function setMonitoring(on) {
  settings.monitoring = on;
  for (const name of Object.keys(monitor)) setHook(name, monitor[name], on);
}

// ---- asyncHooks ---------------------------------------------------------------------------

// Handlers run in the async context of the `then()` call that attached them (one
// AsyncResource per reaction, as Bluebird's asyncHooks mode and native promises do).
// (`AsyncResource#bind` measured ~12 us per call on Node 20; a closure over
// `runInAsyncScope` ~0.3 us.)
function inScope(resource, handler) {
  return function (value) {
    return resource.runInAsyncScope(handler, this, value);
  };
}

function bindToCaller(promise) {
  let resource = null;
  core.wrapHandlers(promise, (handler) => {
    if (resource === null) resource = new AsyncResource('ferrobird::Promise');
    return inScope(resource, handler);
  });
}

function bindCallbackToCaller(fn) {
  const resource = new AsyncResource('ferrobird::Promise');
  return function () {
    return resource.runInAsyncScope(fn, this, ...arguments);
  };
}

function setAsyncHooks(on) {
  settings.asyncHooks = on;
  core.setHandlersHook(on ? bindToCaller : null);
  core.setCallbackBinder(on ? bindCallbackToCaller : null);
  useFrames();
}

// ---- async context frames (Node 24+) --------------------------------------------------------

// The frames serve while asyncHooks is off (its resources carry the frame too).
function useFrames() {
  core.setFrames(settings.asyncContext && !settings.asyncHooks ? asyncContext : null);
}

function setAsyncContext(on) {
  settings.asyncContext = on && asyncContext !== null;
  useFrames();
}

// ---- the library-level surface --------------------------------------------------------------

module.exports = function installDebug(library) {
  const { Promise } = library;

  Promise.longStackTraces = function longStackTraces() {
    setLongStackTraces(true);
  };

  Promise.hasLongStackTraces = function hasLongStackTraces() {
    return settings.longStackTraces;
  };

  // `fn(reason, promise)` runs for each of this library's unhandled rejections, besides the
  // process event; with it, a rejection nothing else hears is not fatal.
  Promise.onPossiblyUnhandledRejection = function onPossiblyUnhandledRejection(fn) {
    unhandled.setLibraryHandler(library.isPromise, 'unhandled', typeof fn === 'function' ? fn : null);
  };

  Promise.onUnhandledRejectionHandled = function onUnhandledRejectionHandled(fn) {
    unhandled.setLibraryHandler(library.isPromise, 'handled', typeof fn === 'function' ? fn : null);
  };

  // Bluebird's private statics for its check of unhandled rejections, which test helpers call
  // to run the check now or to forget what waits for it; as Bluebird's, not enumerable.
  Object.defineProperty(Promise, '_unhandledRejectionCheck', { value: unhandled.unhandledRejectionCheck });
  Object.defineProperty(Promise, '_unhandledRejectionClear', { value: unhandled.unhandledRejectionClear });

};

// Promise.config's debug switches (config.js; Q's longStackTraces property).
function configure(options) {
  if ('longStackTraces' in options) setLongStackTraces(Boolean(options.longStackTraces));
  if ('warnings' in options) {
    const value = options.warnings;
    const forgotten = value !== null && typeof value === 'object' && 'wForgottenReturn' in value ? Boolean(value.wForgottenReturn) : undefined;
    setWarnings(Boolean(value), forgotten);
  }
  if ('monitoring' in options) setMonitoring(Boolean(options.monitoring));
  if ('asyncHooks' in options) setAsyncHooks(Boolean(options.asyncHooks));
  if ('asyncContext' in options) setAsyncContext(Boolean(options.asyncContext));
}

module.exports.configure = configure;
module.exports.settings = settings;

// The environment's choices apply from the start.
useFrames();
if (settings.longStackTraces) {
  settings.longStackTraces = false;
  setLongStackTraces(true);
}
else if (settings.warnings) setWarnings(true, settings.forgottenReturn);
