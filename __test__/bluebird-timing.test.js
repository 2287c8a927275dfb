'use strict';
// Bluebird's timing (the default; FERROBIRD_SCHEDULING=bluebird) against bluebird 3.7.2, as
// the ES timing is checked against native promises: the random programs of the fuzz test,
// with Bluebird's own methods among them, must log the same on both (each library in a process
// of its own: the timing is chosen once per process). And the test files whose oracle is
// bluebird, which run in the default timing, pass again in the ES timing: where Bluebird
// alone defines the behaviour, it is the same in both.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { generate } = require('./helpers/program');
const { rerunFiles } = require('./helpers/rerun-files');

const root = path.resolve(__dirname, '..');
const runner = path.join(__dirname, 'helpers', 'run-programs.js');

const FIRST_SEED = 1;
const PROGRAMS = 400;
const LENGTH = 30;

function logsOf(library, scheduling) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, library, String(FIRST_SEED), String(PROGRAMS), String(LENGTH), 'bluebird'], {
      env: { ...process.env, FERROBIRD_SCHEDULING: scheduling },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${library} exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

test(`${PROGRAMS} random programs log the same on ferrobird in Bluebird's timing as on bluebird 3.7.2`, async () => {
  const [expected, actual] = await Promise.all([logsOf(require.resolve('bluebird'), ''), logsOf(root, 'bluebird')]);
  assert.strictEqual(expected.length, PROGRAMS);
  let lines = 0;
  for (let i = 0; i < PROGRAMS; i++) {
    const seed = FIRST_SEED + i;
    assert.deepStrictEqual(actual[i], expected[i], `seed ${seed}:\n${JSON.stringify(generate(seed, LENGTH, { bluebird: true }).steps)}`);
    lines += expected[i].length;
  }
  // The programs must actually do something: on average well over ten logged events each.
  assert.ok(lines > PROGRAMS * 10, `only ${lines} lines logged`);
});

// The files that compare ferrobird with bluebird, and those that found faults of this timing
// (scale: stack depth and lost values; instances: several module instances; gc). The files
// whose oracle is native promises (differential, fuzz, hostile, unhandled) check the ES
// timing only; scheduling.test.js and debug's children choose their timing themselves.
const FILES = ['bluebird', 'cancellation', 'debug', 'patching', 'resources', 'scale', 'instances', 'gc'];

test(`${FILES.join(', ')}: pass in the ES timing too`, () => rerunFiles(FILES, { FERROBIRD_SCHEDULING: 'es' }));
