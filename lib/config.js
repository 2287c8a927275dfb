'use strict';
// Promise.config: the options that exist so far. Unknown keys are ignored, as Bluebird does.

const unhandled = require('./unhandled');

module.exports = function installConfig(core) {
  const { Promise } = core;

  Promise.config = function config(options) {
    if (options === null || typeof options !== 'object') return;
    if ('unhandledRejections' in options) {
      unhandled.setPrintAndContinue(options.unhandledRejections === 'warn');
    }
  };
};
