'use strict';
// Only loads ferrobird and awaits a promise: `jest --detectOpenHandles` must report nothing
// (instances.test.js). napi-rs makes an inert, unref'd `CustomGC` resource when the addon
// loads; jest 29 reported it as an open handle, jest 30.5 knows it.
const P = require('../..');

test('loads ferrobird and awaits a promise', async () => {
  expect(await P.resolve(1).then((v) => v + 1)).toBe(2);
});
