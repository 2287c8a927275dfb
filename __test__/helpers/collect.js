'use strict';
// What the GC and memory tests share: the live engine node count, one turn of the event loop,
// and collecting until a condition holds (run node with --expose-gc).

const engine = require('../../lib/engine');

const liveNodes = () => engine.stats()[0];
const turn = () => new Promise((resolve) => setImmediate(resolve));

// Collects until `done()` holds, at most `rounds` times, pausing `pauseMs` after each round:
// finalizers run on later turns. Returns whether `done()` held.
async function collectUntil(done, rounds = 50, pauseMs = 1) {
  for (let i = 0; i < rounds && !done(); i++) {
    await turn();
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return done();
}

module.exports = { liveNodes, turn, collectUntil };
