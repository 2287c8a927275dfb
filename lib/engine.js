'use strict';
// The engine as the runtime calls it: the addon's entry points and the ring shared with it
// (src/binding/ring.rs). Layout, in Int32 slots:
// [head, tail, answer, discard count, arg0, arg1, arg2, result, discards ..., (kind, id) ...].
//
// The hot calls (then, settle, lock, rejectUnobserved, refill) are raw N-API callbacks that
// take their arguments from the ring and leave their result there (src/binding/fast.rs): a
// call that passes JS numbers pays for reading each one and for the result's handle, a quarter
// of a ~75 ns call (perf). The wrappers below keep the call shapes of an ordinary binding.

const binding = require('./binding');

const JOBS = 4096;
const HEAD = 0;
const TAIL = 1;
const ANSWER = 2;
const DISCARD_COUNT = 3;
const ARG0 = 4;
const ARG1 = 5;
const ARG2 = 6;
const RESULT = 7;
const DISCARDS = 8;
const DISCARD_CAPACITY = 256;
const JOB_SLOTS = DISCARDS + DISCARD_CAPACITY;

const ring = new Int32Array(new ArrayBuffer((JOB_SLOTS + 2 * JOBS) * 4));
binding.attachRing(ring.buffer, JOBS, DISCARD_CAPACITY);
const fast = binding.fastEntryPoints();
const fastThen = fast.then;
const fastSettle = fast.settle;
const fastLock = fast.lock;
const fastRejectUnobserved = fast.rejectUnobserved;
const fastRefill = fast.refill;

// A reaction of `target` (0: a new node) on `parent` (0: a promise with no node, whose state
// is `state`; a pending one gets its node now, and its id is answer()). Returns the target's
// id, with bit 30 set when the parent was an unhandled rejection until now.
function then(parent, state, target) {
  ring[ARG0] = parent;
  ring[ARG1] = state;
  ring[ARG2] = target;
  fastThen();
  return ring[RESULT];
}

// Settles a pending node. Returns `jobs << 1 | unhandled`.
function settle(id, state) {
  ring[ARG0] = id;
  ring[ARG1] = state;
  fastSettle();
  return ring[RESULT];
}

// Resolves `target` (0: a new node) to a thenable and enqueues its thenable job; returns its id.
function lock(target) {
  ring[ARG0] = target;
  fastLock();
  return ring[RESULT];
}

// A node for a promise rejected before anything observed it, tracked as unhandled.
function rejectUnobserved() {
  fastRejectUnobserved();
  return ring[RESULT];
}

// Moves jobs that did not fit into the ring, and frees the discards.
function refill() {
  fastRefill();
}

// The second result of the last call (the parent id of then's fused create).
function answer() {
  return ring[ANSWER];
}

// Frees the node `id` at the start of the engine's next call, without a call of its own: it is
// never handed out again while JS may still hold it.
function discardLater(id) {
  let count = ring[DISCARD_COUNT];
  if (count === DISCARD_CAPACITY) {
    fastRefill();
    count = 0;
  }
  ring[DISCARDS + count] = id;
  ring[DISCARD_COUNT] = count + 1;
}

module.exports = {
  then,
  settle,
  lock,
  rejectUnobserved,
  refill,
  answer,
  discardLater,
  cancel: binding.cancel,
  discard: binding.discard,
  release: binding.release,
  // The job half of the ring, read by the runtime's job loop (core.js).
  ring,
  JOBS,
  HEAD,
  TAIL,
  JOB_SLOTS,
};
