'use strict';
// Bluebird's doxbee benchmark, written from its description: 10,000 concurrent "requests",
// each a sequence of ten promisified fake I/O calls. Native runs it with async/await.
const { fakeIo, promisifyFor } = require('../lib/fakes');
const { REQUESTS, STEPS, sequenceChained, sequenceAwaited } = require('../lib/doxbee');

module.exports = {
  description: 'doxbee-sequential (1e4 requests x 10 calls)',
  run(P) {
    const call = promisifyFor(P, fakeIo());
    const one = P === global.Promise ? () => sequenceAwaited(call, STEPS) : () => sequenceChained(call, STEPS);
    const requests = new Array(REQUESTS);
    for (let i = 0; i < REQUESTS; i++) requests[i] = one();
    return P.all(requests).then((results) => {
      if (results.length !== REQUESTS || results[0] !== STEPS) throw new Error('wrong result');
    });
  },
};
