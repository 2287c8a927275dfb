'use strict';
// ECMA-262's Promise.prototype.catch and .finally, and the constructor's species and tag.

module.exports = function installEsPrototype(core) {
  const { Promise, speciesConstructor, promiseResolve } = core;

  Promise.prototype.catch = function (onRejected) {
    return this.then(undefined, onRejected);
  };

  Promise.prototype.finally = function (onFinally) {
    if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
      throw new TypeError('Promise.prototype.finally called on non-object');
    }
    const C = speciesConstructor(this);
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    return this.then(
      function (value) {
        return promiseResolve(C, onFinally()).then(function () {
          return value;
        });
      },
      function (reason) {
        return promiseResolve(C, onFinally()).then(function () {
          throw reason;
        });
      }
    );
  };

  Object.defineProperty(Promise, Symbol.species, {
    get: function () {
      return this;
    },
    configurable: true,
  });

  Object.defineProperty(Promise.prototype, Symbol.toStringTag, {
    value: 'Promise',
    configurable: true,
  });
};
