'use strict';
// ferrobird's public surface: a Promise constructor (lib/library.js) and Bluebird's API on it,
// one feature module each. A feature receives the library and the services it uses from
// other features, and returns those it offers. `Promise.getNewLibraryCopy()` runs this again:
// a new constructor and prototype, on the same engine.

const createLibrary = require('./lib/library');
const installEsPrototype = require('./lib/es-prototype');
const installEsStatics = require('./lib/es-statics');
const installInspection = require('./lib/inspection');
const installCatchFilter = require('./lib/catch-filter');
const installBind = require('./lib/bind');
const installUtility = require('./lib/utility');
const installNodeify = require('./lib/nodeify');
const installPromisify = require('./lib/promisify');
const installCollections = require('./lib/collections');
const installTimers = require('./lib/timers');
const installCancel = require('./lib/cancel');
const installUsing = require('./lib/using');
const installCoroutine = require('./lib/coroutine');
const installDebug = require('./lib/debug');
const installConfig = require('./lib/config');

function makeLibrary() {
  // Bluebird passes a fulfilment on as it is, where ES resolves with it (core.js, passFulfilment).
  // ... and its promises are in Bluebird's timing unless `scheduling: 'es'` (core.timing).
  const library = createLibrary({ passesAsIs: true, bluebirdFlavour: true });
  const { finallyOf } = installEsPrototype(library);
  installEsStatics(library);
  const { PromiseInspection } = installInspection(library);
  const { filteredCatch } = installCatchFilter(library);
  installBind(library);
  installUtility(library, { filteredCatch });
  const nodeStyle = installNodeify(library);
  installPromisify(library, nodeStyle);
  installCollections(library, { PromiseInspection });
  installTimers(library);
  installCancel(library);
  installUsing(library, { PromiseInspection, finallyOf });
  installCoroutine(library);
  installDebug(library);
  installConfig(library);
  const Promise = library.Promise;
  Promise.Promise = Promise;
  Promise.getNewLibraryCopy = makeLibrary;
  return Promise;
}

module.exports = makeLibrary();
