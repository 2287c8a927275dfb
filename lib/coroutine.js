'use strict';
// Generators as async functions: `Promise.coroutine(generatorFunction, {yieldHandler})`,
// `Promise.coroutine.addYieldHandler(fn)` and the deprecated `Promise.spawn`.
// As in Bluebird, the generator runs synchronously up to its first `yield`; each yielded
// promise (or thenable, or whatever a yield handler turns into one) resumes it when settled.

const messages = require('./messages');
const { CancellationError } = require('./errors');
const cancellation = require('./cancellation');
const core = require('./core');
const { Aggregate } = require('./aggregate');


module.exports = function installCoroutine(library) {
  const { Promise, isPromise } = library;
  const yieldHandlers = [];

  function notAPromise(value, stack) {
    const origin = stack.split('\n').slice(1, -7).join('\n');
    return new TypeError(messages.notAPromiseYielded(value, origin));
  }

  function isThenable(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    return isPromise(value) || typeof value.then === 'function';
  }

  // A yielded value as a promise: itself, or what a yield handler makes of it, or null.
  function toPromise(value, ownHandler) {
    if (isThenable(value)) return library.promiseResolve(Promise, value);
    const handlers = ownHandler === undefined ? yieldHandlers : [ownHandler, ...yieldHandlers];
    for (const handler of handlers) {
      const converted = handler(value);
      if (isThenable(converted)) return library.promiseResolve(Promise, converted);
    }
    return null;
  }

  // Drives a generator to completion (Bluebird's PromiseSpawn): `result` settles with its
  // outcome. Each yielded promise is awaited by an element reaction (the aggregate protocol of
  // collections/base.js), which also sees it cancelled: then, as in Bluebird, the generator
  // is returned from (its finally blocks run, and may still yield), and the result is
  // cancelled once it is done. Cancelling the result cancels the promise it waits on.
  //
  // `promise` settles with the generator's outcome. With cancellation on, the promise returned
  // (`result`) is, as in Bluebird, `promise.finally(() => finished)`, where `finished` is
  // fulfilled once the generator is done: a cancelled coroutine's result settles (and its
  // own finally handlers run) only after the generator's finally blocks have run.
  function Spawn(generator, ownHandler, stack) {
    this.promise = new Promise(core.INTERNAL);
    this.finished = null;
    this.result = this.promise;
    if (cancellation.isEnabled()) {
      const finished = (this.finished = new Promise(core.INTERNAL));
      this.result = this.promise.lastly(() => finished);
      cancellation.onCancel(this.promise, this);
    }
    this.generator = generator;
    this.ownHandler = ownHandler;
    this.stack = stack;
    this.current = null;
    this.cancelling = false;
    this.done = false;
    // The async context frame of the call (handlers.js): the steps after the first resume
    // in it, as an async function's do after an `await`.
    this.frame = core.currentFrame();
  }
  Spawn.prototype = Object.create(Aggregate.prototype);

  // Called by the job runner or the delivery loop (core.js), which enter each job's frame
  // themselves and give the caller's back.
  Spawn.prototype.settled = function (index, fulfilled, value) {
    this.current = null;
    if (this.done) return;
    core.enterFrame(this.frame);
    if (fulfilled) this.step('next', value);
    else if (value === core.CANCEL) this.returnFromGenerator();
    else this.step('throw', value);
  };

  Spawn.prototype.cancelled = function () {
    if (this.done) return;
    if (this.current !== null) this.current.cancel();
    else this.returnFromGenerator();
  };

  Spawn.prototype.returnFromGenerator = function () {
    this.cancelling = true;
    if (typeof this.generator.return === 'function') {
      this.step('return', undefined);
      return;
    }
    const sentinel = new CancellationError('generator .return() sentinel');
    Promise.coroutine.returnSentinel = sentinel;
    this.step('throw', sentinel);
  };

  Spawn.prototype.step = function (method, argument) {
    for (;;) {
      let result;
      core.enterContext(this.promise);
      try {
        result = this.generator[method](argument);
      } catch (error) {
        core.leaveContext();
        this.finish(false, error);
        return;
      }
      core.leaveContext();
      if (result.done) {
        this.finish(true, result.value);
        return;
      }
      let promise;
      try {
        promise = toPromise(result.value, this.ownHandler);
      } catch (error) {
        method = 'throw';
        argument = error;
        continue;
      }
      if (promise === null) {
        method = 'throw';
        argument = notAPromise(result.value, this.stack);
        continue;
      }
      this.current = promise;
      core.addElementReaction(promise, this, 0);
      return;
    }
  };

  Spawn.prototype.finish = function (fulfilled, value) {
    this.done = true;
    if (this.cancelling) core.cancel(this.promise);
    else if (fulfilled) core.resolve(this.promise, value);
    else core.rejectFromUser(this.promise, value);
    if (this.finished !== null) core.resolve(this.finished, undefined);
  };

  function run(generator, ownHandler, stack) {
    const spawn = new Spawn(generator, ownHandler, stack);
    spawn.step('next', undefined);
    return spawn.result;
  }

  Promise.coroutine = function coroutine(generatorFunction, options) {
    if (typeof generatorFunction !== 'function') {
      throw new TypeError(messages.NOT_A_GENERATOR);
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
    if (typeof fn !== 'function') throw new TypeError(messages.expectingFunction(fn));
    yieldHandlers.push(fn);
  };

  Promise.spawn = function spawn(generatorFunction) {
    core.warn('Promise.spawn() is deprecated and will be removed in a future version. Use Promise.coroutine() instead.');
    if (typeof generatorFunction !== 'function') {
      return Promise.reject(new TypeError(messages.NOT_A_GENERATOR));
    }
    // As Bluebird's PromiseSpawn: the generator runs here, with `this` the constructor, not
    // through the public Promise.coroutine (a CLS tool that wraps both would wrap it twice).
    let generator;
    try {
      generator = generatorFunction.call(this);
    } catch (error) {
      return Promise.reject(error);
    }
    return run(generator, undefined, new Error().stack);
  };
};
