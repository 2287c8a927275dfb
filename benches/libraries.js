'use strict';
// The promise libraries a benchmark can run on, by name.
const path = require('path');

module.exports = {
  ferrobird: () => require(path.join(__dirname, '..')),
  bluebird: () => require('bluebird'),
  native: () => Promise,
};
