'use strict';
// ECMA-262's Promise.prototype.catch and .finally, and the constructor's species; Bluebird's tag.

const { CancellationError } = require('./errors');

module.exports = function installEsPrototype(core) {
  const { Promise, speciesConstructor, promiseResolve, isPromise, OBSERVES_CANCEL, CANCELLED } = core;

  Promise.prototype.catch = function (onRejected) {
    return this.then(undefined, onRejected);
  };

  Promise.prototype.finally = function (onFinally) {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
      throw new TypeError('Promise.prototype.finally called on non-object');
    }
    const C = speciesConstructor(this);
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    // Bluebird runs finally handlers on cancellation too; the result is cancelled after. A
    // finally attached after cancellation fulfils with the "late cancellation observer" error,
    // as Bluebird's does.
    const source = this;
    const result = this.then(
      function (value) {
        return promiseResolve(C, onFinally()).then(function () {
          return value;
        });
      },
      function (reason) {
        return promiseResolve(C, onFinally()).then(function () {
          if (reason instanceof CancellationError && (source._bits & CANCELLED) !== 0) return reason;
          throw reason;
        });
      }
    );
    if (isPromise(result)) result._bits |= OBSERVES_CANCEL;
    return result;
  };

  Object.defineProperty(Promise, Symbol.species, {
    get: function () {
      return this;
    },
    configurable: true,
  });

  // Bluebird 3.7.2's tag, so `Object.prototype.toString` says "[object Object]" as it does
  // for Bluebird (native says "[object Promise]"; Bluebird wins on the main export).
  Object.defineProperty(Promise.prototype, Symbol.toStringTag, {
    value: 'Object',
    configurable: true,
  });
};
