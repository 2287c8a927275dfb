'use strict';
// ECMA-262's Promise statics: resolve, reject, withResolvers, try, and the combinators all,
// allSettled, any and race.
//
// Each is a method, as a built-in is: no constructor, its own name and length. The functions
// they hand out (the combinators' element functions) are anonymous arrows, for the same
// reason. `generic` (ferrobird/es) keeps ECMA-262's `this` in full and defines the statics as
// the spec's properties (not enumerable); without it (the main export), Bluebird's rule for
// an unrelated `this` applies, and the statics are plain assignments, as Bluebird's are.

const core = require('./core');
const { isLibraryConstructor } = require('./brand');
const messages = require('./messages');

// ECMA-262 calls a capability's functions with an undefined `this`, not the record.
function callCapability(fn, value) {
  return fn(value);
}

module.exports = function installEsStatics(library, { generic = false } = {}) {
  const { Promise, capabilityFor, promiseResolve } = library;

  // The constructor a static was called on. Bluebird's statics ignore `this`, so any `this`
  // that is not a library's Promise or a subclass of one gets this library's own: a detached
  // call (`[a, b].map(Promise.resolve)`, `const { all } = Promise`), a plain object (a
  // migration runner's `(m.up || Promise.resolve).apply(m, args)`). A library's Promise or a
  // subclass keeps ECMA-262's NewPromiseCapability(C). (ES's TypeError for a `this` that is no
  // constructor is `ferrobird/es`'s; the ES6 suite's four tests of it are listed in
  // __test__/conformance/es6.js.)
  const constructorOf = generic
    ? function (C) {
        if (C === null || (typeof C !== 'object' && typeof C !== 'function')) throw new TypeError(messages.NOT_A_CONSTRUCTOR);
        return C;
      }
    : function (C) {
        return isLibraryConstructor(C) ? C : Promise;
      };

  const statics = {
    resolve(value) {
      return promiseResolve(constructorOf(this), value);
    },

    reject(reason) {
      const C = constructorOf(this);
      if (C === Promise) {
        // A synchronous rejection: the reason was made here (long stack traces).
        const promise = new Promise(core.INTERNAL);
        core.rejectFromUser(promise, reason, true);
        return promise;
      }
      const capability = capabilityFor(C);
      callCapability(capability.reject, reason);
      return capability.promise;
    },

    withResolvers() {
      const capability = capabilityFor(constructorOf(this));
      return { promise: capability.promise, resolve: capability.resolve, reject: capability.reject };
    },

    // ECMA-262 27.2.4.8: the callback's result or error settles the capability; an error of
    // the capability's own functions is the caller's.
    try(fn, ...rest) {
      const capability = capabilityFor(constructorOf(this));
      let result;
      try {
        result = fn(...rest);
      } catch (error) {
        callCapability(capability.reject, error);
        return capability.promise;
      }
      callCapability(capability.resolve, result);
      return capability.promise;
    },

    all: combinator('all', function (C, resolveFn, iterable, capability) {
      const done = (results) => callCapability(capability.resolve, results);
      collect(C, resolveFn, iterable, function (next, index, state) {
        next.then(
          once((value) => settleElement(state, index, value, done)),
          capability.reject
        );
      }, done);
    }),

    allSettled: combinator('allSettled', function (C, resolveFn, iterable, capability) {
      const done = (results) => callCapability(capability.resolve, results);
      collect(C, resolveFn, iterable, function (next, index, state) {
        // One alreadyCalled record for the pair, as the spec's.
        let called = false;
        next.then(
          (value) => {
            if (called) return;
            called = true;
            settleElement(state, index, { status: 'fulfilled', value }, done);
          },
          (reason) => {
            if (called) return;
            called = true;
            settleElement(state, index, { status: 'rejected', reason }, done);
          }
        );
      }, done);
    }),

    any: combinator('any', function (C, resolveFn, iterable, capability) {
      const done = (errors) => callCapability(capability.reject, new AggregateError(errors, messages.ANY_EMPTY));
      collect(C, resolveFn, iterable, function (next, index, state) {
        next.then(
          capability.resolve,
          once((reason) => settleElement(state, index, reason, done))
        );
      }, done);
    }),

    race: combinator('race', function (C, resolveFn, iterable, capability) {
      for (const value of iterable) {
        resolveFn.call(C, value).then(capability.resolve, capability.reject);
      }
    }),
  };

  // The shared frame of the combinators (ECMA-262 27.2.4.1 and its siblings): capability,
  // `C.resolve` read once, iteration with IteratorClose on abrupt completion (for-of's), and
  // a rejected capability for any error along the way.
  function combinator(name, perform) {
    const method = 'Promise.' + name;
    return {
      [name](iterable) {
        const C = constructorOf(this);
        const capability = capabilityFor(C);
        try {
          const resolveFn = C.resolve;
          if (typeof resolveFn !== 'function') throw new TypeError(method + ': C.resolve is not callable');
          perform(C, resolveFn, iterable, capability);
        } catch (error) {
          callCapability(capability.reject, error);
        }
        return capability.promise;
      },
    }[name];
  }

  // Iterates like for-of (closing the iterator when the body throws), counting settlements
  // the spec's way: `remaining` starts at 1 and the loop's end takes that one back.
  // The spec's values are a List, not an array: an object with no prototype (so that no
  // setter on Array.prototype runs), copied into a new array when the last element settles
  // (CreateArrayFromList), so that an element function called after that changes nothing seen.
  function collect(C, resolveFn, iterable, onEach, onDone) {
    const results = Object.create(null);
    results.length = 0;
    const state = { remaining: 1, results };
    let index = 0;
    for (const value of iterable) {
      results[index] = undefined;
      results.length = index + 1;
      const next = resolveFn.call(C, value);
      state.remaining++;
      onEach(next, index, state);
      index++;
    }
    if (--state.remaining === 0) onDone(Array.from(results));
    return state;
  }

  function settleElement(state, index, value, onDone) {
    state.results[index] = value;
    if (--state.remaining === 0) onDone(Array.from(state.results));
  }

  function once(fn) {
    let called = false;
    return (value) => {
      if (called) return undefined;
      called = true;
      return fn(value);
    };
  }

  for (const name of Object.keys(statics)) {
    if (generic) Object.defineProperty(Promise, name, { value: statics[name], writable: true, enumerable: false, configurable: true });
    else Promise[name] = statics[name];
  }
  if (generic) return;
  // Bluebird's statics are plain functions: `new Promise.resolve(x)` is the promise, as there.
  // (The collections and `try` are replaced by Bluebird's own, plain functions too.)
  for (const name of ['resolve', 'reject', 'withResolvers']) Promise[name] = asPlainFunction(statics[name]);
};

// `method` as a plain function of its name and length, which `new` calls with the library's
// constructor as `this` (Bluebird ignores an unrelated `this`, and `new` gives one).
function asPlainFunction(method) {
  const plain = {
    [method.name]: function (value) {
      return method.call(new.target === undefined ? this : undefined, value);
    },
  }[method.name];
  Object.defineProperty(plain, 'length', { value: method.length });
  return plain;
}
