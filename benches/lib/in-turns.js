'use strict';
// Samples `count` contenders (libraries, settings) in turn, `runs` rounds, so that a slow spell
// of this shared machine falls on all of them instead of on whichever was running then. Each
// round starts with the next one, so that each runs as often first, second and third: the
// order moved the ratios here (Promise.all, ferrobird / bluebird, 15 rounds of each order:
// 1.11x in the order ferrobird, bluebird, native; 1.07x in bluebird, ferrobird, native).
// `sampleOf(i)` measures contender i once; returns each contender's samples.
module.exports = function samplesInTurns(count, runs, sampleOf) {
  const samples = Array.from({ length: count }, () => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < count; k++) {
      const i = (round + k) % count;
      samples[i].push(sampleOf(i));
    }
  }
  return samples;
};
