'use strict';
// Preloaded with `node -r`: makes `require('ferrobird')` load bluebird 3.7.2 instead, so a
// script written for ferrobird can be run on the oracle unchanged.
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAsBluebird(request, ...rest) {
  return resolve.call(this, request === 'ferrobird' ? 'bluebird' : request, ...rest);
};
