'use strict';
// Library copies (Promise.getNewLibraryCopy) are collected once dropped, with their
// prototypes and every lookup entry, and a copy's promises still adopt each other inside the
// engine. Run with --expose-gc.

const test = require('node:test');
const assert = require('node:assert');
const P = require('..');

const COPIES = 1e4;

async function collect() {
  for (let i = 0; i < 6; i++) {
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test(`${COPIES} dropped copies are collected, and the heap goes back to where it was`, async () => {
  await collect();
  const before = process.memoryUsage().heapUsed;
  const refs = [];
  for (let i = 0; i < COPIES; i++) {
    const Copy = P.getNewLibraryCopy();
    // Each copy is used: handlers registered, a thenable job run, an unhandled handler set.
    Copy.onPossiblyUnhandledRejection(() => {});
    await Copy.resolve(Copy.resolve(i)).then((v) => v);
    refs.push(new WeakRef(Copy));
  }
  await collect();
  const alive = refs.filter((ref) => ref.deref() !== undefined).length;
  assert.strictEqual(alive, 0, `${alive} of ${COPIES} copies are still reachable`);
  const grownMB = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.ok(grownMB < 4, `the heap grew by ${grownMB.toFixed(1)} MB`);
});

test('a copy adopts its own promises and treats the main export as a thenable', async () => {
  const Copy = P.getNewLibraryCopy();
  const own = Copy.resolve(Copy.delay(1, 'own'));
  assert.ok(own instanceof Copy);
  assert.strictEqual(await own, 'own');
  assert.strictEqual(await Copy.resolve(P.delay(1, 'main')), 'main');
  assert.strictEqual(await P.resolve(Copy.delay(1, 'copy')), 'copy');
});
