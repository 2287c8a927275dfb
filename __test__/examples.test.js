'use strict';
// Every script in examples/ runs, and prints exactly what it prints on bluebird 3.7.2 (the
// same file, with `require('ferrobird')` answered by bluebird through a preload).

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const examples = path.resolve(__dirname, '..', 'examples');
const asBluebird = path.join(__dirname, 'helpers', 'as-bluebird.js');

function run(file, preload) {
  const args = preload ? ['-r', preload, file] : [file];
  const child = spawnSync(process.execPath, args, { cwd: examples, encoding: 'utf8' });
  assert.strictEqual(child.status, 0, child.stderr);
  assert.strictEqual(child.stderr, '');
  return child.stdout;
}

const files = fs.readdirSync(examples).filter((name) => name.endsWith('.js')).sort();

test('examples/ has the four scripts the README points to', () => {
  assert.deepStrictEqual(files, ['cancel-using.js', 'dual-api.js', 'map-files.js', 'promisify-fs.js']);
});

for (const name of files) {
  test(`examples/${name} prints what it prints on bluebird`, () => {
    const file = path.join(examples, name);
    const ours = run(file);
    assert.ok(ours.split('\n').length > 2, `examples/${name} printed almost nothing:\n${ours}`);
    assert.strictEqual(ours, run(file, asBluebird));
  });
}
