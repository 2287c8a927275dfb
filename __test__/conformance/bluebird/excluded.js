'use strict';
// Tests of Bluebird's suite that cannot apply to ferrobird, each with its reason. They are
// not run and not counted. Everything else counts.

module.exports = [
  {
    file: 'multiple-copies.js',
    title: 'multiple copies are being loaded',
    reason: "re-requires Bluebird's build tree after deleting every cached module whose path has 'debug' in it; ferrobird's reload is tested in __test__/instances.test.js",
  },
  {
    file: 'bluebird-multiple-instances.js',
    title: 'Separate instances of bluebird Should use fast cast',
    reason: 'reads the private field `_receiver0` of a promise',
  },
  {
    file: 'bluebird-multiple-instances.js',
    title: 'Separate instances of bluebird Should use fast cast with very old version',
    reason: 'reads the private field `_receiver0` of a promise',
  },
];
