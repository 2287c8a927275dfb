'use strict';
// Runs the ECMAScript 6 promises conformance suite (promises-es6-tests) against ferrobird.
const es6 = require('promises-es6-tests');
const adapter = require('./adapter');

es6(adapter, { reporter: 'dot' }, function (error) {
  if (error) {
    console.error('ES6 promises:', error.message || error, 'failing');
    process.exitCode = 1;
  }
});
