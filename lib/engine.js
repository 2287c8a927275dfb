'use strict';
// The engine as the runtime calls it: the addon's entry points and the ring shared with it
// (src/binding/ring.rs). Layout, in Int32 slots:
// [head, tail, command count, arg0, arg1, arg2, result, commands ..., spare count,
// spare nodes ..., (kind, id) ...].
//
// The hot calls (then, settle, lock, rejectUnobserved, refill) are raw N-API callbacks that
// take their arguments from the ring and leave their result there (src/binding/fast.rs): a
// call that passes JS numbers pays for reading each one and for the result's handle, a quarter
// of a ~75 ns call (perf). The wrappers below keep the call shapes of an ordinary binding.
//
// Most operations need no answer and make no call: settles, links and enqueues are commands
// written to the ring, nodes for new promises come from the spares every call tops up, and
// the engine applies the commands in order at the start of its next call.

const binding = require('./binding');

const JOBS = 4096;
const HEAD = 0;
const TAIL = 1;
const COMMAND_COUNT = 2;
const ARG0 = 3;
const ARG1 = 4;
const ARG2 = 5;
const RESULT = 6;
const COMMANDS = 7;
const COMMAND_CAPACITY = 1024;
const SPARE_COUNT = COMMANDS + COMMAND_CAPACITY;
const SPARES = SPARE_COUNT + 1;
const SPARE_CAPACITY = 64;
const JOB_SLOTS = SPARES + SPARE_CAPACITY;
// A command's operation, in its low three bits (ring.rs); a settle's is the state.
const DISCARD = 0;
const LINK = 3;
const ENQUEUE = 4; // + the state
const ELEMENT = 7;
// The largest element index a command can carry (the id field is 29 bits, signed).
const MAX_ELEMENT_INDEX = (1 << 28) - 1;

const ring = new Int32Array(new ArrayBuffer((JOB_SLOTS + 2 * JOBS) * 4));
binding.attachRing(ring.buffer, JOBS, COMMAND_CAPACITY, SPARE_CAPACITY);
const fast = binding.fastEntryPoints();
const fastThen = fast.then;
const fastSettle = fast.settle;
const fastLock = fast.lock;
const fastRejectUnobserved = fast.rejectUnobserved;
const fastRefill = fast.refill;

// A reaction of `target` (0: a new node) on `parent`, a settled node (an unhandled rejection),
// or 0 for a promise with no node settled with `state`. Returns the target's id, with bit 30
// set when the parent was an unhandled rejection until now. (A pending parent is linked by a
// command, linkLater.)
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

// Moves jobs that did not fit into the ring, and applies the commands.
function refill() {
  fastRefill();
}

// Commands run at the start of the engine's next call, in order, without a call of their own
// (ring.rs). Returns the first of `n` command slots now the caller's, after a call that
// empties the buffer when they do not fit.
function commandSlots(n) {
  let count = ring[COMMAND_COUNT];
  if (count > COMMAND_CAPACITY - n) {
    fastRefill();
    count = 0;
  }
  ring[COMMAND_COUNT] = count + n;
  return COMMANDS + count;
}

function command(id, op) {
  ring[commandSlots(1)] = (id << 3) | op;
}

// Frees the node `id`: it is never handed out again while JS may still hold it.
function discardLater(id) {
  command(id, DISCARD);
}

// A pending node for a promise that needs one, made ahead by the engine: no call, except when
// the spares have run out (any call tops them up).
function takeNode() {
  let count = ring[SPARE_COUNT];
  if (count === 0) {
    fastRefill();
    count = ring[SPARE_COUNT];
    if (count === 0) throw new Error('ferrobird engine: too many live promises');
  }
  count--;
  ring[SPARE_COUNT] = count;
  return ring[SPARES + count];
}

// Makes the node `target` a reaction of the pending node `parent`, as `then` on a pending
// promise does.
function linkLater(parent, target) {
  const slot = commandSlots(2);
  ring[slot] = (target << 3) | LINK;
  ring[slot + 1] = parent;
}

// Enqueues a reaction job for the pending node `target` on a promise that settled with
// `state` and has no node, as `then` on it does.
function enqueueLater(target, state) {
  command(target, ENQUEUE + state);
}

// Enqueues the job of element `index` (at most MAX_ELEMENT_INDEX) of a collection, whose
// promise settled with `state` and has no node: the element was its only reaction. The job
// comes back with the index in place of a node id, and kind 4 + `state`.
function enqueueElementLater(index, state) {
  const slot = commandSlots(2);
  ring[slot] = (index << 3) | ELEMENT;
  ring[slot + 1] = state;
}

// Settles the pending node `id` with `state` (FULFILLED 1, REJECTED 2), for a caller that
// knows the outcome: its reactions' jobs, which the caller queues now, and no unhandled
// rejection (the node has reactions, or is fulfilled). The jobs reach the ring at the next
// call, before any that call enqueues; the job loop refills when the ring runs dry.
function settleLater(id, state) {
  command(id, state);
}

module.exports = {
  then,
  settle,
  lock,
  rejectUnobserved,
  refill,
  discardLater,
  settleLater,
  takeNode,
  linkLater,
  enqueueLater,
  enqueueElementLater,
  MAX_ELEMENT_INDEX,
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
