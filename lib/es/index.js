'use strict';
// ECMAScript's Promise on ferrobird's engine: what `require('ferrobird/es')` exports.
//
// A library of its own (library.js) in ES's timing, with ECMA-262's prototype
// (es/prototype.js) and its statics in full generality (es-statics.js, `generic`): no
// Bluebird rule applies. Its promises are the engine's like every flavour's, so they adopt
// and are adopted by the main export's, Q's, RSVP's and native promises as ES resolution does.

const createLibrary = require('../library');
const installEsPrototype = require('./prototype');
const installEsStatics = require('../es-statics');
const unhandled = require('../unhandled');

function makeEsPromise() {
  const library = createLibrary({
    notConstructed: "Promise constructor cannot be invoked without 'new'",
    notAFunction: (executor) => 'Promise resolver ' + describe(executor) + ' is not a function',
    checksExecutorFirst: true,
  });
  const { Promise } = library;
  // A rejection nothing handles is Node's to report, as a native one is (by default, the
  // process ends).
  unhandled.setLibraryNodeMode(library.isPromise);
  installEsPrototype(library);
  installEsStatics(library, { generic: true });

  // The engine's own methods (`_then`, `_addCallbacks`, `_resolveFromExecutor`) stay, as the
  // engine calls them, but out of sight of enumeration, like the spec's.
  for (const key of Object.keys(Promise.prototype)) {
    Object.defineProperty(Promise.prototype, key, { enumerable: false });
  }
  return Promise;
}

function describe(value) {
  if (typeof value === 'string') return value;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  return Object.prototype.toString.call(value).replace(/^\[object (.*)\]$/, '#<$1>');
}

module.exports = makeEsPromise();
