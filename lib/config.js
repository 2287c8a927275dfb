'use strict';
// Promise.config, Promise.setScheduler, version and the error classes on the constructor.
// Unknown config keys are ignored, as Bluebird does.

const unhandled = require('./unhandled');
const errors = require('./errors');
const { expectingFunction } = require('./messages');
const { version } = require('../package.json');

module.exports = function installConfig(core) {
  const { Promise } = core;
  const settings = { warnings: false, longStackTraces: false, cancellation: false, monitoring: false, asyncHooks: false };

  Promise.config = function config(options) {
    if (options === null || typeof options !== 'object') return Promise;
    if ('unhandledRejections' in options) {
      unhandled.setPrintAndContinue(options.unhandledRejections === 'warn');
    }
    for (const key of Object.keys(settings)) {
      if (key in options) settings[key] = Boolean(options[key]);
    }
    if (settings.cancellation) core.setCancellation(true);
    return Promise;
  };

  Promise.setScheduler = function (fn) {
    if (typeof fn !== 'function') throw new TypeError(expectingFunction(fn));
    return core.setScheduler(fn);
  };

  Promise.version = version;
  Promise.TypeError = TypeError;
  Promise.RangeError = RangeError;
  Promise.OperationalError = errors.OperationalError;
  Promise.RejectionError = errors.OperationalError;
  Promise.TimeoutError = errors.TimeoutError;
  Promise.CancellationError = errors.CancellationError;
  Promise.AggregateError = errors.AggregateError;
};
