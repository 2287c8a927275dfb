'use strict';
// Loads the native engine built by scripts/build.js (npm install builds it from source).
const path = require('path');

let binding;
try {
  binding = require(path.join(__dirname, '..', 'ferrobird.node'));
} catch (error) {
  const message =
    'ferrobird: the native engine (ferrobird.node) could not be loaded: ' + error.message +
    '\nIt is built from source when the package is installed; run `npm rebuild ferrobird` ' +
    '(needs Rust\'s cargo) to build it again.';
  const wrapped = new Error(message);
  wrapped.cause = error;
  throw wrapped;
}

module.exports = binding;
