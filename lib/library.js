'use strict';
// One Promise constructor and prototype on the shared engine: what `require('ferrobird')`
// exports, and what each `Promise.getNewLibraryCopy()` makes anew.
//
// Handler registration goes through prototype methods with Bluebird 3.7's names, argument
// order and arity, so tools that wrap them (cls-bluebird, APM agents, is-bluebird's check)
// wrap real behaviour: `then` calls `_then(didFulfill, didReject, _, receiver, internalData)`,
// which calls `_addCallbacks(fulfill, reject, promise, receiver, domain)` when the promise is
// still pending, as Bluebird does; the constructor calls `_resolveFromExecutor(executor)`.

const core = require('./core');
const messages = require('./messages');
const { CancellationError } = require('./errors');

const { INTERNAL, PENDING, FULFILLED, REJECTED, STATE, GENERIC, CANCELLED, FOLLOWS, hooks, resolve, addReaction, newPromiseCapability, createResolvingFunctions } = core;

const proc = process;

// ECMA-262 calls a capability's functions with an undefined `this`, not the record.
function callCapability(fn, value) {
  return fn(value);
}

function bindToDomain(domain, handler) {
  return typeof handler === 'function' ? domain.bind(handler) : handler;
}

// Node's AsyncLocalStorage runs on async context frames (async-context.js).
const keepsFrames = require('./async-context') !== null;

// `options` lets a flavour (the RSVP one) keep its original's constructor errors and labels:
// `notConstructed` and `notAFunction(executor)` give the TypeError messages, `labels`, a
// WeakMap, receives each promise's optional second constructor argument, `adoptsOwn`
// makes its promises follow their own kind at once (core.adoptAtOnce) instead of through ES's
// thenable job, `selfFulfils` makes resolving a promise with itself fulfil it (RSVP),
// `passesAsIs` makes a reaction with no handler fulfil its promise with the value as it is
// (Bluebird's `_fulfill`; core.js, passFulfilment), `initializesInstance` lets the
// constructor be called without `new` on an instance (RSVP's ES5 subclasses), and
// `bluebirdFlavour` puts its promises in the timing chosen for Bluebird's flavour
// (core.timing: Bluebird's by default); the other libraries' are in ES's.
function createLibrary(options = {}) {
  const notConstructed = options.notConstructed || messages.CONSTRUCT_DIRECTLY;
  const notAFunction = options.notAFunction || messages.expectingFunction;
  const labels = options.labels || null;
  const initializesInstance = options.initializesInstance === true;
  const initialBits = (options.adoptsOwn ? core.ADOPTS_OWN : PENDING) | (options.selfFulfils ? core.SELF_FULFILS : PENDING) |
    (options.passesAsIs ? core.PASSES_AS_IS : PENDING);
  const timing = core.timing;
  const timingMask = options.bluebirdFlavour ? core.BLUEBIRD_TIMING : PENDING;

  function Promise(executor) {
    // RSVP's constructor also initializes an instance it is called on without `new` (an ES5
    // subclass calls it on `this`): `initializesInstance`.
    if (new.target === undefined && !(initializesInstance && this instanceof Promise)) throw new TypeError(notConstructed);
    this._bits = initialBits | (timing.bits & timingMask);
    this._id = 0;
    this._value = undefined;
    // The handler(s) of the reaction that settles this promise (which ones: core.js's
    // ON_FULFILLED and ON_REJECTED bits). Once it is settled and unhandled, the native shadow
    // that reports it to Node (see unhandled.js). A bound promise also gets `_receiver`.
    this._handler = undefined;
    // While pending with reactions: the targets that wait on it (core.js).
    this._waiters = undefined;
    // The async context frame its handlers run in, while they wait (handlers.js): only where
    // Node has frames, so that elsewhere a promise is a field smaller.
    if (keepsFrames) this._frame = undefined;
    if (executor !== INTERNAL) {
      if (typeof executor !== 'function') {
        throw new TypeError(notAFunction(executor));
      }
      if (labels !== null && arguments.length > 1 && arguments[1] !== undefined) labels.set(this, arguments[1]);
      this._resolveFromExecutor(executor);
    }
    // After the executor, as Bluebird fires promiseCreated.
    if (hooks.created !== null) hooks.created(this);
  }

  // IsPromise: an object made by this constructor. `instanceof` can run a Proxy's trap, and a
  // revoked Proxy's trap throws where the spec's internal-slot check would simply say no.
  function isPromise(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try {
      return value instanceof Promise && typeof value._bits === 'number' && (value._bits & GENERIC) === 0;
    } catch (error) {
      return false;
    }
  }

  function speciesConstructor(object) {
    const C = object.constructor;
    if (C === undefined) return Public;
    if (C === null || (typeof C !== 'object' && typeof C !== 'function')) {
      throw new TypeError(messages.BAD_CONSTRUCTOR);
    }
    const S = C[Symbol.species];
    if (S === undefined || S === null) return Public;
    if (typeof S === 'function') return S;
    throw new TypeError(messages.BAD_SPECIES);
  }

  // NewPromiseCapability(C), without the executor dance when C is ours.
  function capabilityFor(C) {
    if (C === Public) {
      const promise = new Promise(INTERNAL);
      const fns = createResolvingFunctions(promise);
      return { promise, resolve: fns.resolve, reject: fns.reject };
    }
    return newPromiseCapability(C);
  }

  // ECMA-262 PromiseResolve(C, x).
  function promiseResolve(C, value) {
    if (isPromise(value) && value.constructor === C) return value;
    if (C === Public) {
      const promise = new Promise(INTERNAL);
      resolve(promise, value);
      return promise;
    }
    const capability = newPromiseCapability(C);
    callCapability(capability.resolve, value);
    return capability.promise;
  }

  // The constructor the library shows: this one, or (`checksExecutorFirst`, ferrobird/es) a
  // shell that checks the executor before NewTarget's prototype is read, as ECMA-262's does
  // (a function reads it on entry). The two share one prototype.
  const Public = options.checksExecutorFirst ? executorCheckingShell(Promise, notAFunction) : Promise;

  Promise.prototype._resolveFromExecutor = core.resolveFromExecutor;

  Promise.prototype.then = function then(onFulfilled, onRejected) {
    if (!isPromise(this)) throw new TypeError(messages.thenReceiver(this));
    if (typeof onFulfilled !== 'function' && typeof onRejected !== 'function' && arguments.length > 0) {
      let message = '.then() only accepts functions but was passed: ' + messages.classString(onFulfilled);
      if (arguments.length > 1) message += ', ' + messages.classString(onRejected);
      core.warn(message, this);
    }
    const C = speciesConstructor(this);
    if (C === Public) return this._then(onFulfilled, onRejected, undefined, undefined, undefined);
    const capability = newPromiseCapability(C);
    addReaction(this, new core.GenericReaction(onFulfilled, onRejected, capability));
    return capability.promise;
  };

  // Bluebird's `_then`: `internalData` is the promise to settle (a new one when undefined).
  // As Bluebird, handlers run in the domain that was active when they were attached
  // (`process.domain`, read from a local: ~3 ns a call, measured).
  Promise.prototype._then = function _then(didFulfill, didReject, _, receiver, internalData) {
    const child = internalData === undefined ? new Promise(INTERNAL) : internalData;
    if (receiver === undefined) receiver = core.receiverOf(this);
    if (hooks.chained !== null) hooks.chained(this, child);
    // A follower (Bluebird's timing) is seen as the promise it follows, as Bluebird's `_then`
    // looks at `_target()`: settled or cancelled already, perhaps.
    const bits = (this._bits & FOLLOWS) === 0 ? this._bits : core.followee(this)._bits;
    const domain = proc.domain;
    if ((bits & STATE) === PENDING) {
      this._addCallbacks(didFulfill, didReject, child, receiver, domain == null ? null : domain);
      return child;
    }
    if (domain != null) {
      // Only the handler that will run is bound, as in Bluebird.
      if ((bits & STATE) === FULFILLED) didFulfill = bindToDomain(domain, didFulfill);
      else didReject = bindToDomain(domain, didReject);
    }
    if ((bits & CANCELLED) === 0) {
      core.setHandlers(child, didFulfill, didReject, receiver);
      addReaction(this, child);
    } else {
      // As Bluebird: a handler attached after cancellation sees a rejection.
      core.setHandlers(child, didFulfill, didReject, receiver);
      core.addSettledReaction(child, REJECTED, new CancellationError('late cancellation observer'));
    }
    return child;
  };

  // Bluebird's `_addCallbacks`: `promise` settles by `fulfill` / `reject` when this one does,
  // with the handlers bound to `domain` when there is one (its arity, 5, is what is-bluebird
  // checks).
  Promise.prototype._addCallbacks = function _addCallbacks(fulfill, reject, promise, receiver, domain) {
    if (domain != null) {
      fulfill = bindToDomain(domain, fulfill);
      reject = bindToDomain(domain, reject);
    }
    core.setHandlers(promise, fulfill, reject, receiver);
    addReaction(this, promise);
  };

  const library = { Promise: Public, then: Promise.prototype.then, isPromise, speciesConstructor, capabilityFor, promiseResolve };
  core.registerLibrary(library);
  if (options.bluebirdFlavour) core.markBluebirdFlavour(Promise.prototype);
  // A flavour with its own `then` (Q's progress, RSVP's shortcut) installs it here, so that
  // its promises are still adopted inside the engine when one resolves another: the engine
  // recognises a library's promises by its original `then`.
  function setThen(then) {
    library.then = then;
    Promise.prototype.then = then;
    core.registerLibrary(library);
  }
  // A flavour whose original calls a thenable's `then` with a third function (Q: progress)
  // gives the runtime its maker: `notifier(promise)` is that function for `promise`.
  function setThenableNotifier(notifier) {
    library.thenableNotifier = notifier;
  }
  return Object.assign(library, { setThen, setThenableNotifier });
}

// A class of null (it makes no `this` of its own, so nothing is read before its body runs)
// whose body checks the executor, then makes the promise with `Impl`: directly when called
// as itself (no prototype to read but its own, so nothing observable), else with NewTarget's
// prototype (a subclass, Reflect.construct). `Impl` takes the class's prototype.
function executorCheckingShell(Impl, notAFunction) {
  const Promise = class Promise extends null {
    constructor(executor) {
      if (typeof executor !== 'function') throw new TypeError(notAFunction(executor));
      return new.target === Promise ? new Impl(executor) : Reflect.construct(Impl, [executor], new.target);
    }
  };
  Object.setPrototypeOf(Promise.prototype, Object.prototype);
  Impl.prototype = Promise.prototype;
  return Promise;
}

module.exports = createLibrary;
