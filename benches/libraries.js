'use strict';
// The promise libraries a benchmark can run on, by name. The Q and RSVP flavours (and the
// originals they are measured against) are given as adapters with the two calls the
// doxbee and madeup workloads need: `all` and `promisify` (their `denodeify`).
const path = require('path');

function flavour(library) {
  return {
    all: (values) => library.all(values),
    promisify: (fn) => library.denodeify(fn),
  };
}

module.exports = {
  ferrobird: () => require(path.join(__dirname, '..')),
  // ES's job order (README: Scheduling), chosen before the workload makes a promise; plain
  // `ferrobird` is in Bluebird's timing, the default.
  'ferrobird-es-timing': () => require(path.join(__dirname, '..')).config({ scheduling: 'es' }),
  // Handlers in the frame of whoever runs them (AsyncLocalStorage as Bluebird had it), and a
  // promise without the field for it: the cost of keeping the caller's frame, on Node 24+
  // (README: AsyncLocalStorage).
  'ferrobird-no-async-context': () => {
    process.env.FERROBIRD_ASYNC_CONTEXT = '0';
    return require(path.join(__dirname, '..'));
  },
  // ECMAScript's Promise (require('ferrobird/es')).
  'ferrobird/es': () => require(path.join(__dirname, '..', 'es')),
  bluebird: () => require('bluebird'),
  native: () => Promise,
  'ferrobird/q': () => flavour(require(path.join(__dirname, '..', 'q'))),
  q: () => flavour(require('q')),
  'ferrobird/rsvp': () => flavour(require(path.join(__dirname, '..', 'rsvp'))),
  rsvp: () => flavour(require('rsvp')),
};
