'use strict';
// Runs Bluebird 3.7.2's own test suite (test/mocha/*.js) against ferrobird, each file in a
// fresh process in Bluebird's runner environment (environment.js), and prints each file's
// counts and a last line `N passed, N failed`.
//
//   node __test__/conformance/bluebird/run.js [--suite DIR] [--library NAME] [--real-timers]
//                                             [--file NAME] [--verbose] [--known]
//                                             [--scheduling es|bluebird|both]
//
// Each file runs under `node --unhandled-rejections=warn`: Bluebird and ferrobird report
// their unhandled rejections themselves and never end the process over one, but the suite's
// native promises go through Node's tracker, and Node's default mode would end the file at
// the first one a test leaves unhandled on purpose.
//
// --suite: a checkout of Bluebird's v3.7.2 tag (default ../shared/conformance/bluebird-3.7.2
//   beside the repository). --library: what `require` loads as the library (default this
//   repository; `bluebird` runs the original, to check the environment). --known: exit 0 when
//   every failure is listed: in known-failures.json, what is not fixed yet, or (in the ES
//   timing) in timing-differences.json. A listed test that passes is reported, to be taken
//   off its list. Each entry names the test (`file: full title`) and says why.
// --scheduling: 'es', 'bluebird' or 'both' (the default): the timing the library runs in
//   (FERROBIRD_SCHEDULING). With both, the last line counts the tests of both runs. A few
//   tests depend on Bluebird's own timing rather than on behaviour: they fail in the ES
//   timing by design, and timing-differences.json names them with their reasons.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { findSuite } = require('../suites');
const excluded = require('./excluded');

const root = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const suiteDir = findSuite('bluebird', args);
const library = option('--library', root);
const timers = args.includes('--real-timers') ? 'real' : 'fake';
const only = option('--file', null);
const verbose = args.includes('--verbose');
const knownMode = args.includes('--known');
const scheduling = option('--scheduling', 'both');
const FILE_TIMEOUT_MS = 120000;
const PARALLEL = 2;

const testDir = path.join(suiteDir, 'test', 'mocha');
const files = fs.readdirSync(testDir).filter((f) => f.endsWith('.js') && (only === null || f === only)).sort();

function runFile(file, mode) {
  const titles = excluded.filter((e) => e.file === file).map((e) => e.title);
  const child = spawn(process.execPath, ['--expose-gc', '--unhandled-rejections=warn', path.join(__dirname, 'child.js'), suiteDir, file, library, timers, JSON.stringify(titles)], {
    cwd: root,
    env: { ...process.env, FERROBIRD_SCHEDULING: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), FILE_TIMEOUT_MS);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const match = /^RESULT (.*)$/m.exec(out);
      if (match !== null) {
        resolve({ file, ...JSON.parse(match[1]) });
        return;
      }
      // The process ended before mocha reported: every test of the file is lost.
      const reason = signal === 'SIGKILL' ? `timed out after ${FILE_TIMEOUT_MS} ms` : `exited with ${code}`;
      resolve({ file, passed: 0, failures: [{ title: `${file} (whole file)`, error: `${reason}\n${out.slice(-2000)}` }], crashed: true });
    });
  });
}

async function runMode(mode) {
  const results = [];
  const queue = files.slice();
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (queue.length > 0) results.push(await runFile(queue.shift(), mode));
  }));
  results.sort((a, b) => (a.file < b.file ? -1 : 1));
  let passed = 0;
  let failed = 0;
  const failedTitles = new Set();
  console.log(`scheduling '${mode}':`);
  for (const r of results) {
    passed += r.passed;
    failed += r.failures.length;
    console.log(`  ${r.file.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failures.length).padStart(4)} failed${r.crashed ? ' (crashed)' : ''}`);
    for (const f of r.failures) {
      failedTitles.add(`${r.file}: ${f.title}`);
      if (verbose) console.log(`      x ${f.title}\n        ${f.error.replace(/\n/g, '\n        ')}`);
    }
  }
  let ok = failed === 0;
  if (knownMode) {
    const listed = { ...require('./known-failures.json'), ...(mode === 'es' ? require('./timing-differences.json') : {}) };
    const known = Object.keys(listed).filter((t) => only === null || t.startsWith(only + ':'));
    const unexpected = [...failedTitles].filter((t) => !known.includes(t));
    const fixed = known.filter((t) => !failedTitles.has(t));
    for (const t of unexpected) console.log(`  unexpected failure: ${t}`);
    for (const t of fixed) console.log(`  passes now, take it off the list: ${t}`);
    // A listed test that passes is reported, not failed on: CI must not depend on timing.
    ok = unexpected.length === 0;
  }
  const differences = mode === 'es' ? Object.keys(require('./timing-differences.json')).filter((t) => failedTitles.has(t)).length : 0;
  console.log(`  ${mode}: ${passed} passed, ${failed} failed` + (differences > 0 ? ` (${differences} of them deliberate timing differences, timing-differences.json)` : ''));
  return { passed, failed, ok };
}

async function main() {
  const modes = scheduling === 'both' ? ['es', 'bluebird'] : [scheduling];
  let passed = 0;
  let failed = 0;
  let ok = true;
  for (const mode of modes) {
    const result = await runMode(mode);
    passed += result.passed;
    failed += result.failed;
    ok = ok && result.ok;
  }
  console.log(`excluded (not counted, see excluded.js): ${excluded.filter((e) => only === null || e.file === only).length}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = ok ? 0 : 1;
}

main();
