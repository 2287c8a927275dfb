'use strict';
// lib/engine.js's job queue: the engine's half (kind, node) and JS's half (target, argument,
// extra) must come out together, in order, through growth while wrapped around, and an
// enqueue that throws before its commit must leave no trace. Only this file drives the
// module on its own (node --test runs each file in its own process), so no promise shares
// its runtime; the check mode is tried in child processes.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const engine = require('../lib/engine');

const FULFILLED = engine.JOB_FULFILL;

// Commits `count` element jobs by index, numbered from `from`.
function commitElements(from, count) {
  for (let i = 0; i < count; i++) {
    const n = from + i;
    engine.reserveJobs(1);
    engine.stageJob(0, { n }, `v${n}`, n % 7, 0);
    engine.commitElement(n, FULFILLED);
  }
}

function take(count) {
  const seen = [];
  for (let i = 0; i < count; i++) {
    const target = engine.peekTarget();
    const value = engine.peekValue();
    const extra = engine.peekExtra();
    const word = engine.takeJob();
    seen.push([word >>> engine.OP_BITS, word & ((1 << engine.OP_BITS) - 1), target.n, value, extra]);
  }
  return seen;
}

const expected = (from, count) => Array.from({ length: count }, (_, i) => {
  const n = from + i;
  return [n, engine.JOB_ELEMENT_FULFILLED, n, `v${n}`, n % 7];
});

test('both halves come out together and in order after growing while wrapped around', () => {
  // 1024 JS slots and 4096 ring jobs to start with: 700 in, 500 out, then 5300 more wrap
  // around both and make the JS half grow three times with its head in the middle.
  commitElements(0, 700);
  assert.deepStrictEqual(take(500), expected(0, 500));
  commitElements(700, 5300);
  assert.strictEqual(engine.jobCount(), 5500);
  assert.deepStrictEqual(take(5500), expected(500, 5500));
  assert.strictEqual(engine.jobCount(), 0);
});

test('entries staged and never committed are invisible, and the next commit replaces them', () => {
  engine.reserveJobs(3);
  engine.stageJob(0, { n: 'lost' }, 'lost', 1, 0);
  engine.stageJob(1, { n: 'lost too' }, 'lost', 1, 0);
  // (the commit never comes: a throw between stage and commit)
  assert.strictEqual(engine.jobCount(), 0);
  assert.strictEqual(engine.peekExtra(), undefined);
  commitElements(42, 1);
  assert.deepStrictEqual(take(1), expected(42, 1));
  assert.throws(() => engine.takeJob(), /out of lockstep: a job with no JS entry/);
});

test('a settle commits one entry per reaction, in the order of the links', () => {
  const parent = engine.create();
  const a = engine.create();
  const b = engine.create();
  engine.linkLater(parent, a);
  engine.linkLater(parent, b);
  engine.reserveJobs(2);
  engine.stageJob(0, { n: 'a' }, 'x', 2, engine.expectedJob(a, FULFILLED));
  engine.stageJob(1, { n: 'b' }, 'x', undefined, engine.expectedJob(b, FULFILLED));
  engine.commitSettle(parent, FULFILLED, 2);
  assert.deepStrictEqual(take(2), [[a, FULFILLED, 'a', 'x', 2], [b, FULFILLED, 'b', 'x', undefined]]);
  engine.discardLater(a);
  engine.discardLater(b);
});

// A queue whose JS half names the wrong node: the check mode stops at the first job, with the
// internal error; without it the job is handed over (the desync this mode exists to catch).
const desync = `
  const engine = require(${JSON.stringify(require.resolve('../lib/engine'))});
  const parent = engine.create();
  const reaction = engine.create();
  engine.linkLater(parent, reaction);
  engine.reserveJobs(1);
  engine.stageJob(0, {}, 'x', 1, engine.expectedJob(reaction + 1, engine.JOB_FULFILL));
  engine.commitSettle(parent, engine.JOB_FULFILL, 1);
  try {
    engine.takeJob();
    console.log('taken');
  } catch (error) {
    console.log(error.code, error.message);
  }
`;

function runDesync(check) {
  const env = { ...process.env, FERROBIRD_CHECK: check };
  const child = spawnSync(process.execPath, ['-e', desync], { env, encoding: 'utf8' });
  assert.strictEqual(child.status, 0, child.stderr);
  return child.stdout.trim();
}

test('the check mode stops at the first job whose node is not the one its entry expects', () => {
  const out = runDesync('1');
  assert.match(out, /^FERROBIRD_LOCKSTEP ferrobird internal error, please report it: the job queue is out of lockstep/);
  assert.match(out, /handed back kind 1 on node (\d+) where the entry expects kind 1 on node (\d+)/);
  assert.strictEqual(runDesync('0'), 'taken');
});
