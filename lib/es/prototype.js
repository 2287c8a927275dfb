'use strict';
// ECMA-262's Promise.prototype (27.2.5): then, catch, finally and the tag, as the spec gives
// them, with none of Bluebird's additions (no warnings, no cancellation, no bound receivers).

const core = require('../core');

// A built-in's shape: a method (no constructor, its own name and length), not enumerable.
function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });
}

module.exports = function installEsPrototype(library) {
  const { Promise, isPromise, speciesConstructor, promiseResolve } = library;
  const proto = Promise.prototype;

  const methods = {
    // 27.2.5.4: on one of ours with the default species, the engine's reaction at once; else
    // NewPromiseCapability(C) and a generic reaction.
    then(onFulfilled, onRejected) {
      if (!isPromise(this)) throw new TypeError('Method Promise.prototype.then called on incompatible receiver ' + describe(this));
      const C = speciesConstructor(this);
      if (C === Promise) return this._then(onFulfilled, onRejected, undefined, undefined, undefined);
      const capability = core.newPromiseCapability(C);
      core.addReaction(this, new core.GenericReaction(onFulfilled, onRejected, capability));
      return capability.promise;
    },

    // 27.2.5.1: Invoke(promise, "then", « undefined, onRejected »), on any object.
    catch(onRejected) {
      return this.then(undefined, onRejected);
    },

    // 27.2.5.3.
    finally(onFinally) {
      if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
        throw new TypeError('Promise.prototype.finally called on a non-object');
      }
      const C = speciesConstructor(this);
      if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
      // The spec's closures: anonymous, of length 1 (the thunks: 0), no constructors.
      return this.then(
        (value) => promiseResolve(C, onFinally()).then(() => value),
        (reason) =>
          promiseResolve(C, onFinally()).then(() => {
            throw reason;
          })
      );
    },
  };

  for (const name of Object.keys(methods)) define(proto, name, methods[name]);
  library.setThen(methods.then);
  define(proto, 'then', methods.then); // setThen assigned it; the spec's attributes again

  Object.defineProperty(proto, Symbol.toStringTag, { value: 'Promise', writable: false, enumerable: false, configurable: true });
  Object.defineProperty(Promise, Symbol.species, {
    get: Object.getOwnPropertyDescriptor({ get [Symbol.species]() { return this; } }, Symbol.species).get,
    enumerable: false,
    configurable: true,
  });
};

// V8's rendering of a value in its TypeErrors.
function describe(value) {
  if (typeof value === 'string') return value;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  return Object.prototype.toString.call(value).replace(/^\[object (.*)\]$/, '#<$1>');
}
