'use strict';
// Bluebird's madeup-parallel, from its description: 10,000 requests, each fanning out 25
// parallel promisified fake I/O calls gathered with Promise.all.
const { fakeIo, promisifyFor } = require('../lib/fakes');

const REQUESTS = 1e4;
const FAN_OUT = 25;

module.exports = {
  description: 'madeup-parallel (1e4 requests x 25 calls)',
  run(P) {
    const call = promisifyFor(P, fakeIo());
    const one = (request) => {
      const calls = new Array(FAN_OUT);
      for (let i = 0; i < FAN_OUT; i++) calls[i] = call(request + i);
      return P.all(calls).then((values) => values.length);
    };
    const requests = new Array(REQUESTS);
    for (let i = 0; i < REQUESTS; i++) requests[i] = one(i);
    return P.all(requests).then((results) => {
      if (results.length !== REQUESTS || results[1] !== FAN_OUT) throw new Error('wrong result');
    });
  },
};
