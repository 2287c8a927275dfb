'use strict';
// The Promises/A+ and ES6 conformance suites' adapter for ferrobird.
const Promise = require('../..');
const assert = require('assert');

module.exports = {
  resolved: (value) => Promise.resolve(value),
  rejected: (reason) => Promise.reject(reason),
  deferred() {
    const { promise, resolve, reject } = Promise.withResolvers();
    return { promise, resolve, reject };
  },
  defineGlobalPromise(scope) {
    scope.Promise = Promise;
    scope.assert = assert;
  },
  removeGlobalPromise(scope) {
    delete scope.Promise;
  },
};
