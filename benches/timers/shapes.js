'use strict';
// What the timer benchmark runs: `count` concurrent timers in three shapes.
const { setTimeout: sleep } = require('timers/promises');

// Delays spread over 1..500 ms: many distinct durations, as with per-request deadlines.
const SPREAD = 500;

module.exports = {
  spread: {
    description: 'delays spread over 1-500 ms',
    longestDelay: SPREAD,
    run(api, wrap, count) {
      const waits = new Array(count);
      for (let i = 0; i < count; i++) waits[i] = api.delay(1 + ((i * 7919) % SPREAD), i);
      return api.all(waits);
    },
  },
  same: {
    description: 'one delay of 50 ms',
    longestDelay: 50,
    run(api, wrap, count) {
      const waits = new Array(count);
      for (let i = 0; i < count; i++) waits[i] = api.delay(50, i);
      return api.all(waits);
    },
  },
  // The common production case: a timeout on work that finishes first, so every timer is
  // armed and then cleared.
  'timeout-cleared': {
    description: 'timeout(10 s) on work done in 1 ms',
    longestDelay: 1,
    run(api, wrap, count) {
      const waits = new Array(count);
      const work = sleep(1);
      for (let i = 0; i < count; i++) waits[i] = api.timeout(wrap(work), 10000);
      return api.all(waits);
    },
  },
  // native: a timeout as users write it on setTimeout, cleared when the work settles.
  nativeTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), ms);
      promise.then((value) => { clearTimeout(timer); resolve(value); }, (reason) => { clearTimeout(timer); reject(reason); });
    });
  },
};
