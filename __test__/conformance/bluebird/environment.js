'use strict';
// The environment Bluebird 3.7.2's tools/mocha_runner.js gives each test file, with
// ferrobird as the library: fake timers (a virtual clock that moves 10 ms a setImmediate turn,
// setTimeout with an 11 ms minimum returning a plain number), global `Promise` and `adapter`,
// `adapter.defer`, cancellation and long stack traces on. Also the few files of Bluebird's
// build tree and private statics that the tests reach, mapped onto ferrobird's public API.
//
// `install({ library, fakeTimers })` must run after mocha is loaded (mocha keeps the real
// timers, as in Bluebird's runner, where mocha is loaded first) and before any test file.

const Module = require('node:module');

function installFakeTimers() {
  let currentTime = 0;
  const timers = new Map();
  let currentId = 0;

  // Named as in Bluebird's runner: assert_long_trace.js treats frames of `checkTimers` and
  // `timerLoop` as the environment's.
  function checkTimers() {
    for (const [id, timer] of timers) {
      if (currentTime < timer.started + timer.time) continue;
      if (timer.interval) timer.started = currentTime;
      else timers.delete(id);
      if (timer.domain) timer.domain.enter();
      timer.fn();
      if (timer.domain) timer.domain.exit();
    }
  }

  function add(fn, time, interval, minimum) {
    const id = currentId++;
    time = (+time || 0) | 0;
    if (time < minimum) time = minimum;
    timers.set(id, { fn, time, started: currentTime, interval, domain: process.domain });
    return id;
  }

  (function timerLoop() {
    currentTime += 10;
    try {
      checkTimers();
    } finally {
      setImmediate(timerLoop);
    }
  })();

  global.oldSetTimeout = global.setTimeout;
  global.oldClearTimeout = global.clearTimeout;
  global.setTimeout = (fn, time) => add(fn, time, false, 11);
  global.setInterval = (fn, time) => add(fn, time, true, 0);
  global.clearTimeout = global.clearInterval = (id) => timers.delete(id);
}

// Bluebird's build tree, as the test files require it, in terms of ferrobird's public API.
function buildTree(library) {
  const scheduler = library.setScheduler(() => {});
  library.setScheduler(scheduler);
  return {
    // A fresh library: js/debug/promise.js exports Bluebird's factory of copies.
    'promise.js': () => mapPrivateStatics(library.getNewLibraryCopy()),
    'bluebird.js': library,
    // monitoring.js reads `isNode` to choose Node's process events.
    util: { isNode: true },
    // schedule.js calls the scheduler the library starts with.
    schedule: scheduler,
  };
}

// The suite's own dev tools (sinon) resolve from this repository: the suite folder has no
// node_modules.
function resolveDevToolsFromHere(suiteDir, root) {
  // Module filenames are real paths: the suite folder may be reached through a link.
  suiteDir = require('node:fs').realpathSync(suiteDir);
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent) {
    try {
      return resolve.apply(this, arguments);
    } catch (error) {
      if (parent === undefined || parent.filename === null || !parent.filename.startsWith(suiteDir)) throw error;
      return resolve.call(this, request, parent, false, { paths: [root] });
    }
  };
}

function mapBuildTree(files) {
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const match = /(?:^|\/)js\/debug\/(.+?)$/.exec(request);
    if (match !== null) {
      const name = match[1];
      if (Object.prototype.hasOwnProperty.call(files, name)) return files[name];
      throw new Error(`the suite requires Bluebird's ${request}, which the runner does not map`);
    }
    return load.apply(this, arguments);
  };
}

// Bluebird's private statics the helpers call, by what each does there (left alone on a
// library that has them: the runner also runs Bluebird itself, to check the environment).
function mapPrivateStatics(library) {
  if ('_async' in library) return library;
  const hostSetImmediate = require('node:timers').setImmediate;
  // ferrobird has Bluebird's `_unhandledRejectionCheck` and `_unhandledRejectionClear`; in the
  // ES timing it reports when Node's own check runs (after the microtasks), so there they
  // have nothing to force or to clear.
  // Bluebird's late queue runs after its current async batch: the next macrotask.
  library._async = {
    invokeLater(fn, receiver, arg) {
      hostSetImmediate(() => fn.call(receiver, arg));
    },
  };
  // async_hooks.js runs when `config({ asyncHooks: true })` changes `_getContext`.
  const contextOff = function () {};
  const contextOn = function () {};
  library._getContext = contextOff;
  const config = library.config;
  library.config = function (options) {
    const result = config.apply(this, arguments);
    if (options && 'asyncHooks' in options) library._getContext = options.asyncHooks ? contextOn : contextOff;
    return result;
  };
  return library;
}

function install({ library, fakeTimers, suiteDir, root }) {
  resolveDevToolsFromHere(suiteDir, root);
  if (fakeTimers) installFakeTimers();
  delete Error.__BluebirdErrorTypes__;
  const adapter = require(library);
  global.adapter = adapter;
  global.Promise = adapter;
  adapter.defer = adapter.pending = function () {
    const ret = {};
    ret.promise = new adapter(function (resolve, reject) {
      ret.resolve = ret.fulfill = resolve;
      ret.reject = reject;
    });
    return ret;
  };
  adapter.config({ cancellation: true });
  adapter.config({ longStackTraces: false });
  adapter.config({ longStackTraces: true });
  mapPrivateStatics(adapter);
  mapBuildTree(buildTree(adapter));
  return adapter;
}

module.exports = { install };
