'use strict';
// Runs the Promises/A+ 1.1 suite (promises-aplus-tests, 872 tests) against ferrobird.
// Run it with --unhandled-rejections=none: the suite leaves rejections unhandled on purpose,
// and native Promise fails 14 of its tests under Node's default `throw` mode too.
const aplus = require('promises-aplus-tests');
const adapter = require('./adapter');

aplus(adapter, { reporter: 'dot' }, function (error) {
  if (error) {
    console.error('Promises/A+:', error === null ? '' : error.message || error, 'failing');
    process.exitCode = 1;
  }
});
