'use strict';
// The fallback ring: on a host that refuses external buffers (Electron builds with V8's
// sandbox), the ring lives in an ArrayBuffer the host owns, which the binding checks and
// attaches at every call (src/binding/runtime.rs, src/ring/mod.rs). FERROBIRD_HOST_RING=1
// takes that path on Node: the library must behave the same there, and a buffer detached
// under it must give an error, never a crash.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { rerunFiles } = require('./helpers/rerun-files');

const root = path.resolve(__dirname, '..');
const env = { ...process.env, FERROBIRD_HOST_RING: '1' };

test('with FERROBIRD_HOST_RING=1 the ring lives in host memory, and a detached ring is an error, not a crash', () => {
  const child = spawnSync(process.execPath, ['-e', `
const binding = require(${JSON.stringify(path.join(root, 'lib', 'binding'))});
const runtime = binding.createRuntime(16, 8, 4);
const before = runtime.create();
structuredClone(runtime.buffer, { transfer: [runtime.buffer] });
let error = null;
try { runtime.create(); } catch (e) { error = e.message; }
let hot = null;
try { runtime.refill(); } catch (e) { hot = e.message; }
console.log(JSON.stringify([runtime.ringMemory, typeof before, error, hot]));`], { encoding: 'utf8', env });
  assert.strictEqual(child.status, 0, child.stderr);
  const [memory, made, coldError, hotError] = JSON.parse(child.stdout);
  assert.strictEqual(memory, 'host');
  assert.strictEqual(made, 'number');
  assert.match(coldError, /detached/);
  assert.match(hotError, /detached/);
});

// Files that drive the engine hard: random programs against native and bluebird, faults at
// every depth, memory given back, collections.
const FILES = ['fuzz', 'differential', 'bluebird', 'faults', 'memory', 'scale'];

test(`${FILES.join(', ')}: pass with the ring in host memory`, () => rerunFiles(FILES, { FERROBIRD_HOST_RING: '1' }));
