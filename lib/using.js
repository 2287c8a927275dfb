'use strict';
// Resource management: `promise.disposer(fn)` and `Promise.using(resources..., fn)`.
// Resources are acquired in parallel; `fn` runs once all are acquired; each acquired
// resource is then disposed, in order and one at a time, however `fn` ended (fulfilled,
// rejected or cancelled). If an acquisition fails, the acquired ones are disposed and the
// result rejects. As in Bluebird 3.7, a disposer that throws or rejects is an uncaught
// exception, not a rejection: disposal must not fail silently.

const messages = require('./messages');

const { throwLater } = require('./errors');
const cancellation = require('./cancellation');

const NO_RESOURCE = {};

module.exports = function installUsing(library, { PromiseInspection, finallyOf }) {
  const { Promise, isPromise } = library;

  function Disposer(fn, promise) {
    this._data = fn;
    this._promise = promise;
  }

  Disposer.prototype.data = function () {
    return this._data;
  };

  Disposer.prototype.promise = function () {
    return this._promise;
  };

  Disposer.prototype.resource = function () {
    const promise = this._promise;
    return promise.isFulfilled() ? promise.value() : NO_RESOURCE;
  };

  Disposer.prototype.tryDispose = function (inspection) {
    const resource = this.resource();
    const fn = this._data;
    this._data = null;
    return resource === NO_RESOURCE ? null : fn.call(resource, resource, inspection);
  };

  Disposer.isDisposer = function (value) {
    return value != null && typeof value.resource === 'function' && typeof value.tryDispose === 'function';
  };

  Promise.prototype.disposer = function (fn) {
    if (typeof fn === 'function') return new Disposer(fn, this);
    throw new TypeError();
  };

  // Disposes the resources with a disposer, in order, each after the previous one's promise.
  function dispose(resources, inspection) {
    return new Promise((resolve) => {
      let i = 0;
      const next = () => {
        while (i < resources.length) {
          const disposer = resources[i++].disposer;
          if (disposer === null) continue;
          let result;
          try {
            result = disposer.tryDispose(inspection);
          } catch (error) {
            throwLater(error);
            return;
          }
          if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
            library.promiseResolve(Promise, result)._then(next, throwLater, undefined, undefined, undefined);
            return;
          }
        }
        resolve();
      };
      next();
    });
  }

  Promise.using = function using() {
    let count = arguments.length;
    if (count < 2) return Promise.reject(new TypeError(messages.USING_ARGUMENTS));
    const fn = arguments[count - 1];
    if (typeof fn !== 'function') return Promise.reject(new TypeError(messages.expectingFunction(fn)));
    let input = arguments;
    let spread = true;
    if (count === 2 && Array.isArray(arguments[0])) {
      input = arguments[0];
      count = input.length;
      spread = false;
    } else {
      count--;
    }

    // One entry per resource: the promise that acquires it, and its disposer once known.
    const resources = [];
    for (let i = 0; i < count; i++) {
      const entry = { promise: null, disposer: null };
      const resource = input[i];
      if (Disposer.isDisposer(resource)) {
        entry.disposer = resource;
        entry.promise = library.promiseResolve(Promise, resource.promise());
      } else {
        entry.promise = library.promiseResolve(Promise, resource)._then((value) => {
          if (!Disposer.isDisposer(value)) return value;
          entry.disposer = value;
          return value.promise();
        }, undefined, undefined, undefined, undefined);
      }
      resources.push(entry);
    }

    const reflected = resources.map((entry) => entry.promise.reflect());
    // Through `_then` and the internal finally, never the public (patchable) methods.
    const resultPromise = Promise.all(reflected)._then((inspections) => {
      const values = new Array(inspections.length);
      for (let i = 0; i < inspections.length; i++) {
        const inspection = inspections[i];
        if (inspection.isRejected()) throw inspection.reason();
        if (!inspection.isFulfilled()) {
          resultPromise.cancel();
          return undefined;
        }
        values[i] = inspection.value();
      }
      return spread ? fn.apply(undefined, values) : fn(values);
    }, undefined, undefined, undefined, undefined);
    const promise = finallyOf(resultPromise, () => dispose(resources, new PromiseInspection(resultPromise)));
    if (cancellation.isEnabled()) {
      cancellation.onCancel(promise, {
        cancelled() {
          for (const entry of resources) if (isPromise(entry.promise)) entry.promise.cancel();
        },
      });
    }
    return promise;
  };
};
