'use strict';
// Long stack traces, built as Bluebird 3.7 builds them (its debuggability.js), so that a trace
// has Bluebird's sections ("From previous event:") and frames:
//
// - Each promise gets a CapturedTrace when it is created. Its parent is the trace of the
//   *context*: the promise on whose behalf user code is running (a handler's promise, an
//   executor's, a collection's result while its callback runs, a coroutine's).
// - An error that starts a rejection gets its promise's trace chain appended to its stack:
//   each trace cleaned of ferrobird's frames, the frames each section shares with the next one
//   (their common root) left out, duplicate and empty sections dropped. A synchronous
//   rejection (an executor's, `Promise.reject`) starts from the parent trace: the error's own
//   stack already shows where it happened. An error is extended once: `__stackCleaned__`
//   marks it, as Bluebird does.
//
// Unlike Bluebird, Node's internal frames are left out too: handlers run from microtasks here
// and from `setImmediate` there, so those frames would differ anyway.

const path = require('path');

const OWN_LIB = path.join(__dirname, path.sep);
const OWN_INDEX = path.join(__dirname, '..', 'index.js');
const FRAME = /^\s*at\s*/;
const NO_STACK = '    (No stack trace)';
const PREVIOUS_EVENT = 'From previous event:';
// Bluebird's bound on a chain of traces; beyond it, repeated sections (a loop of promises)
// are cut out.
const MAX_LENGTH = 32;
// Frames a capture takes beyond Error.stackTraceLimit, for the library's own ones.
const EXTRA_FRAMES = 6;

function isIgnoredFrame(line) {
  return line.includes(OWN_LIB) || line.includes(OWN_INDEX) || line.includes('(node:') || line.includes(' at node:');
}

function CapturedTrace(parent) {
  this._parent = parent;
  this._length = 1 + (parent === undefined ? 0 : parent._length);
  Error.stackTraceLimit += EXTRA_FRAMES;
  Error.captureStackTrace(this, CapturedTrace);
  Error.stackTraceLimit -= EXTRA_FRAMES;
  if (this._length > MAX_LENGTH) uncycle(this);
}

// Cuts a chain that repeats a trace (a promise loop) down to one pass through the loop.
function uncycle(trace) {
  let length = trace._length;
  if (length < 2) return;
  const nodes = [];
  const stackToIndex = new Map();
  for (let node = trace; node !== undefined; node = node._parent) nodes.push(node);
  length = trace._length = nodes.length;
  for (let i = length - 1; i >= 0; --i) {
    if (!stackToIndex.has(nodes[i].stack)) stackToIndex.set(nodes[i].stack, i);
  }
  for (let i = 0; i < length; ++i) {
    const index = stackToIndex.get(nodes[i].stack);
    if (index === undefined || index === i) continue;
    if (index > 0) {
      nodes[index - 1]._parent = undefined;
      nodes[index - 1]._length = 1;
    }
    nodes[i]._parent = undefined;
    nodes[i]._length = 1;
    const cycleEdge = i > 0 ? nodes[i - 1] : trace;
    if (index < length - 1) {
      cycleEdge._parent = nodes[index + 1];
      uncycle(cycleEdge._parent);
      cycleEdge._length = cycleEdge._parent._length + 1;
    } else {
      cycleEdge._parent = undefined;
      cycleEdge._length = 1;
    }
    let childLength = cycleEdge._length + 1;
    for (let j = i - 2; j >= 0; --j) nodes[j]._length = childLength++;
    return;
  }
}

function cleanStack(lines) {
  const frames = [];
  for (const line of lines) {
    if ((line === NO_STACK || FRAME.test(line)) && !isIgnoredFrame(line)) frames.push(line);
  }
  return frames;
}

// The error's message line(s) and its frames.
function parseStackAndMessage(error) {
  const stack = error.stack;
  const message = error.toString();
  if (typeof stack !== 'string' || stack.length === 0) return { message, frames: [NO_STACK] };
  let lines = stack.replace(/\s+$/g, '').split('\n');
  const first = lines.findIndex((line) => line === NO_STACK || FRAME.test(line));
  if (first > 0 && error.name !== 'SyntaxError') lines = lines.slice(first);
  return { message, frames: error.name === 'SyntaxError' ? lines : cleanStack(lines) };
}

// Each section loses the frames at its end that the next section ends with too.
function removeCommonRoots(sections) {
  let current = sections[0];
  for (let i = 1; i < sections.length; ++i) {
    const previous = sections[i];
    const lastLine = current[current.length - 1];
    const meet = previous.lastIndexOf(lastLine);
    for (let j = meet; j >= 0 && current.length > 0 && current[current.length - 1] === previous[j]; --j) {
      current.pop();
    }
    current = previous;
  }
}

function removeDuplicateOrEmptyJumps(sections) {
  for (let i = 0; i < sections.length; ++i) {
    if (sections[i].length === 0 || (i + 1 < sections.length && sections[i][0] === sections[i + 1][0])) {
      sections.splice(i, 1);
      i--;
    }
  }
}

function setHidden(error, name, value) {
  Object.defineProperty(error, name, { value, configurable: true, enumerable: false, writable: true });
}

// Bluebird's canAttachTrace: an error whose `stack` can be written.
function canAttachTrace(value) {
  if (!(value instanceof Error) && !(value !== null && typeof value === 'object' && typeof value.message === 'string' && typeof value.name === 'string')) {
    return false;
  }
  const descriptor = Object.getOwnPropertyDescriptor(value, 'stack');
  return descriptor === undefined || descriptor.writable === true || descriptor.set !== undefined;
}

function attachTraceChain(trace, error) {
  uncycle(trace);
  const { message, frames } = parseStackAndMessage(error);
  const sections = [frames];
  for (let node = trace; node !== undefined; node = node._parent) sections.push(cleanStack(node.stack.split('\n')));
  removeCommonRoots(sections);
  removeDuplicateOrEmptyJumps(sections);
  const text = sections.map((lines) => lines.join('\n')).join('\n' + PREVIOUS_EVENT + '\n');
  setHidden(error, 'stack', message + '\n' + text);
  setHidden(error, '__stackCleaned__', true);
}

// The state of long stack traces: each promise's trace, and the stack of contexts.
function createLongStackTraces() {
  const traces = new WeakMap();
  const contexts = [];

  function peekContext() {
    return contexts.length === 0 ? undefined : contexts[contexts.length - 1];
  }

  function traceOf(promise) {
    let trace = traces.get(promise);
    if (trace === undefined) {
      trace = new CapturedTrace(peekContext());
      traces.set(promise, trace);
    }
    return trace;
  }

  return {
    // A promise was created (its trace may exist already: an executor's context made it).
    created(promise) {
      traceOf(promise);
    },

    // User code starts running on behalf of `promise`; null: it has returned.
    context(promise) {
      if (promise === null) contexts.pop();
      else contexts.push(traceOf(promise));
    },

    // `error` starts the rejection of `promise`; `synchronous`: the error's own stack shows
    // where (see above).
    attach(promise, error, synchronous) {
      if (!canAttachTrace(error)) return;
      let trace = traces.get(promise);
      if (trace !== undefined && synchronous) trace = trace._parent;
      if (trace !== undefined) {
        if (error.__stackCleaned__) return;
        attachTraceChain(trace, error);
      } else if (!error.__stackCleaned__) {
        const { message, frames } = parseStackAndMessage(error);
        setHidden(error, 'stack', message + '\n' + frames.join('\n'));
        setHidden(error, '__stackCleaned__', true);
      }
    },

    // A fulfilled promise that others wait on needs its trace no more; dropping it matters,
    // since a trace's frames keep the objects they were called on (earlier promises of the
    // chain, with their values) alive. Bluebird drops it at the same point.
    forget(promise) {
      traces.delete(promise);
    },

    // The first user frame of where `promise` was created, for warnings.
    whereCreated(promise) {
      const trace = traces.get(promise);
      return trace === undefined ? undefined : cleanStack(trace.stack.split('\n'))[0];
    },

    reset() {
      contexts.length = 0;
    },
  };
}

module.exports = { createLongStackTraces, EXTRA_FRAMES };
