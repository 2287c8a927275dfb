'use strict';
// The async context frame: on Node 24 and later, where `AsyncLocalStorage` keeps its stores
// in one frame that V8 carries with each native promise reaction, ferrobird's handlers run in
// the frame of the call that attached them, as native promises' do (handlers.js, core.js).
//
// V8's own builtins read and set the frame (the binding finds them, src/binding/
// async_context.rs). Whether `AsyncLocalStorage` uses the frame is seen, not guessed from the
// version: a store entered by `run` must show in the frame, and entering that frame must show
// the store. Elsewhere (Node 20 and 22, `--no-async-context-frame`, a platform whose V8 API
// the binding cannot reach) this is null, and `Promise.config({ asyncHooks: true })` gives
// the same at a higher cost. FERROBIRD_ASYNC_CONTEXT=0 leaves it off from the start (and a
// promise a field smaller); `Promise.config({ asyncContext: false })` turns it off later.

const { AsyncLocalStorage } = require('async_hooks');
const binding = require('./binding');

function probe() {
  const accessors =
    typeof binding.asyncContextFrameAccessors === 'function' ? binding.asyncContextFrameAccessors() : null;
  if (accessors === null) return null;
  const frame = accessors.get;
  const enterFrame = accessors.set;
  const storage = new AsyncLocalStorage();
  const outside = frame();
  let inside = outside;
  storage.run(true, () => {
    inside = frame();
  });
  if (inside === outside || inside === undefined) {
    enterFrame(outside);
    return null;
  }
  enterFrame(inside);
  const seen = storage.getStore();
  enterFrame(outside);
  return seen === true ? { frame, enterFrame } : null;
}

// Where Node can have the frame at all: 24 and later unless `--no-async-context-frame`, 22
// with `--experimental-async-context-frame`. Elsewhere the binding is not asked to look V8's
// builtins up (a lookup in the process's symbols, src/binding/async_context.rs).
function nodeMayHaveFrames() {
  const flags = process.execArgv.join(' ') + ' ' + (process.env.NODE_OPTIONS || '');
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return !/(^|\s)--no-(experimental-)?async-context-frame\b/.test(flags);
  return major === 22 && /(^|\s)--experimental-async-context-frame\b/.test(flags);
}

// `{ frame(), enterFrame(frame) }`, or null where handlers cannot keep their frame this way.
module.exports = process.env.FERROBIRD_ASYNC_CONTEXT === '0' || !nodeMayHaveFrames() ? null : probe();
