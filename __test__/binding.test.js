'use strict';
// The boundary: misuse of the engine's entry points is a JS error, never a crash or a panic
// escaping into Node.

const test = require('node:test');
const assert = require('node:assert');
const binding = require('../lib/binding');
// The hot entry points take their arguments through the ring that engine.js attaches.
const engine = require('../lib/engine');

const engineError = /ferrobird engine/;

test('settling an unknown node throws an Error', () => {
  assert.throws(() => engine.settle(0x3fffffff, 1), engineError);
});

test('an unknown state is refused', () => {
  const id = binding.create();
  assert.throws(() => engine.settle(id, 7), engineError);
  assert.throws(() => engine.settle(id, 0), engineError);
  binding.release(id);
});

test('a node cannot wait on itself, nor settle twice', () => {
  const id = binding.create();
  assert.throws(() => engine.then(id, 0, id), engineError);
  engine.settle(id, 1);
  assert.throws(() => engine.settle(id, 1), engineError);
});

test('arguments of the wrong type are TypeErrors from the glue', () => {
  assert.throws(() => binding.release('x'), Error);
  assert.throws(() => binding.cancel({}, 1), Error);
  assert.throws(() => binding.attachRing({}, 3), Error);
  assert.throws(() => binding.attachRing(new ArrayBuffer(8), 4096, 0, 0), /too small/);
});

// Non-integers written to the ring's argument slots arrive as 0 or wrapped ids: refused, never
// a crash.
test('the raw entry points refuse garbage arguments', () => {
  assert.throws(() => engine.settle('x', {}), engineError);
  assert.throws(() => engine.settle(-1, 1), engineError);
  assert.throws(() => engine.then(-5, 1, 0), engineError);
  // A pending parent with no node: the runtime links such a parent by a ring command, on a
  // spare node; the call refuses it.
  assert.throws(() => engine.then(0, 0, 0), engineError);
  assert.throws(() => engine.lock(0x3ffffff0), engineError);
});

test('the raw entry points are plain functions that take no arguments', () => {
  const fast = binding.fastEntryPoints();
  assert.deepStrictEqual(Object.keys(fast).sort(), ['lock', 'refill', 'rejectUnobserved', 'settle', 'then']);
  // Arguments passed the ordinary way are ignored: the ring's slots are what counts.
  engine.ring[3] = 0x3fffffff; // arg0 (lib/engine.js)
  engine.ring[4] = 1; // arg1
  assert.throws(() => fast.settle(1, 1), engineError);
});

test('the engine keeps working after refused calls', async () => {
  const P = require('..');
  assert.strictEqual(await P.resolve(41).then((v) => v + 1), 42);
});
