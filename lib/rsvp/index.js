'use strict';
// RSVP 4.8.5's API on ferrobird's engine: what `require('ferrobird/rsvp')` exports.
//
// An RSVP promise is a promise of its own library copy (library.js), with RSVP's constructor
// errors, optional labels on every method, RSVP's `then` shortcut (a settled promise with no
// handler for its state is returned as it is), the `error` event for rejections nothing
// handled, and instrumentation events.

const messages = require('../messages');
const createLibrary = require('../library');
const core = require('../core');
const unhandled = require('../unhandled');
const makeEnumerator = require('./enumerator');
const makeDenodeify = require('./denodeify');
const { EventTarget, Instrumentation } = require('./events');

function makeRsvp() {
  const labels = new WeakMap();
  const library = createLibrary({
    notConstructed: "Failed to construct 'Promise': Please use the 'new' operator, this object constructor cannot be called as a function.",
    notAFunction: () => 'You must pass a resolver function as the first argument to the promise constructor',
    labels,
    adoptsOwn: true,
    initializesInstance: true,
    selfFulfils: true,
  });
  const { Promise, isPromise } = library;
  const { INTERNAL, STATE, FULFILLED, REJECTED, setHook } = core;
  const proto = Promise.prototype;
  // RSVP's constructor takes (resolver, label): its length is 2.
  Object.defineProperty(Promise, 'length', { value: 2, configurable: true });

  function labelled(promise, label) {
    if (label !== undefined) labels.set(promise, label);
    return promise;
  }

  // ---- configuration and events ----------------------------------------------------------------

  // RSVP's `asap` queue: here the microtask queue the engine's own jobs run on.
  function asap(callback, arg) {
    queueMicrotask(() => callback(arg));
  }

  const config = EventTarget.mixin({ instrument: false });
  config.async = asap;
  config.after = function after(callback) {
    return setTimeout(callback, 0);
  };

  // RSVP numbers its promises as they are made; ferrobird numbers the ones instrumentation
  // sees, in the order it first sees them.
  const guids = new WeakMap();
  let counter = 1; // RSVP's tests read a guid index of 0 as missing
  function guidOf(promise) {
    let id = guids.get(promise);
    if (id === undefined) {
      id = counter++;
      guids.set(promise, id);
    }
    return id;
  }
  const resultOf = (promise) => ((promise._bits & STATE) === 0 ? undefined : promise._value);
  const instrumentation = new Instrumentation(config, guidOf, (promise) => labels.get(promise));

  // `created` fires before the resolver runs, as in RSVP: the constructor's call of
  // `_resolveFromExecutor` announces it, and the core's `created` hook (after the executor)
  // announces only promises made without one.
  let announced = null;
  proto._resolveFromExecutor = function _resolveFromExecutor(executor) {
    if (config.instrument) {
      instrumentation.record('created', this, undefined, undefined);
      announced = this;
    }
    core.resolveFromExecutor.call(this, executor);
  };
  const instrumentHooks = {
    created(promise) {
      if (promise === announced) announced = null;
      else if (isPromise(promise)) instrumentation.record('created', promise, undefined, undefined);
    },
    chained(parent, child) {
      if (isPromise(parent)) instrumentation.record('chained', parent, child, resultOf(parent));
    },
    settled(promise, state, value) {
      if (isPromise(promise)) instrumentation.record((state & STATE) === REJECTED ? 'rejected' : 'fulfilled', promise, undefined, value);
    },
  };

  function configure(name, value) {
    if (arguments.length !== 2) return config[name];
    config[name] = value;
    if (name === 'instrument') {
      for (const hook of Object.keys(instrumentHooks)) setHook(hook, instrumentHooks[hook], Boolean(value));
    } else if (name === 'async') {
      // As RSVP: `value(run)` for each batch of jobs. The engine has one scheduler per module
      // instance: this one now runs every flavour's jobs.
      core.setEachBatchScheduler(typeof value === 'function' && value !== asap ? (run) => value(run) : null);
    }
    return undefined;
  }

  // The `error` event, as RSVP times it: a promise rejected with no handler is checked in an
  // `async` task (RSVP's publishRejection), then after `config.after`; still unhandled, it is
  // triggered with its label. RSVP never ends the process over one, and neither does this
  // flavour; the `process` events are Node's, as for every ferrobird promise.
  unhandled.setLibraryFatal(isPromise, false);
  function checkRejection(promise) {
    if (!unhandled.isUnhandled(promise)) return;
    const reason = promise._value;
    config.after(() => {
      if (unhandled.isUnhandled(promise)) config.trigger('error', reason, labels.get(promise));
    });
  }
  // Heard inside a settle, where no user code may run: a user's `async` is called from a
  // microtask of its own.
  unhandled.setLibraryTracker(isPromise, (promise) => {
    if (config.async === asap) queueMicrotask(() => checkRejection(promise));
    else queueMicrotask(() => config.async(checkRejection, promise));
  }, null);

  // ---- the prototype -------------------------------------------------------------------------

  library.setThen(function then(onFulfillment, onRejection, label) {
    const state = this._bits & STATE;
    if ((state === FULFILLED && !onFulfillment) || (state === REJECTED && !onRejection)) {
      if (config.instrument) instrumentation.record('chained', this, this, this._value);
      return this;
    }
    // As RSVP: the child is made by `this.constructor` (a subclass keeps its class).
    return this._then(onFulfillment, onRejection, undefined, undefined, newPromiseOf(this.constructor, label));
  });

  proto.catch = function _catch(onRejection, label) {
    return this.then(undefined, onRejection, label);
  };

  proto.finally = function _finally(callback, label) {
    const C = this.constructor;
    if (typeof callback !== 'function') return this.then(callback, callback, label);
    return this.then(
      (value) => C.resolve(callback()).then(() => value),
      (reason) => C.resolve(callback()).then(() => {
        throw reason;
      }),
      label
    );
  };

  // ---- statics ----------------------------------------------------------------------------

  const { Enumerator, ALL, ALL_SETTLED, HASH, HASH_SETTLED, MAP, FILTER } = makeEnumerator(library, resolve);

  // As RSVP, `then`, `resolve` and `reject` make their promise with the constructor at hand
  // when it is a subclass (an ES5 one calls the constructor on its instance:
  // `initializesInstance`); a constructor that makes no promise of ours gets this one's.
  function newPromiseOf(C, label) {
    if (typeof C === 'function' && C !== Promise) {
      const promise = new C(INTERNAL);
      if (isPromise(promise)) return labelled(promise, label);
    }
    return labelled(new Promise(INTERNAL), label);
  }

  function resolve(value, label) {
    const C = typeof this === 'function' ? this : Promise;
    if (value && typeof value === 'object' && value.constructor === C) return value;
    const promise = newPromiseOf(C, label);
    core.resolve(promise, value);
    return promise;
  }

  function reject(reason, label) {
    const promise = newPromiseOf(this, label);
    core.rejectFromUser(promise, reason);
    return promise;
  }

  function over(mode, entries, label, keys, fn) {
    const promise = labelled(new Promise(INTERNAL), label);
    const length = keys === null ? entries.length || 0 : keys.length;
    const values = keys === null ? entries : keys.map((key) => entries[key]);
    return new Enumerator(promise, mode, length, keys, fn).start(values);
  }

  function all(entries, label) {
    if (!Array.isArray(entries)) return reject(new TypeError(messages.rsvpNeedsArray('Promise.all')), label);
    return over(ALL, entries, label, null, undefined);
  }

  function allSettled(entries, label) {
    if (!Array.isArray(entries)) return reject(new TypeError(messages.rsvpNeedsArray('Promise.allSettled')), label);
    return over(ALL_SETTLED, entries, label, null, undefined);
  }

  function race(entries, label) {
    const promise = labelled(new Promise(INTERNAL), label);
    if (!Array.isArray(entries)) {
      core.reject(promise, new TypeError(messages.rsvpNeedsArray('Promise.race')));
      return promise;
    }
    const fns = core.createResolvingFunctions(promise);
    for (let i = 0; (promise._bits & STATE) === 0 && i < entries.length; i++) {
      resolve(entries[i])._then(fns.resolve, fns.reject, undefined, undefined, undefined);
    }
    return promise;
  }

  function overObject(mode, message) {
    return function (object, label) {
      return resolve(object, label).then((value) => {
        if (value === null || typeof value !== 'object') throw new TypeError(message);
        return over(mode, value, undefined, Object.keys(value), undefined);
      });
    };
  }

  function overArrayWith(mode, name, fnMessage) {
    return function (promises, fn, label) {
      if (typeof fn !== 'function') return reject(new TypeError(fnMessage), label);
      return resolve(promises, label).then((array) => {
        if (!Array.isArray(array)) throw new TypeError(name + ' must be called with an array');
        return over(mode, array, label, null, fn);
      });
    };
  }

  Promise.resolve = Promise.cast = resolve;
  Promise.reject = reject;
  Promise.all = all;
  Promise.race = race;

  function defer(label) {
    const deferred = { resolve: undefined, reject: undefined };
    deferred.promise = new Promise((resolveFn, rejectFn) => {
      deferred.resolve = resolveFn;
      deferred.reject = rejectFn;
    }, label);
    return deferred;
  }

  function rethrow(reason) {
    setTimeout(() => {
      throw reason;
    });
    throw reason;
  }

  const RSVP = {
    asap,
    cast: resolve,
    Promise,
    EventTarget,
    all: (array, label) => all(array, label),
    allSettled,
    race: (array, label) => race(array, label),
    hash: overObject(HASH, 'Promise.hash must be called with an object'),
    hashSettled: overObject(HASH_SETTLED, 'hashSettled must be called with an object'),
    rethrow,
    defer,
    denodeify: makeDenodeify(library, all),
    configure,
    on: (...args) => config.on(...args),
    off: (...args) => config.off(...args),
    resolve: (value, label) => resolve(value, label),
    reject: (reason, label) => reject(reason, label),
    map: overArrayWith(MAP, 'map', 'map expects a function as a second argument'),
    async: (callback, arg) => config.async(callback, arg),
    filter: overArrayWith(FILTER, 'filter', 'filter expects function as a second argument'),
  };
  RSVP.default = RSVP;
  return RSVP;
}

module.exports = makeRsvp();
