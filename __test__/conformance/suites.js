'use strict';
// Where the originals' own test suites are. They are not in this repository (they are the
// originals' code, at their release tags): each runner finds its suite
//
//   1. at `--suite DIR`, if given;
//   2. else in the folder FERROBIRD_SUITES names, as bluebird-3.7.2/, q-1.5.1/, rsvp-4.8.5/;
//   3. else in ../shared/conformance beside the repository.
//
// A suite that is not found is reported as skipped in one line, and the runner exits 0, so
// that `npm test` passes on a fresh clone; with FERROBIRD_REQUIRE_SUITES=1 (CI) it is a
// failure. README.md ("Testing") says where to get each suite at which tag.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const SUITES = {
  bluebird: { folder: 'bluebird-3.7.2', marker: path.join('test', 'mocha'), source: 'petkaantonov/bluebird at tag v3.7.2' },
  q: { folder: 'q-1.5.1', marker: path.join('spec', 'q-spec.js'), source: 'kriskowal/q at tag v1.5.1' },
  rsvp: { folder: 'rsvp-4.8.5', marker: path.join('test', 'extension-test.js'), source: 'tildeio/rsvp.js at tag v4.8.5' },
};

// The suite's folder, or exits: 0 with a one-line "skipped", or 2 when the suites are required.
function findSuite(name, args) {
  const suite = SUITES[name];
  const given = args.indexOf('--suite');
  const base = process.env.FERROBIRD_SUITES ? path.resolve(process.env.FERROBIRD_SUITES) : path.join(root, '..', 'shared', 'conformance');
  const dir = given === -1 ? path.join(base, suite.folder) : path.resolve(args[given + 1]);
  if (fs.existsSync(path.join(dir, suite.marker))) return dir;
  const where = `no ${name} suite at ${dir} (${suite.source}; set FERROBIRD_SUITES to the folder that holds ${suite.folder}/, or give --suite DIR)`;
  if (process.env.FERROBIRD_REQUIRE_SUITES === '1') {
    console.error(`${name} suite: ${where}`);
    process.exit(2);
  }
  console.log(`skipped: ${name} suite, ${where}`);
  process.exit(0);
}

module.exports = { findSuite };
