'use strict';
// Faults are inputs too: an exception at any point of an operation (the stack exhausted at
// each depth, a frozen or sealed promise, a throwing getter, a Proxy) leaves every later
// promise right. helpers/fault-program.js injects them in a child process per timing, with
// the lockstep check on (FERROBIRD_CHECK=1: the first job whose engine node and JS entry
// disagree stops it), and compares unrelated programs with native Promise around each group.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const program = path.join(__dirname, 'helpers', 'fault-program.js');

for (const timing of ['es', 'bluebird']) {
  test(`faults leave later promises right, in the ${timing} timing`, () => {
    const env = { ...process.env, FERROBIRD_CHECK: '1' };
    const child = spawnSync(process.execPath, [program, timing], { env, encoding: 'utf8', timeout: 240000 });
    const lines = child.stdout.trim().split('\n');
    assert.strictEqual(child.status, 0, child.stderr.slice(-2000));
    const report = JSON.parse(lines[lines.length - 1]);
    assert.deepStrictEqual(report.mismatches, [], 'programs after the faults gave other values than native');
    assert.deepStrictEqual(report.uncaught, [], 'an error reached the host');
    assert.ok(report.faults > 1000, `only ${report.faults} faults were injected`);
    assert.strictEqual(report.groups, 24);
    assert.strictEqual(report.probes, 24 * 5);
  });
}
