'use strict';
// Promisifying a callback API: promisifyAll adds an `...Async` twin next to every method, so
// fs.readFile gets fs.readFileAsync. The original functions stay untouched.
const Promise = require('ferrobird');
const fs = Promise.promisifyAll(require('fs'));
const path = require('path');

fs.readFileAsync(path.join(__dirname, '..', 'package.json'), 'utf8')
  .then(JSON.parse)
  .then((pkg) => console.log('package:', pkg.name))
  .then(() => fs.statAsync(path.join(__dirname, 'does-not-exist')))
  .catch({ code: 'ENOENT' }, (error) => console.log('missing file:', error.code));
