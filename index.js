'use strict';
// ferrobird's public surface: the Promise constructor, with its features plugged into the core.

const core = require('./lib/core');
require('./lib/es-prototype')(core);
require('./lib/es-statics')(core);
require('./lib/config')(core);

const Promise = core.Promise;
Promise.Promise = Promise;

module.exports = Promise;
