'use strict';
// Depth and scale: shapes that would overflow a recursive implementation's stack or expose a
// quadratic one. Each checks the exact outcome; how time grows with size is measured by
// benches/scaling.js (`npm run bench`), never timed here.

const test = require('node:test');
const assert = require('node:assert');
const P = require('..');

test('a chain of 1e7 links', async () => {
  const increment = (v) => v + 1;
  let chain = P.resolve(0);
  for (let i = 0; i < 1e7; i++) chain = chain.then(increment);
  assert.strictEqual(await chain, 1e7);
});

test('thenables nested 1e6 deep', async () => {
  let value = 'bottom';
  let depth = 0;
  for (let i = 0; i < 1e6; i++) {
    const inner = value;
    value = { then(resolve) { depth++; resolve(inner); } };
  }
  assert.strictEqual(await P.resolve(value), 'bottom');
  assert.strictEqual(depth, 1e6);
});

test('promises resolved with promises nested 1e6 deep', async () => {
  let promise = P.resolve('bottom');
  for (let i = 0; i < 1e6; i++) {
    const inner = promise;
    promise = new P((resolve) => resolve(inner));
  }
  assert.strictEqual(await promise, 'bottom');
});

test('1e6 concurrent pending promises settled in random order', async () => {
  const n = 1e6;
  const resolvers = new Array(n);
  const seen = [];
  for (let i = 0; i < n; i++) {
    new P((resolve) => { resolvers[i] = resolve; }).then((v) => seen.push(v));
  }
  // A fixed shuffle (xorshift), so a failure can be repeated.
  const order = Array.from({ length: n }, (_, i) => i);
  let x = 2463534242;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) resolvers[i](i);
  // A host turn: the handlers have run by then in either timing (in Bluebird's, a delay's
  // handlers run inside its timer, which may come first).
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(seen.length, n);
  const firstOutOfOrder = seen.findIndex((v, i) => v !== order[i]);
  assert.strictEqual(firstOutOfOrder, -1, 'handlers run in the order their promises were settled');
});

test('Promise.all of 1e6', async () => {
  const inputs = new Array(1e6);
  for (let i = 0; i < inputs.length; i++) inputs[i] = i % 3 === 0 ? i : i % 3 === 1 ? P.resolve(i) : new P((r) => setImmediate(r, i));
  const values = await P.all(inputs);
  assert.strictEqual(values.length, 1e6);
  assert.ok(values.every((v, i) => v === i));
});
