'use strict';
// The ESM entries, through the package's own `exports` (a package may import itself by
// name): the default export, the named error classes, and the Q and RSVP subpaths.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function runModule(source) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8' });
  assert.strictEqual(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('import Promise from "ferrobird" is the CommonJS export; error classes are named exports', () => {
  const out = runModule(`
import Promise, { TimeoutError, CancellationError, OperationalError, AggregateError, Promise as Named } from 'ferrobird';
import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)('ferrobird');
const value = await Promise.delay(1, 'v');
const timedOut = await new Promise(() => {}).timeout(1).catch((e) => e instanceof TimeoutError);
console.log(JSON.stringify([Promise === required, Named === Promise, value, timedOut,
  CancellationError === Promise.CancellationError, OperationalError === Promise.OperationalError, AggregateError === Promise.AggregateError]));`);
  assert.deepStrictEqual(out, [true, true, 'v', true, true, true, true]);
});

test('ferrobird/es imports as ESM, default and named', () => {
  const out = runModule(`
import EsPromise, { Promise as Named } from 'ferrobird/es';
import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)('ferrobird/es');
const value = await EsPromise.all([EsPromise.resolve(1), 2]);
console.log(JSON.stringify([EsPromise === required, Named === EsPromise, value, EsPromise === globalThis.Promise]));`);
  assert.deepStrictEqual(out, [true, true, [1, 2], false]);
});

test('ferrobird/q and ferrobird/rsvp import as ESM', () => {
  const out = runModule(`
import Q, { defer } from 'ferrobird/q';
import RSVP, { Promise as RSVPPromise, hash } from 'ferrobird/rsvp';
const d = defer();
d.resolve(1);
const a = await Q.all([d.promise, Q(2)]);
const h = await hash({ x: RSVP.resolve(3) });
console.log(JSON.stringify([a, h, typeof RSVPPromise, RSVPPromise === RSVP.Promise]));`);
  assert.deepStrictEqual(out, [[1, 2], { x: 3 }, 'function', true]);
});
