'use strict';
// The boundary: misuse of the engine's entry points is a JS error, never a crash or a panic
// escaping into Node.

const test = require('node:test');
const assert = require('node:assert');
const binding = require('../lib/binding');
require('..'); // attaches the job ring

const engineError = /ferrobird engine/;

test('settling an unknown node throws an Error', () => {
  assert.throws(() => binding.settle(0x3fffffff, 1), engineError);
});

test('an unknown state is refused', () => {
  const id = binding.create();
  assert.throws(() => binding.settle(id, 7), engineError);
  assert.throws(() => binding.settle(id, 0), engineError);
  binding.release(id);
});

test('a node cannot wait on itself, nor settle twice', () => {
  const id = binding.create();
  assert.throws(() => binding.then(id, 0, id), engineError);
  binding.settle(id, 1);
  assert.throws(() => binding.settle(id, 1), engineError);
});

test('arguments of the wrong type are TypeErrors from the glue', () => {
  assert.throws(() => binding.settle('x', {}), Error);
  assert.throws(() => binding.attachRing({}, 3), Error);
  assert.throws(() => binding.attachRing(new ArrayBuffer(8), 4096, 0), /too small/);
});

test('the engine keeps working after refused calls', async () => {
  const P = require('..');
  assert.strictEqual(await P.resolve(41).then((v) => v + 1), 42);
});
