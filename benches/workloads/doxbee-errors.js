'use strict';
// doxbee-sequential with 10% of the fake I/O calls failing; each request catches its error.
const { fakeIo, promisifyFor } = require('../lib/fakes');
const { REQUESTS, STEPS, sequenceChained, sequenceAwaited } = require('../lib/doxbee');

module.exports = {
  description: 'doxbee-errors (10% of calls fail)',
  run(P) {
    const call = promisifyFor(P, fakeIo(10));
    const one = P === global.Promise
      ? () => sequenceAwaited(call, STEPS).catch(() => -1)
      : () => sequenceChained(call, STEPS).catch(() => -1);
    const requests = new Array(REQUESTS);
    for (let i = 0; i < REQUESTS; i++) requests[i] = one();
    return P.all(requests).then((results) => {
      const failed = results.filter((r) => r === -1).length;
      if (failed === 0 || failed === REQUESTS) throw new Error('wrong result');
    });
  },
};
