'use strict';
// `require('ferrobird/es')`: ECMAScript's Promise. test262 checks it in full
// (conformance/test262/run.js); here, what test262 does not: its job order among native
// promises and `await` (the random programs of fuzz.test.js, against a native subclass),
// interop with every other flavour and native promises, and its independence from the main
// export's configuration.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { programsLogAsNative } = require('./helpers/differential');

const root = path.resolve(__dirname, '..');
const EsPromise = require('../es');
const Bluebirdish = require('..');
const Q = require('../q');
const RSVP = require('../rsvp');

const SEEDS = 200;

test(`${SEEDS} random programs log the same on ferrobird/es as on native`, () => programsLogAsNative(EsPromise, SEEDS));

// Each flavour's promise for a value, fulfilled now or later.
const MAKERS = {
  es: (v, later) => (later ? new EsPromise((r) => setTimeout(r, 1, v)) : EsPromise.resolve(v)),
  main: (v, later) => (later ? Bluebirdish.delay(1, v) : Bluebirdish.resolve(v)),
  q: (v, later) => (later ? Q.delay(v, 1) : Q(v)),
  rsvp: (v, later) => (later ? new RSVP.Promise((r) => setTimeout(r, 1, v)) : RSVP.resolve(v)),
  native: (v, later) => (later ? new Promise((r) => setTimeout(r, 1, v)) : Promise.resolve(v)),
};
// Each flavour's way to resolve with something.
const RESOLVERS = {
  es: (x) => EsPromise.resolve(x),
  main: (x) => Bluebirdish.resolve(x),
  q: (x) => Q(x),
  rsvp: (x) => RSVP.resolve(x),
  native: (x) => Promise.resolve(x),
};

test('ferrobird/es promises and the main export\'s, Q\'s, RSVP\'s and native ones resolve each other, every way', async () => {
  const checked = [];
  for (const [outer, resolveWith] of Object.entries(RESOLVERS)) {
    for (const [inner, make] of Object.entries(MAKERS)) {
      if (outer !== 'es' && inner !== 'es') continue;
      for (const later of [false, true]) {
        const value = `${outer}<${inner}${later ? ' later' : ''}>`;
        assert.strictEqual(await resolveWith(make(value, later)), value);
        const reason = new Error(value);
        const rejected = resolveWith(make(null, later).then(() => { throw reason; }));
        await assert.rejects(Promise.resolve(rejected), (e) => e === reason);
        checked.push(value);
      }
    }
  }
  assert.strictEqual(checked.length, 18); // es with each of five, each of the other four with es, twice
});

test('ferrobird/es has ECMA-262\'s shape where the main export has Bluebird\'s', () => {
  assert.strictEqual(Object.prototype.toString.call(EsPromise.resolve()), '[object Promise]');
  assert.deepStrictEqual(Object.keys(EsPromise), []);
  assert.deepStrictEqual(Object.keys(EsPromise.prototype), []);
  assert.strictEqual(EsPromise.prototype.then.name, 'then');
  assert.throws(() => EsPromise.resolve.call(undefined, 1), TypeError);
  assert.throws(() => EsPromise.all.call({}, []), TypeError);
  assert.strictEqual(typeof EsPromise.prototype.spread, 'undefined');
  // The main export keeps Bluebird's rule for an unrelated `this`.
  assert.strictEqual(Bluebirdish.resolve.call({}, 1) instanceof Bluebirdish, true);
});

test('an unhandled ferrobird/es rejection is Node\'s to report: the process ends as for native', () => {
  const child = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(root, 'es'))}).reject(new Error('MARK')); setTimeout(() => console.log('survived'), 20);`], { encoding: 'utf8' });
  assert.notStrictEqual(child.status, 0);
  assert.doesNotMatch(child.stdout, /survived/);
  assert.match(child.stderr, /MARK/);
});

test('the main export\'s configuration does not reach ferrobird/es: it stays in the ES timing', () => {
  const child = spawnSync(process.execPath, ['-e', `
const Es = require(${JSON.stringify(path.join(root, 'es'))});
require(${JSON.stringify(root)}).config({ warnings: true });
const out = [];
Es.resolve().then(() => out.push('es'));
Promise.resolve().then(() => out.push('native'));
Es.resolve().then(1);
setTimeout(() => console.log(JSON.stringify(out)), 10);`], { encoding: 'utf8', env: { ...process.env, FERROBIRD_SCHEDULING: 'bluebird' } });
  assert.strictEqual(child.status, 0, child.stderr);
  assert.deepStrictEqual(JSON.parse(child.stdout), ['es', 'native']);
  assert.strictEqual(child.stderr, '');
});
