'use strict';
// ferrobird's public surface: a Promise constructor, with each feature plugged into a
// library's core by its own module (the order matters where one builds on another).
// `Promise.getNewLibraryCopy()` runs this again: a new constructor and prototype, on the
// same engine.

const createLibrary = require('./lib/library');

const features = [
  require('./lib/es-prototype'),
  require('./lib/es-statics'),
  require('./lib/inspection'),
  require('./lib/catch-filter'),
  require('./lib/bind'),
  require('./lib/utility'),
  require('./lib/nodeify'),
  require('./lib/promisify'),
  require('./lib/collections'),
  require('./lib/timers'),
  require('./lib/cancel'),
  require('./lib/using'),
  require('./lib/coroutine'),
  require('./lib/debug'),
  require('./lib/config'),
];

function makeLibrary() {
  const core = createLibrary();
  for (const install of features) install(core);
  const Promise = core.Promise;
  Promise.Promise = Promise;
  Promise.getNewLibraryCopy = makeLibrary;
  return Promise;
}

module.exports = makeLibrary();
