'use strict';
// lib/queue.js, the JS half of the job queue: a ring that must stay first-in first-out when it
// doubles while its contents wrap around the end. Only this file loads the module on its own
// (node --test runs each file in its own process), so no runtime shares its state.

const test = require('node:test');
const assert = require('node:assert');
const queue = require('../lib/queue');

function drain(count) {
  const seen = [];
  for (let i = 0; i < count; i++) {
    const target = queue.peekTarget();
    const extra = queue.peekExtra();
    const value = queue.shift();
    seen.push([target.n, value, extra]);
  }
  return seen;
}

test('the job arguments come out in order after growing while wrapped around', () => {
  // 1024 slots to start with: fill 700, take 500, so that the next 2300 wrap around and make
  // the ring grow twice with its head in the middle.
  let next = 0;
  const push = (count) => {
    for (let i = 0; i < count; i++, next++) queue.push({ n: next }, `v${next}`, next % 7);
  };
  push(700);
  const first = drain(500);
  push(2300);
  assert.strictEqual(queue.length(), 2500);
  const rest = drain(2500);
  const expected = (from, count) => Array.from({ length: count }, (_, i) => [from + i, `v${from + i}`, (from + i) % 7]);
  assert.deepStrictEqual(first, expected(0, 500));
  assert.deepStrictEqual(rest, expected(500, 2500));
  assert.strictEqual(queue.length(), 0);
});
