'use strict';
// runners/ferrobird.spec.js under node --test, jest and mocha: each must report the same three
// passes and the one expected failure, with ferrobird's rejection reason as its message.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const spec = path.join(__dirname, 'runners', 'ferrobird.spec.js');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, 'bin', file);

const PASSED = ['waits for a returned promise', 'runs async tests that await ferrobird promises',
  'ends a done-style test through asCallback'];
const FAILED = 'reports a rejected ferrobird promise as a failure';
const REASON = 'expected rejection from ferrobird';

function run(args) {
  // Without NODE_TEST_CONTEXT: node --test would take the child for a nested run of its own.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });
  assert.ok(child.status === 1, `a run with one failing test must exit 1, got ${child.status}\n${child.stdout}\n${child.stderr}`);
  return child.stdout;
}

test('node --test', () => {
  const tap = run(['--test', '--test-reporter=tap', spec]);
  for (const title of PASSED) assert.match(tap, new RegExp(`^ +ok \\d+ - ${title}$`, 'm'));
  assert.match(tap, new RegExp(`^ +not ok \\d+ - ${FAILED}$`, 'm'));
  assert.ok(tap.includes(REASON), tap);
  assert.match(tap, /^# pass 3$/m);
  assert.match(tap, /^# fail 1$/m);
});

test('jest', () => {
  const report = JSON.parse(run([bin('jest', 'jest.js'), '--rootDir', path.dirname(spec), '--testMatch', '**/*.spec.js', '--json', '--ci']));
  const results = report.testResults[0].assertionResults;
  assert.deepStrictEqual(results.filter((r) => r.status === 'passed').map((r) => r.title), PASSED);
  const failed = results.filter((r) => r.status === 'failed');
  assert.deepStrictEqual(failed.map((r) => r.title), [FAILED]);
  assert.ok(failed[0].failureMessages[0].includes(REASON), failed[0].failureMessages[0]);
});

test('mocha', () => {
  const report = JSON.parse(run([bin('mocha', 'mocha.js'), '--reporter', 'json', spec]));
  assert.deepStrictEqual(report.passes.map((r) => r.title), PASSED);
  assert.deepStrictEqual(report.failures.map((r) => [r.title, r.err.message]), [[FAILED, REASON]]);
});
