'use strict';
// The README's quick start, verbatim: every ```js block of that section runs against the
// package (by its name, through `exports`), and each `console.log` line's trailing comment is
// an output it must print, in the order of the lines: a reader reads them top to bottom.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

function expectedOutput(source) {
  return source.split('\n')
    .filter((line) => line.includes('console.log(') && /\/\/ .+$/.test(line))
    .map((line) => line.slice(line.lastIndexOf('// ') + 3).trim());
}

test('the quick start has a CommonJS and an ESM example', () => {
  assert.strictEqual(blocks.length, 2);
  assert.match(blocks[0], /require\('ferrobird'\)/);
  assert.match(blocks[1], /from 'ferrobird'/);
});

for (const [index, source] of blocks.entries()) {
  test(`quick start block ${index + 1} prints what its comments say`, () => {
    const expected = expectedOutput(source);
    assert.ok(expected.length >= 1);
    const isModule = /^import /m.test(source);
    const args = isModule ? ['--input-type=module', '-e', source] : ['-e', source];
    const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    assert.strictEqual(child.status, 0, child.stderr);
    const printed = child.stdout.trim().split('\n');
    assert.deepStrictEqual(printed, expected);
  });
}

// README.md and ARCHITECTURE.md are for readers of the product, not of its history: no issue
// numbers, no session names (those belong in docs/ and benches/README.md).
test('README.md and ARCHITECTURE.md name no issues and no sessions', () => {
  for (const name of ['README.md', 'ARCHITECTURE.md']) {
    const text = fs.readFileSync(path.join(root, name), 'utf8');
    assert.doesNotMatch(text, /\bissue #?\d+|#\d+\b|\bsession \d+/i, name);
  }
});
