'use strict';
// The JS half of the job queue: what each queued job needs besides its kind and node id, in
// the Rust queue's order: its target (the promise it settles, a GenericReaction, or an
// aggregate), its argument (a value, or a thenable) and an extra (a batch size, or a
// thenable's `then`).
//
// Rust keeps the jobs (kind, target id); objects stay here, where V8 traces them. Every
// operation that makes the engine enqueue jobs pushes that many entries, so the two queues move
// in lockstep. A ring of three parallel arrays, doubled when full.

let capacity = 1024;
let mask = capacity - 1;
let targets = slots(capacity);
let values = slots(capacity);
let extras = slots(capacity);
let head = 0;
let size = 0;

// An array of `length` undefined slots, of the elements kind that holds anything. A bare
// `new Array(n)` starts as holes for small integers and changes kind at the first object
// stored, after each grow, deoptimizing push() and its callers.
function slots(length) {
  return new Array(length).fill(undefined);
}

// Called only when full, so every slot is live: the copy unrolls the ring from `head` by
// builtins (slice, concat), not a JS loop, which TurboFan compiled several times over.
function unrolled(array) {
  return array.slice(head).concat(array.slice(0, head), slots(capacity));
}

function grow() {
  targets = unrolled(targets);
  values = unrolled(values);
  extras = unrolled(extras);
  head = 0;
  capacity *= 2;
  mask = capacity - 1;
}

function push(target, value, extra) {
  if (size === capacity) grow();
  const slot = (head + size) & mask;
  targets[slot] = target;
  values[slot] = value;
  extras[slot] = extra;
  size++;
}

// The extra of the job at the head; read it before shift().
function peekExtra() {
  return extras[head];
}

// The target of the job at the head; read it before shift().
function peekTarget() {
  return targets[head];
}

// Drops the job at the head; returns its argument.
function shift() {
  const value = values[head];
  targets[head] = undefined;
  values[head] = undefined;
  extras[head] = undefined;
  head = (head + 1) & mask;
  size--;
  return value;
}

function length() {
  return size;
}

module.exports = { push, shift, peekExtra, peekTarget, length };
