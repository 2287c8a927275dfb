'use strict';
// Preloaded (node -r) into jasmine-node's process: q's specs and q's own queue.js require
// the library as `../q` / `./q`; those resolve to ferrobird/q (FERROBIRD_Q_LIBRARY: another
// module, such as the original `q`, to check the environment).
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const suiteDir = fs.realpathSync(process.env.FERROBIRD_Q_SUITE);
const library = process.env.FERROBIRD_Q_LIBRARY
  ? require.resolve(process.env.FERROBIRD_Q_LIBRARY)
  : path.resolve(__dirname, '..', '..', '..', 'q.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent) {
  if ((request === '../q' || request === './q') && parent && parent.filename && parent.filename.startsWith(suiteDir)) return library;
  return resolve.apply(this, arguments);
};

// jasmine-node 1.11 (q's runner) prints through util.print and util.puts, which Node 12
// removed; without them its reporter prints nothing.
const util = require('node:util');
if (typeof util.print !== 'function') util.print = (...parts) => process.stdout.write(parts.join(''));
if (typeof util.puts !== 'function') util.puts = (...lines) => process.stdout.write(lines.map((line) => line + '\n').join(''));
