'use strict';
// Fake node-style I/O for the doxbee and madeup workloads: each call answers on a later
// tick (setImmediate), as real I/O would. `failEvery` makes every n-th call fail.

function fakeIo(failEvery = 0) {
  let calls = 0;
  return function io(value, callback) {
    const fail = failEvery > 0 && ++calls % failEvery === 0;
    setImmediate(() => (fail ? callback(new Error('io failed')) : callback(null, value)));
  };
}

// The promisified form each library's users would write: P.promisify, or util.promisify
// for native.
function promisifyFor(P, fn) {
  return P === global.Promise ? require('util').promisify(fn) : P.promisify(fn);
}

module.exports = { fakeIo, promisifyFor };
