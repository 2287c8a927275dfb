'use strict';
// Promise.config, Promise.setScheduler, version and the error classes on the constructor.
// Unknown config keys are ignored, as Bluebird does. The debug switches live in debug.js.

const unhandled = require('./unhandled');
const errors = require('./errors');
const clock = require('./clock');
const cancellation = require('./cancellation');
const debug = require('./debug');
const { expectingFunction } = require('./messages');
const { version } = require('../package.json');
const core = require('./core');

module.exports = function installConfig(library) {
  const { Promise } = library;

  Promise.config = function config(options) {
    if (options === null || typeof options !== 'object') return Promise;
    // 'warn': Bluebird's print and go on (the default without --unhandled-rejections);
    // 'throw' (or 'node'): Node's --unhandled-rejections mode, by default ending the process.
    const mode = options.unhandledRejections;
    if (mode === 'warn') unhandled.setPrintAndContinue(true);
    else if (mode === 'throw' || mode === 'node') unhandled.setPrintAndContinue(false);
    if ('scheduling' in options) core.setScheduling(options.scheduling);
    if (options.cancellation) cancellation.enable();
    if ('nativeTimers' in options) clock.useNativeTimers(options.nativeTimers);
    debug.configure(options);
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
