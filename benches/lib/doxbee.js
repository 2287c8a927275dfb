'use strict';
// One doxbee "request": STEPS fake I/O calls in sequence, each using the previous result.
const REQUESTS = 1e4;
const STEPS = 10;

function sequenceChained(call, steps) {
  let chain = call(0);
  for (let i = 1; i < steps; i++) chain = chain.then((value) => call(value + 1));
  return chain.then((value) => value + 1);
}

async function sequenceAwaited(call, steps) {
  let value = await call(0);
  for (let i = 1; i < steps; i++) value = await call(value + 1);
  return value + 1;
}

module.exports = { REQUESTS, STEPS, sequenceChained, sequenceAwaited };
