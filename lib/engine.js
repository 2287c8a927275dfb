'use strict';
// The engine as the runtime calls it: the addon's entry points and the ring shared with it
// (src/ring/). Layout, in Int32 slots (src/ring/layout.rs):
// [head, tail, command count, arg0, arg1, arg2, result, commands ..., spare count,
// spare nodes ..., (kind, id) ...].
//
// The hot calls (then, settle, lock, rejectUnobserved, refill) take their arguments from the
// ring and leave their result there (src/binding/runtime.rs): passing JS numbers would cost
// a conversion for each and a handle for the result. The wrappers below keep the call shapes
// of an ordinary binding.
//
// Most operations need no answer and make no call: settles, links and enqueues are commands
// written to the ring, nodes for new promises come from the spares every call tops up, and
// the engine applies the commands in order at the start of its next call.

const messages = require('./messages');
const binding = require('./binding');

// This module instance's own runtime: an engine and the ring it shares with it. Every
// evaluation of lib/ (a jest registry, a re-require after `delete require.cache`, a `vm`
// context) makes its own, so instances never share bookkeeping. The ring's memory is Rust's;
// the slot numbers come from the binding (src/ring/layout.rs).
const runtime = binding.createRuntime(4096, 1024, 64);
const layout = runtime.layout;
const ring = new Int32Array(runtime.buffer);
const HEAD = layout.HEAD;
const TAIL = layout.TAIL;
const COMMAND_COUNT = layout.COMMAND_COUNT;
const ARG0 = layout.ARG0;
const ARG1 = ARG0 + 1;
const ARG2 = ARG0 + 2;
const RESULT = layout.RESULT;
const COMMANDS = layout.COMMANDS;
const COMMAND_CAPACITY = layout.COMMAND_CAPACITY;
const SPARE_COUNT = layout.SPARE_COUNT;
const SPARES = SPARE_COUNT + 1;
const JOB_SLOTS = layout.JOB_SLOTS;
const JOBS = layout.JOBS;
// A command is `id << OP_BITS | op` (src/ring/command.rs); a settle's op is the state.
const OP_BITS = layout.OP_BITS;
const DISCARD = 0;
const LINK = layout.LINK;
const ENQUEUE = layout.ENQUEUE; // + the state
const ELEMENT = layout.ELEMENT;
const DELIVER = layout.DELIVER;
// The largest element index a command can carry in its signed 32-bit slot.
const MAX_ELEMENT_INDEX = 2 ** (31 - OP_BITS) - 1;

const fastThen = runtime.then;
const fastSettle = runtime.settle;
const fastLock = runtime.lock;
const fastRejectUnobserved = runtime.rejectUnobserved;
const fastRefill = runtime.refill;

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
  ring[commandSlots(1)] = (id << OP_BITS) | op;
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
    if (count === 0) throw new Error(messages.TOO_MANY_PROMISES);
  }
  count--;
  ring[SPARE_COUNT] = count;
  return ring[SPARES + count];
}

// Makes the node `target` a reaction of the pending node `parent`, as `then` on a pending
// promise does.
function linkLater(parent, target) {
  const slot = commandSlots(2);
  ring[slot] = (target << OP_BITS) | LINK;
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
  ring[slot] = (index << OP_BITS) | ELEMENT;
  ring[slot + 1] = state;
}

// Settles the pending node `id` with `state` (FULFILLED 1, REJECTED 2), for a caller that
// knows the outcome: its reactions' jobs, which the caller queues now, and no unhandled
// rejection (the node has reactions, or is fulfilled). The jobs reach the ring at the next
// call, before any that call enqueues; the job loop refills when the ring runs dry.
function settleLater(id, state) {
  command(id, state);
}

// Fulfils the pending node `id`, whose reactions JS runs at once instead of queuing their
// jobs (Bluebird's async-guaranteed promises): they are unlinked, and no job is enqueued.
function deliverLater(id) {
  command(id, DELIVER);
}

module.exports = {
  then,
  settle,
  lock,
  rejectUnobserved,
  refill,
  discardLater,
  settleLater,
  deliverLater,
  takeNode,
  linkLater,
  enqueueLater,
  enqueueElementLater,
  MAX_ELEMENT_INDEX,
  cancel: runtime.cancel,
  discard: runtime.discard,
  release: runtime.release,
  // For debug.js, tests and benchmarks.
  hasReactions: runtime.hasReactions,
  create: runtime.create,
  stats: runtime.stats,
  // The job half of the ring, read by the runtime's job loop (core.js).
  ring,
  JOBS,
  HEAD,
  TAIL,
  JOB_SLOTS,
  COUNTER_MASK: layout.COUNTER_MASK,
};
