'use strict';
// ECMA-262's Promise.prototype.catch and .finally, and the constructor's species; Bluebird's tag.

const messages = require('./messages');
const { CancellationError } = require('./errors');
const { internalThen, publicThen } = require('./then-forms');
const core = require('./core');
const { awaitable } = require('./pass-through');
const { isThenable } = require('./then-forms');

module.exports = function installEsPrototype(library) {
  const { Promise, speciesConstructor, promiseResolve, isPromise } = library;
  const { OBSERVES_CANCEL, CANCELLED } = core;


  Promise.prototype.catch = function (onRejected) {
    return this.then(undefined, onRejected);
  };

  function rethrow(error) {
    throw error;
  }

  // What a finally passes on from a rejected `source` once its handler is done: the reason
  // again, or, when the source was cancelled, the cancellation error as a value.
  function passOn(source, reason) {
    if (lateCancellation(source, reason)) return reason;
    throw reason;
  }

  // A finally attached after its source was cancelled: once a promise its handler returned
  // has settled, Bluebird's finallyHandler passes on the cancelled source's settled value,
  // undefined, not the error.
  function lateCancellation(source, reason) {
    return reason instanceof CancellationError && (source._bits & CANCELLED) !== 0;
  }

  function passOnAwaited(source, reason) {
    if (lateCancellation(source, reason)) return undefined;
    throw reason;
  }

  function finallyMethod(onFinally) {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
      throw new TypeError(messages.notAnObject('Promise.prototype.finally'));
    }
    const C = speciesConstructor(this);
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    // Bluebird runs finally handlers on cancellation too; the result is cancelled after. A
    // finally attached after cancellation fulfils with the "late cancellation observer" error,
    // as Bluebird's does. On this library's own promises, as in Bluebird: the handler runs
    // with the bound `this`, and the reactions go through `_then`, not the public `then`.
    // The promise the handler returns is awaited with a handler for each outcome, as
    // Bluebird's finallyHandler does (a domain binds both: regress.js, github-689).
    const then = C === Promise && isPromise(this) ? internalThen : publicThen;
    const passRejection = then === internalThen ? rethrow : undefined;
    const source = this;
    if (then === internalThen && core.hasBluebirdTiming(this)) return bluebirdFinally(this, onFinally);
    const result = then(
      this,
      function (value) {
        return then(promiseResolve(C, onFinally.call(this)), function () {
          return value;
        }, passRejection);
      },
      function (reason) {
        const returned = onFinally.call(this);
        // (Whether it returned a thenable matters only after a late cancellation: asked then.)
        const passOnReason = () => (lateCancellation(source, reason) && isThenable(returned) ? undefined : passOn(source, reason));
        return then(promiseResolve(C, returned), passOnReason, passRejection);
      }
    );
    if (isPromise(result)) result._bits |= OBSERVES_CANCEL;
    return result;
  }

  // Bluebird's finallyHandler, in its timing: a handler's result that is no promise (nor
  // thenable) is not awaited (pass-through.js).
  function bluebirdFinally(source, onFinally) {
    const result = internalThen(
      source,
      function (value) {
        const awaited = awaitable(library, onFinally.call(this));
        return awaited === null ? value : internalThen(awaited, () => value, rethrow);
      },
      function (reason) {
        const awaited = awaitable(library, onFinally.call(this));
        return awaited === null ? passOn(source, reason) : internalThen(awaited, () => passOnAwaited(source, reason), rethrow);
      }
    );
    result._bits |= OBSERVES_CANCEL;
    return result;
  }

  Promise.prototype.finally = finallyMethod;
  // For the library's own modules (using): `finally` without the public method, so that a
  // wrapper of `finally` (cls-bluebird) sees only the user's calls.

  // (Bluebird has none; ECMA-262's, with its getter named as the spec names it.)
  Object.defineProperty(Promise, Symbol.species, {
    get: Object.getOwnPropertyDescriptor({ get [Symbol.species]() { return this; } }, Symbol.species).get,
    configurable: true,
  });

  // Bluebird's own toString, so `String(promise)` says "[object Promise]" as Bluebird's does.
  Promise.prototype.toString = function toString() {
    return '[object Promise]';
  };

  // Bluebird 3.7.2's tag, so `Object.prototype.toString` says "[object Object]" as it does
  // for Bluebird (native says "[object Promise]"; Bluebird wins on the main export).
  Object.defineProperty(Promise.prototype, Symbol.toStringTag, {
    value: 'Object',
    configurable: true,
  });

  return { finallyOf: (promise, onFinally) => finallyMethod.call(promise, onFinally) };
};
