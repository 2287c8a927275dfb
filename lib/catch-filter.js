'use strict';
// .catch / .caught with Bluebird's filters: error classes, predicate functions and
// object patterns, before the handler. With one argument it is ECMA-262's catch.

const messages = require('./messages');
const { internalThen, publicThen } = require('./then-forms');

module.exports = function installCatchFilter(library) {
  const { Promise } = library;

  function isObject(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }

  function isErrorClass(filter) {
    return filter === Error || (filter != null && filter.prototype instanceof Error);
  }

  // Whether `error` matches one of `filters`; a predicate that throws rejects with its error.
  function matches(filters, error, receiver) {
    for (const filter of filters) {
      if (isErrorClass(filter)) {
        if (error instanceof filter) return true;
      } else if (typeof filter === 'function') {
        if (filter.call(receiver, error)) return true;
      } else if (isObject(error)) {
        let all = true;
        for (const key of Object.keys(filter)) {
          if (filter[key] != error[key]) {  
            all = false;
            break;
          }
        }
        if (all) return true;
      }
    }
    return false;
  }

  // A catch of `handler` behind `filters`; with no filters, a plain catch. Through the public
  // `then` for `.catch` (as Bluebird's), through `_then` for the methods built on it
  // (tapCatch, catchReturn, catchThrow), so that a wrapper of `then` sees each user callback
  // once.
  function filtered(promise, filters, handler, internal) {
    const then = internal === true ? internalThen : publicThen;
    if (filters.length === 0) return then(promise, undefined, handler);
    for (const filter of filters) {
      if (!isObject(filter)) {
        return Promise.reject(new TypeError(messages.catchPredicate(filter)));
      }
    }
    if (typeof handler !== 'function') {
      throw new TypeError(messages.catchHandler(handler));
    }
    return then(promise, undefined, function (error) {
      if (matches(filters, error, this)) return handler.call(this, error);
      throw error;
    });
  }


  Promise.prototype.catch = Promise.prototype.caught = function (handler) {
    if (arguments.length <= 1) return this.then(undefined, handler);
    const filters = Array.prototype.slice.call(arguments, 0, -1);
    return filtered(this, filters, arguments[arguments.length - 1]);
  };

  return { filteredCatch: filtered };
};
