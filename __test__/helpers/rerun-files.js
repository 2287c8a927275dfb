'use strict';
// Runs some of ferrobird's test files again in a child `node --test` with `env` added to the
// environment (another timing, another ring), and asserts that every test passed and that
// more than `atLeast` ran.
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');

function rerunFiles(names, env, atLeast = 100) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.NODE_TEST_CONTEXT; // else node --test takes the child for a nested run of its own
  const files = names.map((name) => path.join(root, '__test__', `${name}.test.js`));
  const child = spawnSync(process.execPath, ['--expose-gc', '--test', '--test-reporter=tap', ...files], { cwd: root, encoding: 'utf8', env: childEnv });
  const failures = child.stdout.split('\n').filter((line) => /^not ok /.test(line));
  assert.deepStrictEqual(failures, [], child.stdout.slice(-4000));
  assert.strictEqual(child.status, 0, child.stderr);
  const passed = Number((/^# pass (\d+)$/m.exec(child.stdout) || [])[1]);
  assert.ok(passed > atLeast, `only ${passed} tests passed`);
}

module.exports = { rerunFiles };
