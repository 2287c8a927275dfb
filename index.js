'use strict';
// ferrobird's public surface: the Promise constructor, with each feature plugged into the
// core by its own module (the order matters where one builds on another).

const core = require('./lib/core');
require('./lib/es-prototype')(core);
require('./lib/es-statics')(core);
require('./lib/inspection')(core);
require('./lib/catch-filter')(core);
require('./lib/bind')(core);
require('./lib/utility')(core);
require('./lib/nodeify')(core);
require('./lib/promisify')(core);
require('./lib/collections')(core);
require('./lib/timers')(core);
require('./lib/config')(core);

const Promise = core.Promise;
Promise.Promise = Promise;

module.exports = Promise;
