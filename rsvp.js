'use strict';
// `require('ferrobird/rsvp')`: RSVP 4.8.5's API on ferrobird's engine (lib/rsvp/).
module.exports = require('./lib/rsvp');
