'use strict';
// AsyncLocalStorage: each handler runs in the context of the call that attached it, as native
// promises' do. By default where Node's AsyncLocalStorage runs on async context frames (Node
// 24+, lib/async-context.js); with `asyncHooks: true` everywhere.
//
// The ES scenarios (helpers/async-context-scenarios.js) run on native promises and on
// ferrobird, each in a process of its own, and must log the same; in Bluebird's timing, whose
// order of handlers differs from native by design, the same lines in any order. Bluebird's API
// has no native counterpart: each of its lines names the store it saw and the store of its
// call, which must be equal.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { inChild } = require('./helpers/in-child');

const root = path.resolve(__dirname, '..');
const scenarios = path.join(__dirname, 'helpers', 'async-context-scenarios.js');
const framesHere = require('../lib/async-context') !== null;
const NO_FRAMES =
  "this Node's AsyncLocalStorage does not run on async context frames (before Node 24, or " +
  '--no-async-context-frame): the default keeps Bluebird\'s behaviour, asyncHooks: true is tested below';

function results(library, set, env = {}) {
  const child = spawnSync(process.execPath, [scenarios, library, set], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  assert.strictEqual(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

const sorted = (results) => Object.fromEntries(Object.entries(results).map(([name, lines]) => [name, [...lines].sort()]));

// Bluebird's API: every line ends with the store seen and the store expected (a bound
// handler's line adds whether `this` was the receiver).
function assertCallersStores(results) {
  let lines = 0;
  for (const [name, logged] of Object.entries(results)) {
    for (const line of logged) {
      const parts = line.split(' ');
      if (parts[parts.length - 1] === 'true' || parts[parts.length - 1] === 'false') {
        assert.strictEqual(parts.pop(), 'true', `${name}: ${line}`);
      }
      const [seen, expected] = parts.slice(-2);
      assert.strictEqual(seen, expected, `${name}: ${line}`);
      lines++;
    }
  }
  assert.ok(lines >= 25, `the scenarios logged ${lines} lines`);
}

// The order is native's in the ES timing (`scheduling: 'es'`); in Bluebird's, the default,
// the contexts are the same and the order Bluebird's.
test('ES API in the ES timing: the same contexts as native promises, in the same order', { skip: !framesHere && NO_FRAMES }, () => {
  assert.deepStrictEqual(results(root, 'es', { FERROBIRD_SCHEDULING: 'es' }), results('native', 'es'));
});

test("ES API in Bluebird's timing, the default: the same contexts as native promises", { skip: !framesHere && NO_FRAMES }, () => {
  assert.deepStrictEqual(sorted(results(root, 'es')), sorted(results('native', 'es')));
});

test("Bluebird's API: collections, promisify, timers, coroutines see the context of their call", { skip: !framesHere && NO_FRAMES }, () => {
  assertCallersStores(results(root, 'bluebird'));
  assertCallersStores(results(root, 'bluebird', { FERROBIRD_SCHEDULING: 'es' }));
});

test('asyncContext: false gives the handlers the context of whoever settles the promise, as Bluebird', { skip: !framesHere && NO_FRAMES }, () => {
  const { out } = inChild('P', root, `
P.config({ asyncContext: false });
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
let open;
const gate = new P((resolve) => { open = resolve; });
als.run('A', () => gate.then(() => out.push(String(als.getStore()))));
als.run('B', () => setTimeout(() => open(), 1));
`);
  assert.deepStrictEqual(out, ['B']);
});

test("a batch run by the user's scheduler, inside the user's code, leaves the user's context as it was", { skip: !framesHere && NO_FRAMES }, () => {
  const { out } = inChild('P', root, `
P.setScheduler((drain) => drain());
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
let open;
const gate = new P((resolve) => { open = resolve; });
als.run('A', () => gate.then(() => out.push('handler ' + als.getStore())));
als.run('B', () => {
  open();
  out.push('after the batch ' + als.getStore());
});
`);
  assert.deepStrictEqual(out, ['handler A', 'after the batch B']);
});

test('asyncHooks: true keeps the contexts on every Node', () => {
  // The same scenarios, with the option set before they run (a -r module).
  const env = { NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} -r ${path.join(__dirname, 'helpers', 'async-hooks-on.js')}` };
  assert.deepStrictEqual(sorted(results(root, 'es', env)), sorted(results('native', 'es')));
  assertCallersStores(results(root, 'bluebird', env));
});
