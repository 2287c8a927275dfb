'use strict';
// `require('ferrobird/es')`: ECMAScript's Promise on ferrobird's engine (lib/es/).
module.exports = require('./lib/es');
