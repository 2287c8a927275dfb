'use strict';
// `require('ferrobird/q')`: Q 1.5.1's API on ferrobird's engine (lib/q/).
module.exports = require('./lib/q');
