'use strict';
// One runtime per module instance: ferrobird evaluated again (jest's module registries,
// `delete require.cache` and `require`, jest's vm contexts) works as if it were alone, and
// promises of two instances resolve each other: as Bluebird's other copies (through `_then`)
// for Bluebird's flavour, as thenables otherwise.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

function freshCopy() {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(path.join(root, 'lib')) || key === path.join(root, 'index.js')) delete require.cache[key];
  }
  return require(root);
}

test('jest runs several files in one worker, with and without resetModules', () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = spawnSync(process.execPath, [jest, '--config', path.join(__dirname, 'instances', 'jest.config.js'), '--runInBand'], { cwd: root, encoding: 'utf8', env });
  assert.strictEqual(run.status, 0, run.stderr);
  assert.match(run.stderr, /Tests: +7 passed, 7 total/);
});

test('jest --detectOpenHandles reports nothing for a file that only loads ferrobird and awaits', () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const config = path.join(__dirname, 'instances', 'jest.config.js');
  const run = spawnSync(process.execPath, [jest, '--config', config, '--detectOpenHandles', 'load-and-await'], { cwd: root, encoding: 'utf8', env });
  assert.strictEqual(run.status, 0, run.stderr);
  assert.match(run.stderr, /Tests: +1 passed, 1 total/);
  assert.doesNotMatch(run.stderr + run.stdout, /open handle/i);
});

test('each reload by delete require.cache is a working instance, and the old ones keep working', async () => {
  const copies = [];
  const pending = [];
  for (let i = 0; i < 20; i++) {
    const P = freshCopy();
    assert.ok(!copies.includes(P), 'a new instance');
    copies.push(P);
    let resolveLater;
    pending.push(new P((resolve) => (resolveLater = resolve)).then((v) => v * 2));
    pending.push(P.map([i, i + 1], (x) => P.delay(1, x)).reduce((a, b) => a + b));
    setTimeout(() => resolveLater(i), 2);
  }
  const results = await Promise.all(pending);
  for (let i = 0; i < 20; i++) {
    assert.strictEqual(results[2 * i], i * 2);
    assert.strictEqual(results[2 * i + 1], 2 * i + 1);
  }
});

test('promises of two instances resolve each other', async () => {
  const A = freshCopy();
  const B = freshCopy();
  assert.notStrictEqual(A, B);
  const fromB = B.delay(2, 'b');
  const a = A.resolve(fromB).then((v) => B.resolve(v + 'a'));
  assert.ok(a instanceof A);
  assert.strictEqual(await a, 'ba');
  const rejected = B.reject(new Error('from B'));
  assert.strictEqual(await A.resolve(rejected).catch((e) => e.message), 'from B');
  assert.deepStrictEqual(await A.all([B.resolve(1), A.resolve(2), B.delay(1, 3)]), [1, 2, 3]);
});

// A second copy of the library (a nested node_modules: here a second module instance) is
// Bluebird's other copy: its promises are adopted through their `_then`, never their public
// `then` (which a CLS tool may wrap), as bluebird 3.7.2 adopts another copy's
// (tryConvertToPromise); the values are the same. bluebird's other copy:
// getNewLibraryCopy(), whose promises it tells by their own `_promise0`.
async function adoptOtherCopy(Main, Other) {
  let thenCalls = 0;
  const then = Other.prototype.then;
  Other.prototype.then = function (...args) {
    thenCalls++;
    return then.apply(this, args);
  };
  const fulfilled = Other.resolve(5);
  const later = Other.delay(5, 6);
  const values = await Main.all([Main.resolve(fulfilled), new Main((resolve) => resolve(later)), Main.all([fulfilled, later]), Main.map([fulfilled], (x) => x * 2)]);
  Other.prototype.then = then;
  return { values, thenCalls };
}

test('promises of a second copy are adopted through _then, as bluebird adopts another copy\'s', async () => {
  const Bluebird = require('bluebird');
  const expected = await adoptOtherCopy(Bluebird, Bluebird.getNewLibraryCopy());
  assert.deepStrictEqual(expected, { values: [5, 6, [5, 6], [10]], thenCalls: 0 });
  assert.deepStrictEqual(await adoptOtherCopy(freshCopy(), freshCopy()), expected);
});
