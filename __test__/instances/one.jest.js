'use strict';
// Each file leaves a pending promise and a timer behind, as real test files do; jest runs
// them one after another in one worker, each with its own module registry.
const Promise = require('../..');

const leftBehind = new Promise(() => {});
setTimeout(() => {}, 20);

test('one: chains, collections and timers settle', async () => {
  const values = await Promise.map([1, 2, 3], (x) => Promise.delay(1, x * 2));
  expect(values).toEqual([2, 4, 6]);
  expect(await Promise.resolve('one').then((v) => v + '!')).toBe('one!');
  leftBehind.then(() => {});
});

test('one: a fresh registry (resetModules) gets a working copy', async () => {
  jest.resetModules();
  const Fresh = require('../..');
  expect(Fresh).not.toBe(Promise);
  const mixed = await Fresh.resolve(Promise.delay(1, 'theirs')).then((v) => Promise.resolve(v + ' and ours'));
  expect(mixed).toBe('theirs and ours');
  await expect(Fresh.reject(new Error('x')).catch((e) => e.message)).resolves.toBe('x');
});
