'use strict';
// Bluebird's collection methods, static and instance, one file each over the shared base
// (base.js: the input, the elements, the result, cancellation): all and race, props, some
// and any, settle and allSettled, map and filter, reduce, each and mapSeries, join. Inputs
// may be promises for iterables; the values in them may be promises too.

const methods = [
  require('./all'), require('./props'), require('./some'), require('./settle'), require('./map'), require('./reduce'),
  require('./join'),
];

// The collections' classes are made once per module instance; each library gets its statics
// and methods here.
module.exports = function installCollections(library, services) {
  for (const install of methods) install(library, services);
};
