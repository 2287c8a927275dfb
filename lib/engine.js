'use strict';
// The engine as the runtime sees it: the addon's entry points, the ring shared with it
// (src/ring/), and the JS half of the job queue. The only module that touches the ring.
//
// Layout, in Int32 slots (src/ring/layout.rs): [head, tail, command count, arg0, arg1, arg2,
// result, commands ..., spare count, spare nodes ..., (kind, id) ...]. Every slot number and
// code comes from the binding's `layout`; none is written here.
//
// The hot calls (then, settle, lock, rejectUnobserved, refill) take their arguments from the
// ring and leave their result there (src/binding/runtime.rs). Most operations make no call:
// settles, links and enqueues are commands written to the ring, nodes for new promises come
// from the spares every call tops up, and the engine applies the commands in order at the
// start of its next call.
//
// ## One job, two halves, one step
//
// The engine keeps each job's kind and node; JS keeps its target, argument and extra here,
// in the engine's order. The two must never drift apart: a JS entry taken with another job's
// node gives one promise another's value. So every enqueue is one step that no exception can
// split:
//
//   reserve   room for the entries and the command slots (may call, grow, throw: nothing is
//             visible yet);
//   stage     the entries, past the visible end (may throw: still invisible);
//   commit    the command and the entries made visible together, by plain stores and no
//             call in between: V8 raises a stack overflow only where a function is entered,
//             and no store here can throw.
//
// A job is taken the same way (takeJob). With FERROBIRD_CHECK=1 each entry also records the
// job the engine must hand back for it, and takeJob stops at the first mismatch.

const messages = require('./messages');
const hostTimers = require('./host-timers');
const binding = require('./binding');

// This module instance's own runtime: an engine and the ring it shares with it. Every
// evaluation of lib/ (a jest registry, a re-require after `delete require.cache`, a `vm`
// context) makes its own, so instances never share bookkeeping.
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
const RING_JOBS = layout.JOBS;
const COUNTER_MASK = layout.COUNTER_MASK;
// A command is `id << OP_BITS | op` (src/ring/command.rs); a settle's op is the state.
const OP_BITS = layout.OP_BITS;
const DISCARD = layout.DISCARD;
const LINK = layout.LINK;
const TRANSFER = layout.TRANSFER;
const ENQUEUE = layout.ENQUEUE; // + the state
const ELEMENT = layout.ELEMENT;
const DELIVER = layout.DELIVER;
// The job kinds (src/engine/queue.rs): a reaction's is its parent's state.
const { JOB_FULFILL, JOB_REJECT, JOB_THENABLE, JOB_ELEMENT_FULFILLED, JOB_ELEMENT_REJECTED } = layout;
// `then`'s answer: the target's node, with this bit when the parent was an unhandled
// rejection until now.
const WAS_UNHANDLED = layout.WAS_UNHANDLED;
const ID_MASK = WAS_UNHANDLED - 1;
// A job word is `node << OP_BITS | kind` (takeJob): its kind's bits.
const KIND_MASK = (1 << OP_BITS) - 1;
// The largest element index a command can carry in its signed 32-bit slot.
const MAX_ELEMENT_INDEX = 2 ** (31 - OP_BITS) - 1;

const fastThen = runtime.then;
const fastSettle = runtime.settle;
const fastLock = runtime.lock;
const fastRejectUnobserved = runtime.rejectUnobserved;
const fastRefill = runtime.refill;

// FERROBIRD_CHECK=1: every job taken is compared with what its JS entry expects (below).
const CHECKING = process.env.FERROBIRD_CHECK !== undefined && process.env.FERROBIRD_CHECK !== '0';

// ---- the JS half of the job queue ------------------------------------------------------

// A ring of parallel arrays, doubled when full: each job's target (the promise it settles, a
// GenericReaction, or an aggregate), its argument (a value, or a thenable) and its extra (the
// batch size on a batch's first job, QUIET, or a thenable's `then`); with CHECKING, the job
// the engine must hand back for it (expectedJob).
const INITIAL_CAPACITY = 1024;
let capacity;
let mask;
let targets;
let values;
let extras;
let expectations;
let head = 0;
let size = 0;
emptyJobArrays();

// Makes the arrays anew at their first capacity, for a queue that holds nothing: at load,
// and when a burst has left them long (compactWhenIdle).
function emptyJobArrays() {
  capacity = INITIAL_CAPACITY;
  mask = capacity - 1;
  head = 0;
  targets = slots(capacity);
  values = slots(capacity);
  extras = slots(capacity);
  expectations = CHECKING ? slots(capacity) : null;
}

// The extra of a job with no native microtask of its own (core.js, runQuietJobs).
const QUIET = -1;

// What the scheduler owes: a run for each batch committed and not yet scheduled (`runs` in
// ES's timing, a microtask each; `drains` in Bluebird's), and for quiet jobs a backstop
// (`quiet`) or a drain (`quietDrain`). Written by the commits (plain stores, inside the step),
// paid by scheduler.js; a scheduling call that throws leaves its debt for the next one.
const owed = { runs: 0, drains: 0, quiet: false, quietDrain: false };

// Records what a commit of `count` entries from `entry` on owes: `drained` in Bluebird's
// timing. Called before the commit's stores: a debt for a commit that then fails is a run
// with nothing to do; a commit whose debt went unrecorded would be a batch with no run.
function owe(entry, count, drained) {
  if (count === 0) return;
  if (extras[entry] === QUIET) {
    if (drained) owed.quietDrain = true;
    else owed.quiet = true;
  } else if (drained) {
    owed.drains++;
  } else {
    owed.runs++;
  }
}

// An array of `length` undefined slots, of the elements kind that holds anything. A bare
// `new Array(n)` starts as holes for small integers and changes kind at the first object
// stored, after each grow, deoptimizing the stores and their callers.
function slots(length) {
  return new Array(length).fill(undefined);
}

// The ring unrolled from `head` into one twice as long, by builtins (slice, concat), not a JS
// loop, which TurboFan compiled several times over. Staged entries past the end come along.
function unrolled(array) {
  return array.slice(head).concat(array.slice(0, head), slots(capacity));
}

// Makes room for `count` more entries than are visible. Nothing changes until every new
// array is made, so a throw leaves the queue as it was.
function reserveJobs(count) {
  while (size + count > capacity) {
    const grownTargets = unrolled(targets);
    const grownValues = unrolled(values);
    const grownExtras = unrolled(extras);
    const grownExpectations = CHECKING ? unrolled(expectations) : null;
    targets = grownTargets;
    values = grownValues;
    extras = grownExtras;
    expectations = grownExpectations;
    head = 0;
    capacity *= 2;
    mask = capacity - 1;
  }
}

// Writes entry `offset` past the visible end, in room reserveJobs made. `expected` is the
// job the engine must hand back for it (expectedJob), read only when checking.
function stageJob(offset, target, value, extra, expected) {
  const slot = (head + size + offset) & mask;
  targets[slot] = target;
  values[slot] = value;
  extras[slot] = extra;
  if (CHECKING) expectations[slot] = expected;
}

// Stages the one entry of a batch of its own (most jobs): reserveJobs(1) and stageJob(0, ...,
// 1), in one call on the hot path.
function stageOne(target, value) {
  if (size === capacity) reserveJobs(1);
  const slot = (head + size) & mask;
  targets[slot] = target;
  values[slot] = value;
  extras[slot] = 1;
}

// The job word `node << OP_BITS | kind` the engine must hand back for an entry; a negative
// word `-kind` when JS does not know the node (an element's node, read from core's table, or
// a node kept by cancel): then only the kind is compared, and core checks the node's owner.
function expectedJob(node, kind) {
  return node === 0 && kind <= JOB_THENABLE ? -kind : (node << OP_BITS) | kind;
}

// The entry of the job at the head: read before takeJob (reading changes nothing).
function peekExtra() {
  return size === 0 ? undefined : extras[head];
}

function peekTarget() {
  return targets[head];
}

function peekValue() {
  return values[head];
}

function jobCount() {
  return size;
}

// ---- commands ---------------------------------------------------------------------------

// The first of `count` command slots free for the caller, after a call that applies the
// commands written so far when they do not fit. The slots become the engine's only when the
// caller moves the count past them (a commit).
function commandRoom(count) {
  if (ring[COMMAND_COUNT] > COMMAND_CAPACITY - count) fastRefill();
  return COMMANDS + ring[COMMAND_COUNT];
}

// A one-slot command on the node `id` that enqueues no job.
function command(id, op) {
  const slot = commandRoom(1);
  ring[slot] = (id << OP_BITS) | op;
  ring[COMMAND_COUNT] = slot - COMMANDS + 1;
}

// Frees the node `id`: it is never handed out again while JS may still hold it.
function discardLater(id) {
  command(id, DISCARD);
}

// Fulfils the pending node `id`, whose reactions JS runs at once instead of queuing their
// jobs (Bluebird's async-guaranteed promises): they are unlinked, and no job is enqueued.
function deliverLater(id) {
  command(id, DELIVER);
}

// Makes the node `target` a reaction of the pending node `parent`, as `then` on a pending
// promise does.
function linkLater(parent, target) {
  const slot = commandRoom(2);
  ring[slot] = (target << OP_BITS) | LINK;
  ring[slot + 1] = parent;
  ring[COMMAND_COUNT] = slot - COMMANDS + 2;
}

// Every reaction of the pending node `from` moves to the end of `to`'s, and `from` is freed
// (core.js, handOverFollowers): a link with the TRANSFER bit.
function transferLater(from, to) {
  const slot = commandRoom(2);
  ring[slot] = (from << OP_BITS) | LINK;
  ring[slot + 1] = to | TRANSFER;
  ring[COMMAND_COUNT] = slot - COMMANDS + 2;
}

// A pending node for a promise that needs one, made ahead by the engine: no call, except when
// the spares have run out (any call tops them up).
function takeNode() {
  let count = ring[SPARE_COUNT];
  if (count === 0) {
    fastRefill();
    count = ring[SPARE_COUNT];
    if (count === 0) throw new Error(messages.TOO_MANY_PROMISES);
    if (ring[SPARES + count - 1] > compactFrom && !compactionArmed) armCompaction();
  }
  count--;
  ring[SPARE_COUNT] = count;
  return ring[SPARES + count];
}

// ---- giving memory back ------------------------------------------------------------------
//
// A burst of promises grows the engine's nodes and the tables by node id (here and in core.js
// and roots.js), and the JS job queue; nothing shrinks them as the burst's promises go. Once
// ids past `compactFrom` are handed out, a host timer (unref'd) is armed; when it fires with
// no job queued, the engine gives back the ids past its last live node (src/engine/slab.rs,
// compact) and answers how many ids it still spans: the tables by id are cut to that, and an
// empty job queue that a burst made long is made small again. While jobs are queued, it waits
// another period.
const COMPACT_FROM = 1 << 17; // the engine keeps 2^16 ids however empty
const COMPACT_DELAY_MS = 100;
let compactFrom = COMPACT_FROM;
let compactionArmed = false;
const compactionListeners = [];

function armCompaction() {
  compactionArmed = true;
  hostTimers.setTimeout(compactWhenIdle, COMPACT_DELAY_MS).unref();
}

function compactWhenIdle() {
  if (size !== 0) {
    hostTimers.setTimeout(compactWhenIdle, COMPACT_DELAY_MS).unref();
    return;
  }
  compactionArmed = false;
  let space;
  try {
    space = runtime.compact();
  } catch (error) {
    return; // a refused command in the ring: the call that meets it next reports it
  }
  compactFrom = Math.max(COMPACT_FROM, space);
  if (capacity > 16 * INITIAL_CAPACITY) emptyJobArrays();
  for (let i = 0; i < compactionListeners.length; i++) compactionListeners[i](space);
}

// `fn(space)` runs after each compaction: no node id is `space` or more.
function onCompaction(fn) {
  compactionListeners.push(fn);
}

// ---- commits: a command and its staged entries, made visible together -------------------
//
// Each takes its command room first (the only call), then only stores.

// Settles the pending node `id` with `state` (JOB_FULFILL / JOB_REJECT: the states are the
// kinds), for a caller that knows the outcome: its `count` reactions, whose entries are
// staged in the engine's order, become jobs. No unhandled rejection (the node has reactions,
// or is fulfilled). The jobs reach the ring at the next call.
function commitSettle(id, state, count, drained) {
  const slot = commandRoom(1);
  const entry = (head + size) & mask;
  owe(entry, count, drained);
  ring[slot] = (id << OP_BITS) | state;
  ring[COMMAND_COUNT] = slot - COMMANDS + 1;
  size += count;
}

// The staged entry's job: a reaction of the node `id` on a promise settled with `state` and
// no node, as `then` on it does.
function commitEnqueue(id, state, drained) {
  const slot = commandRoom(1);
  const entry = (head + size) & mask;
  if (CHECKING) expectations[entry] = expectedJob(id, state);
  owe(entry, 1, drained);
  ring[slot] = (id << OP_BITS) | (ENQUEUE + state);
  ring[COMMAND_COUNT] = slot - COMMANDS + 1;
  size += 1;
}

// The staged entry's job by index (at most MAX_ELEMENT_INDEX), with no node: a collection's
// element `index`, or (index 0) a target that waits with no node. Its promise settled with
// `state` and has no node. The job comes back with the index in place of a node.
function commitElement(index, state, drained) {
  const slot = commandRoom(2);
  const entry = (head + size) & mask;
  if (CHECKING) expectations[entry] = (index << OP_BITS) | (state === JOB_FULFILL ? JOB_ELEMENT_FULFILLED : JOB_ELEMENT_REJECTED);
  owe(entry, 1, drained);
  ring[slot] = (index << OP_BITS) | ELEMENT;
  ring[slot + 1] = state;
  ring[COMMAND_COUNT] = slot - COMMANDS + 2;
  size += 1;
}

// ---- calls that enqueue: the entries are staged before, committed after -----------------

// A reaction of `target` (0: a new node) on `parent`, a settled node (an unhandled rejection),
// with its entry staged. Returns the target's node, with WAS_UNHANDLED set when the parent was
// an unhandled rejection until now.
function callThen(parent, state, target, drained) {
  const entry = (head + size) & mask;
  owe(entry, 1, drained);
  ring[ARG0] = parent;
  ring[ARG1] = state;
  ring[ARG2] = target;
  fastThen();
  const answer = ring[RESULT];
  if (CHECKING) expectations[entry] = expectedJob(answer & ID_MASK, state);
  size += 1;
  return answer;
}

// Resolves `target` (0: a new node) to a thenable and enqueues its thenable job, whose entry
// is staged; returns its node.
function callLock(target, drained) {
  const entry = (head + size) & mask;
  owe(entry, 1, drained);
  ring[ARG0] = target;
  fastLock();
  const id = ring[RESULT];
  if (CHECKING) expectations[entry] = expectedJob(id, JOB_THENABLE);
  size += 1;
  return id;
}

// Cancels the pending node `id` (kept when a job of its own is still due); its reactions,
// whose `count` entries are staged, become reject jobs.
function callCancel(id, keep, count, drained) {
  const entry = (head + size) & mask;
  owe(entry, count, drained);
  const jobs = runtime.cancel(id, keep);
  if (jobs !== count) throw lockstepError(messages.lockstepCount(jobs, count));
  size += count;
}

// ---- calls that enqueue nothing ---------------------------------------------------------

// Settles a pending node with no reactions: tracked as unhandled when rejected. Returns
// `jobs << 1 | unhandled` (no jobs: it has no reactions).
function settle(id, state) {
  ring[ARG0] = id;
  ring[ARG1] = state;
  fastSettle();
  return ring[RESULT];
}

// A node for a promise rejected before anything observed it, tracked as unhandled.
function rejectUnobserved() {
  fastRejectUnobserved();
  return ring[RESULT];
}

// ---- taking jobs ------------------------------------------------------------------------

let ringHead = 0;

// Takes the next job from both halves at once: returns its word `node << OP_BITS | kind`
// (for a job by index, the index in place of the node); its entry, read before with the
// peeks, is cleared, so that nothing outlives its job.
function takeJob() {
  if (size === 0) throw lockstepError(messages.LOCKSTEP_NO_ENTRY);
  if (ringHead === ring[TAIL]) {
    fastRefill();
    if (ringHead === ring[TAIL]) throw lockstepError(messages.LOCKSTEP_NO_JOB);
  }
  const slot = JOB_SLOTS + ((ringHead & (RING_JOBS - 1)) << 1);
  const word = (ring[slot + 1] << OP_BITS) | ring[slot];
  if (CHECKING) checkEntry(word);
  ringHead = (ringHead + 1) & COUNTER_MASK;
  ring[HEAD] = ringHead;
  targets[head] = undefined;
  values[head] = undefined;
  extras[head] = undefined;
  head = (head + 1) & mask;
  size--;
  return word;
}

// Core's check of a job whose node JS did not know (an element's): (word, target) -> bool.
let ownerCheck = null;

function setOwnerCheck(fn) {
  ownerCheck = fn;
}

function checkEntry(word) {
  const expected = expectations[head];
  const target = targets[head];
  const matches = expected >= 0
    ? expected === word
    : (word & KIND_MASK) === -expected && (ownerCheck === null || ownerCheck(word, target));
  if (matches) return;
  const expectedNode = expected < 0 ? -1 : expected >>> OP_BITS;
  const expectedKind = expected < 0 ? -expected : expected & KIND_MASK;
  throw lockstepError(messages.lockstepMismatch(word >>> OP_BITS, word & KIND_MASK, expectedNode, expectedKind));
}

// The engine and JS disagree about the queue: a bug in ferrobird, never the user's. Once
// seen, every later job is suspect, so the runtime stops (core.js reports it and refuses to
// run more jobs).
function lockstepError(detail) {
  const error = new Error(messages.LOCKSTEP + detail);
  error.code = 'FERROBIRD_LOCKSTEP';
  return error;
}

module.exports = {
  onCompaction,
  compactWhenIdle,
  // Calls and commands that enqueue no job.
  settle,
  rejectUnobserved,
  refill: fastRefill,
  discardLater,
  deliverLater,
  takeNode,
  linkLater,
  transferLater,
  cancel: runtime.cancel,
  discard: runtime.discard,
  release: runtime.release,
  // Enqueuing: reserve, stage, then one commit.
  reserveJobs,
  stageJob,
  stageOne,
  expectedJob,
  commitSettle,
  commitEnqueue,
  commitElement,
  callThen,
  callLock,
  callCancel,
  owed,
  // Taking.
  takeJob,
  peekExtra,
  peekTarget,
  peekValue,
  jobCount,
  setOwnerCheck,
  CHECKING,
  QUIET,
  OP_BITS,
  KIND_MASK,
  JOB_FULFILL,
  JOB_REJECT,
  JOB_THENABLE,
  JOB_ELEMENT_FULFILLED,
  JOB_ELEMENT_REJECTED,
  WAS_UNHANDLED,
  ID_MASK,
  MAX_ELEMENT_INDEX,
  // For debug.js, tests and benchmarks.
  hasReactions: runtime.hasReactions,
  create: runtime.create,
  stats: runtime.stats,
};
