'use strict';
// delay and timeout on the host's setTimeout (so fake timers work). A timeout's timer is
// cleared as soon as the promise settles.

const { TimeoutError } = require('./errors');

module.exports = function installTimers(core) {
  const { Promise, INTERNAL, resolve, reject } = core;

  function delay(ms, value) {
    return Promise.resolve(value).then((resolved) => new Promise((done) => {
      setTimeout(() => done(resolved), +ms);
    }));
  }

  Promise.delay = function (ms, value) {
    return delay(ms, value);
  };

  Promise.prototype.delay = function (ms) {
    return this.then((value) => delay(ms, value));
  };

  Promise.prototype.timeout = function (ms, message) {
    const result = new Promise(INTERNAL);
    result._receiver = this._receiver;
    let decided = false;
    const timer = setTimeout(() => {
      decided = true;
      const error = message instanceof Error
        ? message
        : new TimeoutError(typeof message === 'string' ? message : 'operation timed out');
      reject(result, error);
    }, +ms);
    this.then((value) => {
      clearTimeout(timer);
      if (!decided) {
        decided = true;
        resolve(result, value);
      }
    }, (reason) => {
      clearTimeout(timer);
      if (!decided) {
        decided = true;
        reject(result, reason);
      }
    });
    return result;
  };
};
