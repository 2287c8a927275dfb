'use strict';
// ECMA-262's Promise statics, generic over `this` as the spec has them: resolve, reject,
// withResolvers, try, and the combinators all, allSettled, any and race.

const core = require('./core');
const { isLibraryConstructor } = require('./brand');
const messages = require('./messages');

module.exports = function installEsStatics(library) {
  const { Promise, capabilityFor, promiseResolve } = library;

  // The constructor a static was called on. Bluebird's statics ignore `this`, so any `this`
  // that is not a library's Promise or a subclass of one gets this library's own: a detached
  // call (`[a, b].map(Promise.resolve)`, `const { all } = Promise`), `new`, a plain object (a
  // migration runner's `(m.up || Promise.resolve).apply(m, args)`). A library's Promise or a
  // subclass keeps ECMA-262's NewPromiseCapability(C). (ES's TypeError for a `this` that is no
  // constructor is `ferrobird/es`'s; the ES6 suite's four tests of it are listed in
  // __test__/conformance/es6.js.)
  function constructorOf(C, newTarget) {
    return newTarget === undefined && isLibraryConstructor(C) ? C : Promise;
  }

  Promise.resolve = function resolve(value) {
    return promiseResolve(constructorOf(this, new.target), value);
  };

  Promise.reject = function reject(reason) {
    const C = constructorOf(this, new.target);
    if (C === Promise) {
      // A synchronous rejection: the reason was made here (long stack traces).
      const promise = new Promise(core.INTERNAL);
      core.rejectFromUser(promise, reason, true);
      return promise;
    }
    const capability = capabilityFor(C);
    capability.reject(reason);
    return capability.promise;
  };

  Promise.withResolvers = function withResolvers() {
    const capability = capabilityFor(constructorOf(this, new.target));
    return { promise: capability.promise, resolve: capability.resolve, reject: capability.reject };
  };

  Promise.try = function (fn, ...rest) {
    const capability = capabilityFor(constructorOf(this, new.target));
    try {
      capability.resolve(fn(...rest));
    } catch (error) {
      capability.reject(error);
    }
    return capability.promise;
  };

  // The shared frame of the combinators (ECMA-262 27.2.4.1 and its siblings): capability,
  // `C.resolve` read once, iteration with IteratorClose on abrupt completion, and a rejected
  // capability for any error along the way.
  function combinator(method, perform) {
    return function (iterable) {
      const C = constructorOf(this, new.target);
      const capability = capabilityFor(C);
      try {
        const resolveFn = C.resolve;
        if (typeof resolveFn !== 'function') throw new TypeError(method + ': C.resolve is not callable');
        perform(C, resolveFn, iterable, capability);
      } catch (error) {
        capability.reject(error);
      }
      return capability.promise;
    };
  }

  // Iterates like for-of (closing the iterator when the body throws), counting settlements
  // the spec's way: `remaining` starts at 1 and the loop's end takes that one back.
  function collect(C, resolveFn, iterable, onEach, onDone) {
    const state = { remaining: 1, results: [] };
    let index = 0;
    for (const value of iterable) {
      state.results.push(undefined);
      const next = resolveFn.call(C, value);
      state.remaining++;
      onEach(next, index, state);
      index++;
    }
    if (--state.remaining === 0) onDone(state.results);
    return state;
  }

  function settleElement(state, index, value, onDone) {
    state.results[index] = value;
    if (--state.remaining === 0) onDone(state.results);
  }

  function once(fn) {
    let called = false;
    return function (value) {
      if (called) return undefined;
      called = true;
      return fn(value);
    };
  }

  Promise.all = combinator('Promise.all', function (C, resolveFn, iterable, capability) {
    const done = function (results) {
      capability.resolve(results);
    };
    collect(C, resolveFn, iterable, function (next, index, state) {
      next.then(
        once(function (value) {
          settleElement(state, index, value, done);
        }),
        capability.reject
      );
    }, done);
  });

  Promise.allSettled = combinator('Promise.allSettled', function (C, resolveFn, iterable, capability) {
    const done = function (results) {
      capability.resolve(results);
    };
    collect(C, resolveFn, iterable, function (next, index, state) {
      let called = false;
      next.then(
        function (value) {
          if (called) return;
          called = true;
          settleElement(state, index, { status: 'fulfilled', value }, done);
        },
        function (reason) {
          if (called) return;
          called = true;
          settleElement(state, index, { status: 'rejected', reason }, done);
        }
      );
    }, done);
  });

  Promise.any = combinator('Promise.any', function (C, resolveFn, iterable, capability) {
    const done = function (errors) {
      capability.reject(new AggregateError(errors, messages.ANY_EMPTY));
    };
    collect(C, resolveFn, iterable, function (next, index, state) {
      next.then(
        capability.resolve,
        once(function (reason) {
          settleElement(state, index, reason, done);
        })
      );
    }, done);
  });

  Promise.race = combinator('Promise.race', function (C, resolveFn, iterable, capability) {
    for (const value of iterable) {
      resolveFn.call(C, value).then(capability.resolve, capability.reject);
    }
  });
};
