'use strict';
// Generators as async functions: `Promise.coroutine(generatorFunction, {yieldHandler})`,
// `Promise.coroutine.addYieldHandler(fn)` and the deprecated `Promise.spawn`.
// As in Bluebird, the generator runs synchronously up to its first `yield`; each yielded
// promise (or thenable, or whatever a yield handler turns into one) resumes it when settled.

const { classString, toDisplayString } = require('./messages');

const SEE = '\n\n    See http://goo.gl/MqrFmX\n';

module.exports = function installCoroutine(core) {
  const { Promise, isPromise } = core;
  const yieldHandlers = [];

  function notAPromise(value, stack) {
    const origin = stack.split('\n').slice(1, -7).join('\n');
    return new TypeError(
      'A value ' + toDisplayString(value) + ' was yielded that could not be treated as a promise' + SEE +
        '\nFrom coroutine:\n' + origin
    );
  }

  function isThenable(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    return isPromise(value) || typeof value.then === 'function';
  }

  // A yielded value as a promise: itself, or what a yield handler makes of it, or null.
  function toPromise(value, ownHandler) {
    if (isThenable(value)) return Promise.resolve(value);
    const handlers = ownHandler === undefined ? yieldHandlers : [ownHandler, ...yieldHandlers];
    for (const handler of handlers) {
      const converted = handler(value);
      if (isThenable(converted)) return Promise.resolve(converted);
    }
    return null;
  }

  // Drives `generator` to completion; the returned promise settles with its outcome.
  function run(generator, ownHandler, stack) {
    return new Promise((resolve, reject, onCancel) => {
      let current = null;
      const step = (method, argument) => {
        let result;
        try {
          result = generator[method](argument);
        } catch (error) {
          reject(error);
          return;
        }
        if (result.done) {
          resolve(result.value);
          return;
        }
        let promise;
        try {
          promise = toPromise(result.value, ownHandler);
        } catch (error) {
          step('throw', error);
          return;
        }
        if (promise === null) {
          step('throw', notAPromise(result.value, stack));
          return;
        }
        current = promise;
        promise._then(resume, fail, undefined, undefined, undefined);
      };
      const resume = (value) => step('next', value);
      const fail = (reason) => step('throw', reason);
      if (typeof onCancel === 'function') {
        onCancel(() => {
          if (current !== null && typeof current.cancel === 'function') current.cancel();
          if (typeof generator.return === 'function') generator.return();
        });
      }
      step('next', undefined);
    });
  }

  Promise.coroutine = function coroutine(generatorFunction, options) {
    if (typeof generatorFunction !== 'function') {
      throw new TypeError('generatorFunction must be a function' + SEE);
    }
    const ownHandler = options != null && typeof options.yieldHandler === 'function' ? options.yieldHandler : undefined;
    const stack = new Error().stack;
    return function () {
      let generator;
      try {
        generator = generatorFunction.apply(this, arguments);
      } catch (error) {
        return Promise.reject(error);
      }
      return run(generator, ownHandler, stack);
    };
  };

  Promise.coroutine.addYieldHandler = function addYieldHandler(fn) {
    if (typeof fn !== 'function') throw new TypeError('expecting a function but got ' + classString(fn));
    yieldHandlers.push(fn);
  };

  Promise.spawn = function spawn(generatorFunction) {
    core.warn('Promise.spawn() is deprecated and will be removed in a future version. Use Promise.coroutine() instead.');
    if (typeof generatorFunction !== 'function') {
      return Promise.reject(new TypeError('generatorFunction must be a function' + SEE));
    }
    return Promise.coroutine(generatorFunction)();
  };
};
