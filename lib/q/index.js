'use strict';
// Q 1.5.1's API on ferrobird's engine: what `require('ferrobird/q')` exports.
//
// A Q promise is a promise of its own library copy (library.js), so it settles, follows and
// is followed by ferrobird, Bluebird-flavoured, RSVP-flavoured and native promises through
// the one engine. Only Q's surface is installed on its prototype, one feature per module.
// Q runs its callbacks from its own tick queue; here they are engine jobs, each on a
// microtask, so Q's relative order holds within Q code (README: Q flavour, differences).

const messages = require('../messages');
const createLibrary = require('../library');
const unhandled = require('../unhandled');
const installDebug = require('../debug');
const debug = installDebug;
const core = require('../core');

const features = [
  require('./progress'),
  require('./chaining'),
  require('./dispatch'),
  require('./node'),
  require('./combinators'),
  require('./timers'),
  require('./generators'),
  require('./tracking'),
];

function makeQ() {
  // Q adopts its own promises at once (its `become`), as RSVP does: `adoptsOwn`.
  const library = createLibrary({ adoptsOwn: true });
  const { Promise, isPromise } = library;
  const { INTERNAL, STATE, FULFILLED, REJECTED, FLAVOUR_BIT } = core;
  installDebug(library);
  // What Q's feature modules share (./progress, ./chaining, ...): the runtime, this library,
  // and the Q functions below; the features add theirs (progress: notify, linkProgress).
  const q = Object.assign(Object.create(core), library);

  // Q(value): the promise itself, a promise that assimilates a thenable, or a fulfilled one.
  function Q(value) {
    if (isPromise(value)) return value;
    const promise = new Promise(INTERNAL);
    core.resolve(promise, value);
    return promise;
  }

  function reject(reason) {
    const promise = new Promise(INTERNAL);
    core.rejectFromUser(promise, reason);
    return promise;
  }

  // A fulfilled Q promise is "nearer" than a pending one: resolving a deferred with one takes
  // its value at once, as Q's `become` does, so `inspect()` sees it fulfilled in the same turn.
  function resolveDeferred(promise, value) {
    if (isPromise(value) && (value._bits & STATE) === FULFILLED) core.fulfill(promise, value._value);
    else core.resolve(promise, value);
  }

  // Q's deferred: the resolving functions are own properties, usable detached, as in Q.
  // Its promise is a progress source (progress.js): whoever holds the deferred may notify.
  function Deferred() {
    const promise = new Promise(INTERNAL);
    promise._bits |= FLAVOUR_BIT;
    let resolved = false;
    this.promise = promise;
    this.resolve = function (value) {
      if (resolved) return;
      resolved = true;
      resolveDeferred(promise, value);
    };
    this.fulfill = function (value) {
      if (resolved) return;
      resolved = true;
      core.fulfill(promise, value);
    };
    this.reject = function (reason) {
      if (resolved) return;
      resolved = true;
      core.rejectFromUser(promise, reason);
    };
    this.notify = function (progress) {
      if (resolved) return;
      q.notify(promise, progress);
    };
  }

  // What a node-style callback's arguments resolve to: the one value, or all of them.
  function nodeValue(args) {
    return args.length > 2 ? Array.prototype.slice.call(args, 1) : args[1];
  }

  Deferred.prototype.makeNodeResolver = function makeNodeResolver() {
    const deferred = this;
    return function (error) {
      if (error) deferred.reject(error);
      else deferred.resolve(nodeValue(arguments));
    };
  };

  function defer() {
    return new Deferred();
  }

  // The node-style callback Q's makeNodeResolver gives, for a promise no deferred exposes
  // (nfcall, denodeify and friends): one closure, first call wins.
  function nodeResolver(promise) {
    return function (error) {
      if (core.isResolved(promise)) return;
      if (error) core.rejectFromUser(promise, error);
      else resolveDeferred(promise, nodeValue(arguments));
    };
  }

  function rejectOnce(promise) {
    return (reason) => core.rejectUnlessResolved(promise, reason);
  }

  // Q.Promise(resolver): an ES6-style constructor that also hands the resolver `notify`.
  function promise(resolver) {
    if (typeof resolver !== 'function') throw new TypeError(messages.Q_RESOLVER);
    const deferred = new Deferred();
    try {
      resolver(deferred.resolve, deferred.reject, deferred.notify);
    } catch (reason) {
      deferred.reject(reason);
    }
    return deferred.promise;
  }

  // Q's `then` takes a third handler, for progress (progress.js carries it along the chain).
  q.setThen(function then(fulfilled, rejected, progressed) {
    if (Q.nextTick !== ownNextTick) return thenOnTick(this, fulfilled, rejected, progressed);
    const child = this._then(fulfilled, rejected, undefined, undefined, undefined);
    q.linkProgress(this, child, progressed);
    return child;
  });

  function ignore() {}

  // What q's `then` does with an outcome: the handler's result, its throw, or, with no
  // handler, the outcome itself (`isReason`: a rejection), settles `deferred`.
  function settleDeferred(deferred, handler, argument, isReason) {
    if (typeof handler !== 'function') {
      if (isReason) deferred.reject(argument);
      else deferred.resolve(argument);
      return;
    }
    try {
      deferred.resolve(handler(argument));
    } catch (error) {
      deferred.reject(error);
    }
  }

  // With `Q.nextTick` replaced (q's spec does it), `then` goes through it, as q's does: the
  // handler of a settled promise runs in that tick; a pending one's, when it settles.
  function thenOnTick(parent, fulfilled, rejected, progressed) {
    const deferred = new Deferred();
    q.linkProgress(parent, deferred.promise, progressed);
    Q.nextTick(() => {
      const state = parent._bits & STATE;
      if (state === FULFILLED) settleDeferred(deferred, fulfilled, parent._value, false);
      else if (state === REJECTED) {
        // Handled here: the engine hears of it through a reaction of its own.
        parent._then(undefined, ignore, undefined, undefined, undefined);
        settleDeferred(deferred, rejected, parent._value, true);
      }
      else parent._then((value) => settleDeferred(deferred, fulfilled, value, false), (reason) => settleDeferred(deferred, rejected, reason, true), undefined, undefined, undefined);
    });
    return deferred.promise;
  }

  Promise.prototype.inspect = function inspect() {
    const state = this._bits & STATE;
    if (state === FULFILLED) return { state: 'fulfilled', value: this._value };
    if (state === REJECTED) return { state: 'rejected', reason: this._value };
    return { state: 'pending' };
  };

  Promise.prototype.isPending = function isPending() {
    return (this._bits & STATE) === 0;
  };
  Promise.prototype.isFulfilled = function isFulfilled() {
    return (this._bits & STATE) === FULFILLED;
  };
  Promise.prototype.isRejected = function isRejected() {
    return (this._bits & STATE) === REJECTED;
  };

  Promise.prototype.toString = function toString() {
    return '[object Promise]';
  };

  Q.resolve = Q;
  Q.reject = reject;
  // Q's deprecated fulfill: a promise fulfilled with the value itself, thenable or not.
  Q.fulfill = function fulfill(value) {
    const promise = new Promise(INTERNAL);
    core.fulfill(promise, value);
    return promise;
  };
  Q.defer = defer;
  Q.Promise = promise;
  Q.promise = promise;
  // Q.makePromise(descriptor, fallback, inspect): a promise that answers each message from
  // `descriptor[op]`, or `fallback(op, args)` (q's remote objects); `then` sends `when`, on a
  // later tick, and its handlers run once whatever the descriptor does (gh-75). Its
  // `prototype` is Q promises' own, as in q, where code extends them through it.
  function makePromise(descriptor, fallback, inspect) {
    if (typeof fallback !== 'function') fallback = (op) => reject(new Error(messages.qUnsupported(op)));
    const remote = new Promise(INTERNAL);
    function answer(op, args) {
      try {
        return typeof descriptor[op] === 'function' ? descriptor[op].apply(remote, args) : fallback.call(remote, op, args);
      } catch (error) {
        return reject(error);
      }
    }
    remote.then = function then(fulfilled, rejected) {
      const deferred = defer();
      let done = false;
      Q.nextTick(() => {
        const value = answer('when', [(reason) => {
          if (done) return;
          done = true;
          settleDeferred(deferred, rejected, reason, true);
        }]);
        if (done) return;
        done = true;
        settleDeferred(deferred, fulfilled, value, false);
      });
      return deferred.promise;
    };
    remote.dispatch = function dispatch(op, args) {
      return Q(answer(op, args));
    };
    remote.inspect = typeof inspect === 'function' ? inspect : () => ({ state: 'unknown' });
    return remote;
  }
  makePromise.prototype = Promise.prototype;
  Q.makePromise = makePromise;
  Q.isPromise = isPromise;
  Q.isPromiseAlike = function isPromiseAlike(object) {
    return object === Object(object) && typeof object.then === 'function';
  };
  Q.isPending = function isPending(object) {
    return isPromise(object) && object.isPending();
  };
  Q.isFulfilled = function isFulfilled(object) {
    return !isPromise(object) || object.isFulfilled();
  };
  Q.isRejected = function isRejected(object) {
    return isPromise(object) && object.isRejected();
  };
  Q.nearer = function nearer(value) {
    return isPromise(value) && value.isFulfilled() ? value._value : value;
  };
  Q.when = function when(value, fulfilled, rejected, progressed) {
    return Q(value).then(fulfilled, rejected, progressed);
  };
  // Q's task queue; here the microtask queue the engine's own jobs run on. As Q's, a task runs
  // in the domain that was active when it was queued (an error it throws goes to that domain).
  function ownNextTick(task) {
    const domain = process.domain;
    queueMicrotask(domain ? domain.bind(task) : task);
  }
  Q.nextTick = ownNextTick;
  Q.passByCopy = function passByCopy(object) {
    return object;
  };
  Promise.prototype.passByCopy = function passByCopy() {
    return this;
  };
  Q.noConflict = function noConflict() {
    throw new Error(messages.Q_NO_CONFLICT);
  };

  // Q.longStackSupport switches the engine's long stack traces (joined, as Q's are, with
  // "From previous event:"); Q_DEBUG turns it on at load, as in Q.
  Object.defineProperty(Q, 'longStackSupport', {
    get: () => debug.settings.longStackTraces,
    set: (on) => {
      debug.configure({ longStackTraces: Boolean(on) });
    },
    enumerable: true,
    configurable: true,
  });
  if (process.env.Q_DEBUG) Q.longStackSupport = true;

  // Q reports unhandled rejections as `process` events but never ends the process over one.
  unhandled.setLibraryFatal(isPromise, false);

  Object.assign(q, { Q, defer, reject, nodeResolver, rejectOnce, resolveDeferred });
  for (const install of features) install(q);

  promise.race = Q.race;
  promise.all = Q.all;
  promise.reject = reject;
  promise.resolve = Q;
  return Q;
}

module.exports = makeQ();
