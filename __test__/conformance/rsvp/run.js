'use strict';
// Runs rsvp 4.8.5's own extension tests (test/extension-test.js) against ferrobird/rsvp, the
// way rsvp runs them: test-adapter.js sets `global.adapter = { resolved, rejected, deferred,
// RSVP }` from the library (here its `./rsvp.js` resolves to ferrobird/rsvp), then mocha runs
// extension-test.js. Prints the failures and a last line `N passed, N failed`.
//
//   node __test__/conformance/rsvp/run.js [--suite DIR] [--library rsvp] [--known]
//
// --suite: a checkout of rsvp's v4.8.5 tag (default ../shared/conformance/rsvp-4.8.5 beside
// the repository). --known: exit 0 when every failure is listed in known-failures.json.
// Tests that cannot apply to ferrobird are listed, with the reason, in excluded.json.

const fs = require('node:fs');
const path = require('node:path');
const { findSuite } = require('../suites');
const Module = require('node:module');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const suiteDir = findSuite('rsvp', args);
const testDir = path.join(suiteDir, 'test');

// The built rsvp.js the adapter requires is the flavour under test (`--library rsvp`: the
// original, to check the environment).
const libraryIndex = args.indexOf('--library');
const flavour = libraryIndex === -1 ? path.join(root, 'rsvp.js') : require.resolve(args[libraryIndex + 1]);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent) {
  if (request === './rsvp.js' && parent && parent.filename && parent.filename.startsWith(fs.realpathSync(testDir))) return flavour;
  return resolve.apply(this, arguments);
};

require(path.join(testDir, 'test-adapter.js'));
const mocha = new Mocha({ reporter: 'dot', timeout: 5000 });
mocha.addFile(path.join(testDir, 'extension-test.js'));
mocha.loadFiles();

// Tests that cannot apply to ferrobird (excluded.json says why, by name) are taken out before
// the run: not run, not counted.
const excluded = require('./excluded.json');
let excludedCount = 0;
(function prune(suite) {
  const before = suite.tests.length;
  suite.tests = suite.tests.filter((test) => !(test.fullTitle() in excluded));
  excludedCount += before - suite.tests.length;
  suite.suites.forEach(prune);
})(mocha.suite);

let passed = 0;
const failures = [];
const runner = mocha.run(() => {
  for (const { title, message } of failures) console.log(`  x ${title}\n    ${message}`);
  let ok = failures.length === 0;
  if (args.includes('--known')) {
    const known = Object.keys(require('./known-failures.json'));
    const titles = failures.map((f) => f.title);
    const unexpected = titles.filter((t) => !known.includes(t));
    for (const t of unexpected) console.log(`unexpected failure: ${t}`);
    for (const t of known.filter((k) => !titles.includes(k))) console.log(`passes now, remove from known-failures.json: ${t}`);
    console.log(`known failures (not fixed yet): ${known.length}`);
    ok = unexpected.length === 0;
  }
  console.log(`excluded (not counted, see excluded.json): ${excludedCount}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(ok ? 0 : 1);
});
runner.on('pass', () => passed++);
runner.on('fail', (test, error) => failures.push({ title: test.fullTitle(), message: String(error && error.message).split('\n')[0] }));
