'use strict';
// Tests of Bluebird's suite that cannot apply to ferrobird, each with its reason. They are
// not run and not counted. Everything else counts.

module.exports = [
  {
    file: 'multiple-copies.js',
    title: 'multiple copies are being loaded',
    reason: "re-requires Bluebird's build tree after deleting every cached module whose path has 'debug' in it; ferrobird's reload is tested in __test__/instances.test.js",
  },
];
