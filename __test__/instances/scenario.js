'use strict';
// What each jest file runs, under its own name: jest evaluates this module and ferrobird
// again in each file's registry. Each file leaves a pending promise and a timer behind, as
// real test files do.
module.exports = function scenario(name) {
  const Promise = require('../..');

  const leftBehind = new Promise(() => {});
  setTimeout(() => {}, 20);

  test(`${name}: chains, collections and timers settle`, async () => {
    const values = await Promise.map([1, 2, 3], (x) => Promise.delay(1, x * 2));
    expect(values).toEqual([2, 4, 6]);
    expect(await Promise.resolve(name).then((v) => v + '!')).toBe(name + '!');
    leftBehind.then(() => {});
  });

  test(`${name}: a fresh registry (resetModules) gets a working copy`, async () => {
    jest.resetModules();
    const Fresh = require('../..');
    expect(Fresh).not.toBe(Promise);
    const mixed = await Fresh.resolve(Promise.delay(1, 'theirs')).then((v) => Promise.resolve(v + ' and ours'));
    expect(mixed).toBe('theirs and ours');
    await expect(Fresh.reject(new Error('x')).catch((e) => e.message)).resolves.toBe('x');
  });
};
