'use strict';
// Runs q 1.5.1's own jasmine specs (spec/*-spec.js) against ferrobird/q, the way q runs them:
// jasmine-node 1.11 on the spec folder, with `../q` (and q's own queue.js's `./q`) resolving
// to the flavour (hook.js, preloaded). The original q is run first, in the same way, for the
// number of specs (208). Prints both runs and a last line `N passed, N failed`.
//
//   node __test__/conformance/q/run.js [--suite DIR] [--known]
//
// jasmine-node (--verbose) prints a dot or an F per spec, then the failing specs by name and
// a summary; a spec that never reports (a run that ends early) counts as failed. --known:
// exit 0 when the run completes and every failure is one of known-failures.json.

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { findSuite } = require('../suites');

const root = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const suiteDir = findSuite('q', args);
const jasmine = path.join(root, 'node_modules', 'jasmine-node', 'bin', 'jasmine-node');

function run(library) {
  const env = { ...process.env, FERROBIRD_Q_SUITE: suiteDir };
  if (library !== null) env.FERROBIRD_Q_LIBRARY = library;
  else delete env.FERROBIRD_Q_LIBRARY;
  const child = spawnSync(process.execPath, ['-r', path.join(__dirname, 'hook.js'), jasmine, '--noColor', '--verbose', path.join(suiteDir, 'spec')], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120000,
  });
  const out = child.stdout + child.stderr;
  const summary = /(\d+) tests?, \d+ assertions?, \d+ failures?/.exec(out);
  const progress = (out.match(/^[.F]+$/m) || [''])[0];
  const failing = [...new Set([...out.matchAll(/^ {2}\d+\) (.*)$/gm)].map((m) => m[1]))];
  return {
    failing,
    total: summary === null ? null : Number(summary[1]),
    dots: progress.split('').filter((c) => c === '.').length,
    out,
  };
}

const original = run('q');
if (original.total === null || original.failing.length !== 0) {
  console.error('q 1.5.1 itself does not pass its specs here:\n' + original.out.slice(-3000));
  process.exit(2);
}
console.log(`q 1.5.1: ${original.total} specs, 0 failed`);
const flavour = run(null);
// jasmine counts failed expectations in its summary; a spec counts once, by its title.
const passed = flavour.total === null ? flavour.dots : flavour.total - flavour.failing.length;
const failed = original.total - passed;
if (flavour.total === null) {
  console.log(`ferrobird/q: the run ended early, after ${flavour.dots + (flavour.out.match(/F/g) || []).length} of ${original.total} specs:`);
  console.log(flavour.out.split('\n').filter((line) => /Error/.test(line)).slice(0, 3).join('\n'));
}
for (const title of flavour.failing) console.log(`  x ${title}`);
let ok = failed === 0;
if (args.includes('--known')) {
  const known = require('./known-failures.json');
  const unexpected = flavour.failing.filter((title) => !(title in known));
  for (const title of unexpected) console.log(`unexpected failure: ${title}`);
  for (const title of Object.keys(known).filter((t) => !flavour.failing.includes(t))) console.log(`passes now, remove from known-failures.json: ${title}`);
  console.log(`known failures (not fixed yet): ${Object.keys(known).length}`);
  ok = flavour.total !== null && unexpected.length === 0;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = ok ? 0 : 1;
