'use strict';
// What one call into the engine costs (ARCHITECTURE.md, rule 4: measure the hot entry points' glue).
// The hot calls are raw N-API callbacks that take their arguments through the shared ring
// (src/binding/runtime.rs); the cold ones read each JS argument and make a handle for the
// result. Most operations are now ring commands, applied
// by the engine's next call: the last two rows. Each row is the median over ROUNDS loops of
// CALLS operations, in ns per operation. Part of `npm run bench`.
const path = require('path');
const median = require('./lib/median');

const engine = require(path.join(__dirname, '..', 'lib', 'engine'));

const CALLS = 5e4;
const ROUNDS = Number(process.env.CALL_ROUNDS || 15);
const ids = new Int32Array(CALLS);

// Times `timed` (CALLS calls) after `setup`, then runs `after` and drains: median ns a call.
function nsPerCall(setup, timed, after) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    setup();
    const start = process.hrtime.bigint();
    timed();
    samples.push(Number(process.hrtime.bigint() - start) / CALLS);
    after();
    drain();
  }
  return median(samples);
}

const nothing = () => {};

function settleAll() {
  for (let i = 0; i < CALLS; i++) engine.settle(ids[i], 1);
}

// A pending node with one reaction, as the runtime makes it: nodes from the spares, the link
// written to the ring, all applied by the calls that the spares and the command buffer
// running out make, and one call at the end. The settle, as a raw call or as a command.
function linkByCommand() {
  for (let i = 0; i < CALLS; i++) {
    const parent = engine.takeNode();
    engine.linkLater(parent, engine.takeNode());
    ids[i] = parent;
  }
  engine.refill();
}

function settleByCommand() {
  for (let i = 0; i < CALLS; i++) engine.settleLater(ids[i], 1);
  engine.refill();
}

// Hands every queued job back as done (their targets are this script's bare nodes), so that
// each round starts from the same engine state.
function drain() {
  const ring = engine.ring;
  for (;;) {
    if (ring[engine.HEAD] === ring[engine.TAIL]) {
      engine.refill();
      if (ring[engine.HEAD] === ring[engine.TAIL]) return;
    }
    const head = ring[engine.HEAD];
    engine.discardLater(ring[engine.JOB_SLOTS + ((head & (engine.JOBS - 1)) << 1) + 1]);
    ring[engine.HEAD] = (head + 1) & engine.COUNTER_MASK;
  }
}

const rows = [
  ['raw, no work (`refill`)', nsPerCall(nothing, () => {
    for (let i = 0; i < CALLS; i++) engine.refill();
  }, nothing)],
  ['cold call, one argument, no work (`hasReactions`)', nsPerCall(nothing, () => {
    for (let i = 0; i < CALLS; i++) engine.hasReactions(1);
  }, nothing)],
  ['raw: settle a node with one reaction (`settle`)', nsPerCall(linkByCommand, settleAll, nothing)],
  ['commands: two spare nodes and a link (`takeNode`, `linkLater`), applied', nsPerCall(nothing, linkByCommand, settleByCommand)],
  ['command: settle a node with one reaction (`settleLater`), applied', nsPerCall(linkByCommand, settleByCommand, nothing)],
];

console.log(`Engine calls, ns per call, median of ${ROUNDS} loops of ${CALLS}\n`);
console.log('| call | ns |');
console.log('| --- | ---: |');
for (const [name, ns] of rows) console.log(`| ${name} | ${ns.toFixed(0)} |`);
