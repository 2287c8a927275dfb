'use strict';
// 1e5 calls of a promisified node-style function that answers at once (synchronously), so
// the cost measured is the promisification, not the I/O.
const { promisifyFor } = require('../lib/fakes');

const CALLS = 1e5;

module.exports = {
  description: '1e5 promisified calls',
  run(P) {
    const call = promisifyFor(P, (value, callback) => callback(null, value));
    const results = new Array(CALLS);
    for (let i = 0; i < CALLS; i++) results[i] = call(i);
    return P.all(results).then((values) => {
      if (values[CALLS - 1] !== CALLS - 1) throw new Error('wrong result');
    });
  },
};
