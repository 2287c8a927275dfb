'use strict';
// The boundary: misuse of the engine's entry points is a JS error, never a crash or a panic
// escaping into Node.

const test = require('node:test');
const assert = require('node:assert');
const binding = require('../lib/binding');
// The hot entry points take their arguments through the ring of engine.js's runtime.
const engine = require('../lib/engine');

const engineError = /ferrobird engine/;

test('settling an unknown node throws an Error', () => {
  assert.throws(() => engine.settle(0x3fffffff, 1), engineError);
});

test('an unknown state is refused', () => {
  const id = engine.create();
  assert.throws(() => engine.settle(id, 7), engineError);
  assert.throws(() => engine.settle(id, 0), engineError);
  engine.release(id);
});

// A refused call that would have enqueued a job commits nothing of its JS half either.
test('a node cannot wait on itself, nor settle twice', () => {
  const id = engine.create();
  const entries = engine.jobCount();
  assert.throws(() => engine.callThen(id, 0, id), engineError);
  assert.strictEqual(engine.jobCount(), entries);
  engine.settle(id, 1);
  assert.throws(() => engine.settle(id, 1), engineError);
});

test('arguments of the wrong type are errors from the glue', () => {
  assert.throws(() => engine.release('x'), Error);
  assert.throws(() => engine.cancel({}, 1), Error);
  assert.throws(() => engine.cancel(1), Error);
  assert.throws(() => binding.createRuntime({}, 3), Error);
  assert.throws(() => binding.createRuntime(4095, 1024, 64), /ring sizes out of range/);
  assert.throws(() => binding.createRuntime(4096, 1, 64), /ring sizes out of range/);
});

test('each runtime has an engine of its own', () => {
  const other = binding.createRuntime(16, 8, 4);
  const id = other.create();
  assert.strictEqual(other.hasReactions(id), false);
  assert.strictEqual(other.stats()[0], 1, 'the other runtime counts its own node only');
  const before = engine.stats()[0];
  other.release(id);
  assert.strictEqual(engine.stats()[0], before);
  assert.strictEqual(other.stats()[0], 0);
});

test('the layout comes from the binding and matches the ring', () => {
  const { layout, buffer } = binding.createRuntime(16, 8, 4);
  assert.strictEqual(layout.JOBS, 16);
  assert.strictEqual(layout.COMMAND_CAPACITY, 8);
  assert.strictEqual(layout.SPARE_CAPACITY, 4);
  assert.strictEqual(layout.SPARE_COUNT, layout.COMMANDS + 8);
  assert.strictEqual(buffer.byteLength, (layout.JOB_SLOTS + 2 * 16) * 4);
  assert.strictEqual(new Int32Array(buffer)[layout.SPARE_COUNT], 4, 'the spares are made at once');
});

// Non-integers written to the ring's argument slots arrive as 0 or wrapped ids: refused, never
// a crash.
test('the raw entry points refuse garbage arguments', () => {
  assert.throws(() => engine.settle('x', {}), engineError);
  assert.throws(() => engine.settle(-1, 1), engineError);
  assert.throws(() => engine.callThen(-5, 1, 0), engineError);
  // A pending parent with no node: the runtime links such a parent by a ring command, on a
  // spare node; the call refuses it.
  assert.throws(() => engine.callThen(0, 0, 0), engineError);
  assert.throws(() => engine.callLock(0x3ffffff0), engineError);
  assert.strictEqual(engine.jobCount(), 0, 'no entry was committed for a refused call');
});

test('the raw entry points take no arguments: the ring slots are what counts', () => {
  const runtime = binding.createRuntime(16, 8, 4);
  const ring = new Int32Array(runtime.buffer);
  ring[runtime.layout.ARG0] = 0x3fffffff;
  ring[runtime.layout.ARG0 + 1] = 1;
  assert.throws(() => runtime.settle(1, 1), engineError);
});

test('the engine keeps working after refused calls', async () => {
  const P = require('..');
  assert.strictEqual(await P.resolve(41).then((v) => v + 1), 42);
});

// The ring's memory is Rust's: JS sees it through an external ArrayBuffer whose finalizer
// holds the runtime. Detaching or transferring the buffer (ArrayBuffer#transfer on Node 22+,
// structuredClone or postMessage with a transfer list) leaves Rust writing to live memory.
test('detaching or transferring the ring buffer leaves the engine writing to live memory', async () => {
  const runtime = binding.createRuntime(16, 8, 4);
  const { layout } = runtime;
  let buffer = runtime.buffer;
  let moved = null;
  if (typeof ArrayBuffer.prototype.transfer === 'function') moved = buffer.transfer();
  else {
    try {
      moved = structuredClone(buffer, { transfer: [buffer] });
    } catch (error) {
      moved = null; // refused: the buffer stays where it was
    }
  }
  // Rust writes through its own pointer. Where the buffer was really detached (Node 22+), the
  // transferred one shows the same memory: the spare count Rust writes after the transfer.
  const ids = [runtime.create(), runtime.create(), runtime.create()];
  const detached = buffer.byteLength === 0;
  let taken = 0;
  if (detached) {
    // Take one spare node through the transferred buffer, as JS takes them; Rust tops it up.
    const slots = new Int32Array(moved);
    slots[layout.SPARE_COUNT] = layout.SPARE_CAPACITY - 1;
    taken = 1;
    runtime.refill();
    assert.strictEqual(slots[layout.SPARE_COUNT], layout.SPARE_CAPACITY);
  }
  buffer = null;
  moved = null;
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Every buffer JS had is gone: the engine still works, and writes its ring, in memory the
  // runtime keeps.
  for (let i = 0; i < 1000; i++) runtime.refill();
  assert.strictEqual(runtime.stats()[0], 3 + taken, 'the nodes made and taken above, and no more');
  for (const id of ids) runtime.release(id);
  assert.strictEqual(runtime.stats()[0], taken);
});

// V8's frame builtins are looked up in the process's symbols (src/binding/async_context.rs)
// only where Node can have async context frames: Node 24+ without --no-async-context-frame,
// Node 22 with --experimental-async-context-frame. Counted by wrapping the binding's call.
test('the V8 lookup runs only where Node can have async context frames', () => {
  const { spawnSync } = require('node:child_process');
  const path = require('node:path');
  const root = path.resolve(__dirname, '..');
  const lookups = (flags) => {
    const child = spawnSync(process.execPath, [...flags, '-e', `
const binding = require(${JSON.stringify(path.join(root, 'lib', 'binding'))});
const lookup = binding.asyncContextFrameAccessors;
let calls = 0;
binding.asyncContextFrameAccessors = function () { calls++; return lookup.apply(this, arguments); };
require(${JSON.stringify(root)});
console.log(calls);`], { encoding: 'utf8' });
    assert.strictEqual(child.status, 0, child.stderr);
    return Number(child.stdout.trim());
  };
  const major = Number(process.versions.node.split('.')[0]);
  assert.strictEqual(lookups([]), major >= 24 ? 1 : 0);
  if (major >= 24) assert.strictEqual(lookups(['--no-async-context-frame']), 0);
  if (major === 22) assert.strictEqual(lookups(['--experimental-async-context-frame']), 1);
});

// The lookup trusts only V8 methods from the object that exports Node-API (dladdr): a shim
// preloaded in front of dlsym (helpers/dlsym-shim.c) hands it functions of its own, which the
// binding must refuse, answering null, and the library then works without frames. Before the
// check, the process died of a segmentation fault.
test('V8 methods found under their names elsewhere than in Node are refused, never called', (t) => {
  const { spawnSync } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  if (process.platform !== 'linux' || process.report.getReport().header.glibcVersionRuntime === undefined) {
    t.skip('needs Linux with glibc (the shim interposes glibc\'s dlsym)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-shim-'));
  const shim = path.join(dir, 'dlsym-shim.so');
  const compiled = spawnSync('cc', ['-shared', '-fPIC', '-o', shim, path.join(__dirname, 'helpers', 'dlsym-shim.c'), '-ldl'], { encoding: 'utf8' });
  if (compiled.error || compiled.status !== 0) {
    t.skip(`no C compiler to build the shim (${compiled.error ? compiled.error.code : compiled.stderr.trim()})`);
    return;
  }
  const root = path.resolve(__dirname, '..');
  const child = spawnSync(process.execPath, ['-e', `
const binding = require(${JSON.stringify(path.join(root, 'lib', 'binding'))});
const accessors = binding.asyncContextFrameAccessors();
require(${JSON.stringify(root)}).resolve(41).then((v) => console.log(JSON.stringify([accessors, v + 1])));`], {
    encoding: 'utf8',
    env: { ...process.env, LD_PRELOAD: shim },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.strictEqual(child.signal, null, `the process died of ${child.signal}`);
  assert.strictEqual(child.status, 0, child.stderr);
  assert.deepStrictEqual(JSON.parse(child.stdout), [null, 42]);
});
