'use strict';
// The host's own timers, for ferrobird's bookkeeping (the root sweep, the backstop of quiet
// jobs). Taken from the `timers` module, not from the global object: fake timers (sinon,
// jest, Bluebird's test runner) replace the globals, often before ferrobird is loaded, and
// their ids may be plain numbers with no `unref`. User-facing timers (delay, timeout,
// throwLater) use the globals at call time instead, as Bluebird's do, so that fake timers
// drive them.
const timers = require('timers');

module.exports = {
  setTimeout: timers.setTimeout,
  setImmediate: timers.setImmediate,
};
