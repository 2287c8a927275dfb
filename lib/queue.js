'use strict';
// The JS half of the job queue: the arguments of queued jobs, in the Rust queue's order.
//
// Rust keeps the jobs (kind, target id); values and thenables stay here, where V8 traces
// them. Every operation that makes the engine enqueue jobs pushes that many arguments, so the
// two queues move in lockstep. A ring of two parallel arrays, doubled when full.

let capacity = 1024;
let mask = capacity - 1;
let values = new Array(capacity);
let extras = new Array(capacity);
let head = 0;
let size = 0;

function grow() {
  const nextValues = new Array(capacity * 2);
  const nextExtras = new Array(capacity * 2);
  for (let i = 0; i < size; i++) {
    const from = (head + i) & mask;
    nextValues[i] = values[from];
    nextExtras[i] = extras[from];
  }
  values = nextValues;
  extras = nextExtras;
  head = 0;
  capacity *= 2;
  mask = capacity - 1;
}

function push(value, extra) {
  if (size === capacity) grow();
  const slot = (head + size) & mask;
  values[slot] = value;
  extras[slot] = extra;
  size++;
}

// The extra of the job at the head; read it before shift().
function peekExtra() {
  return extras[head];
}

function shift() {
  const value = values[head];
  values[head] = undefined;
  extras[head] = undefined;
  head = (head + 1) & mask;
  size--;
  return value;
}

function length() {
  return size;
}

module.exports = { push, shift, peekExtra, length };
