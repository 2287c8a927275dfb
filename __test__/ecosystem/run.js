'use strict';
// The ecosystem tests: workload.js on bluebird 3.7.2 and on ferrobird (swapped in by a
// require hook), each in a fresh process; every section of the output (knex, sequelize) must
// be equal. Installs this folder's dependencies first when they are missing (sqlite3 builds
// from source with node-gyp: npm_config_nodedir points it at this Node's headers).
//
//   node __test__/ecosystem/run.js      (npm run test:ecosystem)

const { spawnSync } = require('node:child_process');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const TIMEOUT_MS = 120000;

function install() {
  if (fs.existsSync(path.join(__dirname, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) return;
  const nodedir = path.resolve(path.dirname(process.execPath), '..');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install'], {
    cwd: __dirname,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir || nodedir },
  });
  if (result.status !== 0) throw new Error('npm install of the ecosystem libraries failed');
}

function run(library) {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'workload.js'), library], {
    cwd: __dirname,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  const line = child.stdout.trim().split('\n').pop() || '';
  try {
    return JSON.parse(line);
  } catch (error) {
    return { error: `no result (exit ${child.status}, signal ${child.signal})\n${child.stderr.slice(-2000)}` };
  }
}

install();
const expected = run('bluebird');
if (expected.error) throw new Error('the workload fails on bluebird itself: ' + expected.error);
const actual = run('ferrobird');
let passed = 0;
let failed = 0;
for (const section of Object.keys(expected)) {
  try {
    assert.deepStrictEqual(actual[section], expected[section]);
    console.log(`ok ${section}: same as bluebird 3.7.2`);
    passed++;
  } catch (error) {
    console.log(`not ok ${section}: ${actual.error || error.message}`);
    failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
