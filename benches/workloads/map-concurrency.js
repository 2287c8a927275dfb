'use strict';
// Promise.map over 1e5 items with {concurrency: 16}, each mapper a promise that settles on
// the next turn. Native has no map: a worker pool of 16 async functions does the same.
const ITEMS = 1e5;
const CONCURRENCY = 16;

function later(P, value) {
  return new P((resolve) => setImmediate(resolve, value * 2));
}

async function nativeMap(items) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await later(Promise, items[index]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

module.exports = {
  description: 'map of 1e5, concurrency 16',
  run(P) {
    const items = Array.from({ length: ITEMS }, (_, i) => i);
    const mapped = P === global.Promise ? nativeMap(items) : P.map(items, (item) => later(P, item), { concurrency: CONCURRENCY });
    return mapped.then((results) => {
      if (results.length !== ITEMS || results[ITEMS - 1] !== 2 * (ITEMS - 1)) throw new Error('wrong result');
    });
  },
};
