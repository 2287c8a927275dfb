'use strict';
// Which library (a Promise constructor made by library.js, the main export or a copy) a
// promise or a `then` belongs to. Each library's prototype and original `then` carry it under
// a symbol private to this module instance, so a lookup is a property read, and nothing
// global holds a library: a dropped copy is collected with its prototype. (A list scanned on
// every thenable job kept every copy ever made alive, and grew the scan with each.)

const LIBRARY = Symbol('ferrobird.library');

function mark(object, library) {
  Object.defineProperty(object, LIBRARY, { value: library, configurable: true });
}

// The library whose promise `value` is, or null.
function libraryOfPromise(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return null;
  try {
    const library = value[LIBRARY];
    return library !== undefined && library.isPromise(value) ? library : null;
  } catch (error) {
    return null; // a revoked Proxy, a throwing getter
  }
}

// The library of a promise known to be one of a library's (no check: one property read).
function libraryOfOwnPromise(promise) {
  const library = promise[LIBRARY];
  return library === undefined ? null : library;
}

// The library whose original `then` this is, or null. `then` is the user's: a revoked
// function Proxy throws on any read, and is no library's (calling it then rejects).
function libraryOfThen(then) {
  try {
    const library = then[LIBRARY];
    return library === undefined ? null : library;
  } catch (error) {
    return null;
  }
}

// Whether `C` is a library's Promise or a subclass of one: its prototype carries the brand
// (inherited, for a subclass). `C` is the user's: a throwing `prototype` getter is no.
function isLibraryConstructor(C) {
  if (typeof C !== 'function') return false;
  try {
    const prototype = C.prototype;
    return prototype !== null && typeof prototype === 'object' && prototype[LIBRARY] !== undefined;
  } catch (error) {
    return false;
  }
}

// Bluebird's flavour's prototypes carry this in every module instance (a second copy of
// ferrobird in a nested node_modules, a jest registry): Symbol.for, so that each instance
// knows the others' promises, as Bluebird knows its other copies' (isAnyBluebirdPromise).
const BLUEBIRD_FLAVOUR = Symbol.for('ferrobird.bluebird-flavour');

function markBluebirdFlavour(prototype) {
  Object.defineProperty(prototype, BLUEBIRD_FLAVOUR, { value: true, configurable: true });
}

// A promise of Bluebird's flavour from another module instance (none of this instance's
// libraries knows it): adopted through its `_then`, as Bluebird adopts another copy's.
function isOtherCopyPromise(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return value[BLUEBIRD_FLAVOUR] === true && value[LIBRARY] === undefined && typeof value._then === 'function';
  } catch (error) {
    return false;
  }
}

module.exports = { mark, libraryOfPromise, libraryOfOwnPromise, libraryOfThen, isLibraryConstructor, markBluebirdFlavour, isOtherCopyPromise };
