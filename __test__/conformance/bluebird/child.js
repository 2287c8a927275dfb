'use strict';
// Runs one file of Bluebird's suite in this process, in Bluebird's runner environment
// (environment.js), and prints its outcome as the last line: `RESULT {json}`.
//
//   node --expose-gc child.js <suite dir> <file> <library> <fake|real> <excluded titles json>

const path = require('node:path');
// Bluebird's own mocha (~2.1: 10.x ends the whole run at an exception that arrives after its
// test has finished), loaded before the fake timers, as in Bluebird's runner, so that mocha
// keeps the real ones.
const Mocha = require('mocha-2.1');
const { install } = require('./environment');

const [suiteDir, file, library, timers, excludedJson] = process.argv.slice(2);
const excluded = new Set(JSON.parse(excludedJson || '[]'));

install({ library, fakeTimers: timers === 'fake', suiteDir, root: process.cwd() });

// Bluebird's runner gives each test 300 s; a test of ferrobird that hangs is a failure, and
// 5 s (500 turns of the fake clock) tells one soon enough.
const mocha = new Mocha({ reporter: 'base', timeout: 5000, slow: Infinity });
mocha.addFile(path.join(suiteDir, 'test', 'mocha', file));
mocha.loadFiles();

// Excluded tests are taken out before the run: not counted, not run.
(function prune(suite) {
  suite.tests = suite.tests.filter((test) => !excluded.has(test.fullTitle()));
  suite.suites.forEach(prune);
})(mocha.suite);

// By title: mocha 2.1 may report a test twice (it passed, then an exception it caused
// arrived), and a test counts once, as failed if it ever failed.
const passedTitles = new Set();
const failures = new Map();
const runner = mocha.run(() => {
  for (const title of failures.keys()) passedTitles.delete(title);
  const result = { passed: passedTitles.size, failures: [...failures].map(([title, error]) => ({ title, error })) };
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
  // Tests may leave timers and handles behind (the fake clock's loop never stops).
  process.exit(0);
});
runner.on('pass', (test) => passedTitles.add(test.fullTitle()));
runner.on('fail', (test, error) => {
  if (failures.has(test.fullTitle())) return;
  failures.set(test.fullTitle(), String((error && error.stack) || error).split('\n').slice(0, 4).join('\n'));
});
