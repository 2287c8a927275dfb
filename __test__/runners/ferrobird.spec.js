'use strict';
// One suite run under three test runners (node --test, jest, mocha) by runners.test.js. It
// holds passing tests and exactly one that must fail: a test returning a rejected ferrobird
// promise. A runner that did not wait for ferrobird promises, or lost the rejection, would
// report other numbers.
const assert = require('node:assert');
const Promise = require('ferrobird');

const { describe, it } = typeof globalThis.describe === 'function' ? globalThis : require('node:test');

describe('ferrobird under a test runner', () => {
  it('waits for a returned promise', () => {
    const started = Date.now();
    return Promise.delay(20, 'late').then((value) => {
      assert.strictEqual(value, 'late');
      assert.ok(Date.now() - started >= 15);
    });
  });

  it('runs async tests that await ferrobird promises', async () => {
    const doubled = await Promise.map([1, 2, 3], (n) => Promise.delay(1, n * 2), { concurrency: 2 });
    assert.deepStrictEqual(doubled, [2, 4, 6]);
    await assert.rejects(Promise.reject(new TypeError('bad')), TypeError);
  });

  it('ends a done-style test through asCallback', (done) => {
    Promise.resolve(3).then((n) => assert.strictEqual(n, 3)).asCallback(done);
  });

  it('reports a rejected ferrobird promise as a failure', () =>
    Promise.delay(1).then(() => { throw new Error('expected rejection from ferrobird'); }));
});
