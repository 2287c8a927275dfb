'use strict';
// Node-style callbacks in and out: .asCallback / .nodeify and Promise.fromCallback /
// Promise.fromNode.

const { wrapAsOperationalError } = require('./errors');

module.exports = function installNodeify(core) {
  const { Promise } = core;

  function throwLater(error) {
    setTimeout(() => {
      throw error;
    }, 0);
  }

  Promise.prototype.asCallback = Promise.prototype.nodeify = function (callback, options) {
    if (typeof callback !== 'function') return this;
    const spread = options !== undefined && Object(options).spread === true;
    this.then(
      function (value) {
        try {
          if (spread && Array.isArray(value)) callback.apply(this, [null, ...value]);
          else if (value === undefined) callback.call(this, null);
          else callback.call(this, null, value);
        } catch (error) {
          throwLater(error);
        }
      },
      function (reason) {
        if (!reason) {
          const wrapped = new Error(reason + '');
          wrapped.cause = reason;
          reason = wrapped;
        }
        try {
          callback.call(this, reason);
        } catch (error) {
          throwLater(error);
        }
      }
    );
    return this;
  };

  // The node-style callback that settles `resolve`/`reject`, as Bluebird's promisify makes it.
  function nodeback(resolve, reject, multiArgs) {
    return function (error, ...values) {
      if (error) reject(wrapAsOperationalError(error));
      else if (multiArgs) resolve(values);
      else resolve(values[0]);
    };
  }

  Promise.fromCallback = Promise.fromNode = function (fn, options) {
    const multiArgs = options !== undefined && Object(options).multiArgs === true;
    return new Promise((resolve, reject) => {
      fn(nodeback(resolve, reject, multiArgs));
    });
  };

  core.nodeback = nodeback;
};
