'use strict';
// Debuggability vs bluebird 3.7.2: warnings, monitoring events, long stack traces,
// asyncHooks, the environment switches and the library-level unhandled-rejection handlers.
//
// These settings are per process, so each scenario runs in a child process, once with
// bluebird and once with ferrobird, and the two outputs must be equal.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-debug-'));

function run(lib, body, env = {}, nodeArgs = []) {
  const file = path.join(dir, `scenario-${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(file, `
const P = require(${JSON.stringify(lib === 'bluebird' ? require.resolve('bluebird') : root)});
const out = [];
const log = (...parts) => out.push(parts.join(' '));
// Where the forgotten-return warning places the handler differs by design (Bluebird 3.7.2
// names a Node-internal frame; ferrobird the user's line), so the location is left out.
process.on('warning', (w) => { if (w.name === 'Warning') log('warning:', w.message.split('\\n')[0].replace(/handler at \\S+ but/, 'handler but')); });
process.on('exit', (code) => process.stdout.write(JSON.stringify({ code, out })));
${body}
`);
  const child = spawnSync(process.execPath, [...nodeArgs, file], {
    env: { ...process.env, NODE_ENV: '', BLUEBIRD_DEBUG: '', ...env },
    encoding: 'utf8',
  });
  try {
    return JSON.parse(child.stdout);
  } catch (error) {
    return { stdout: child.stdout, stderr: child.stderr, status: child.status };
  }
}

function same(name, body, env) {
  test(name, () => {
    const expected = run('bluebird', body, env);
    assert.ok(Array.isArray(expected.out), 'the scenario runs on bluebird: ' + JSON.stringify(expected));
    assert.deepStrictEqual(run('ferrobird', body, env), expected);
  });
}

same('warnings: non-function then arguments, non-error rejections, cancel when disabled', `
P.config({ warnings: true });
const a = P.resolve(1);
a.then(5);
a.then(undefined, 'x');
a.then();
P.reject(42).catch(() => {});
P.reject(new Error('fine')).catch(() => {});
a.cancel();
setTimeout(() => {}, 10);
`);

same('warnings: Promise.try with more than one argument is deprecated', `
P.config({ warnings: true });
P.try((a, b) => log('called', a, b, Promise.try === undefined), [1, 2]).then(() => P.try(() => log('one'))).then(() => log('length', P.try.length));
setTimeout(() => {}, 10);
`);

same('warnings: settle is deprecated (static and method), allSettled is not', `
P.config({ warnings: true });
P.settle([1]).then(() => P.allSettled([2])).then(() => P.resolve([3]).settle()).then(() => log('done'));
setTimeout(() => {}, 10);
`);

same('no warnings unless switched on', `
P.resolve(1).then(5);
P.reject(42).catch(() => {});
setTimeout(() => {}, 10);
`);

same('BLUEBIRD_WARNINGS switches warnings on from the environment', `
P.resolve(1).then(5);
setTimeout(() => {}, 10);
`, { BLUEBIRD_WARNINGS: '1' });

same('NODE_ENV=development turns on warnings and long stack traces; BLUEBIRD_DEBUG=0 keeps them off', `
log('long', P.hasLongStackTraces());
P.resolve(1).then(5);
setTimeout(() => {}, 10);
`, { NODE_ENV: 'development' });

same('Promise.longStackTraces() and config', `
log('before', P.hasLongStackTraces());
P.longStackTraces();
log('after', P.hasLongStackTraces());
`);

same('monitoring events, in order', `
for (const ev of ['promiseCreated', 'promiseChained', 'promiseFulfilled', 'promiseRejected', 'promiseCancelled']) {
  process.on(ev, (promise, child) => log(ev, promise instanceof P, child === undefined ? '-' : child instanceof P));
}
P.config({ monitoring: true });
const a = P.resolve(1);
const b = a.then((v) => v + 1);
const c = P.reject(new Error('r'));
c.catch(() => {});
new P(() => {});
b.then(() => { P.config({ monitoring: false }); });
`);

// Bluebird's lifecycle: a promise that follows a pending one fires promiseResolved and never
// settles itself; one resolved with a settled promise fires only promiseFulfilled. Sorted:
// the ES timing settles them in another order.
same('monitoring: followers are resolved, not fulfilled; a promise resolved with a settled one is only fulfilled', `
const names = new Map();
const seen = [];
for (const ev of ['promiseFulfilled', 'promiseRejected', 'promiseResolved']) {
  process.on(ev, (promise) => { if (names.has(promise)) seen.push(names.get(promise) + ' ' + ev); });
}
P.config({ monitoring: true });
const a = P.resolve(1);
names.set(a.then(() => P.delay(1)), 'follows a pending promise');
names.set(a.then(() => P.resolve(2)), 'resolved with a fulfilled promise');
names.set(a.then(() => P.reject(new Error('x'))).catch(() => {}), 'caught');
names.set(a.then(() => ({ then: (resolve) => resolve(3) })), 'follows a thenable');
setTimeout(() => log(seen.sort().join('; ')), 20);
`);

// The cancellation marker passing through finally (and using, which disposes in one) is no
// user's rejection: bluebird warns of nothing.
same('warnings: cancelling through finally, using, map and timeout warns of nothing', `
P.config({ warnings: true, cancellation: true });
const c = new P(() => {});
c.finally(() => {});
c.cancel();
P.using(new P(() => {}).disposer(() => {}), () => {}).cancel();
P.map([new P(() => {})], (x) => x).cancel();
new P(() => {}).timeout(1).catch(() => {});
setTimeout(() => log('end'), 20);
`);

same('onPossiblyUnhandledRejection and onUnhandledRejectionHandled replace the crash', `
P.onPossiblyUnhandledRejection((reason, promise) => log('local unhandled', reason.message, promise instanceof P));
P.onUnhandledRejectionHandled((promise) => log('local handled', promise instanceof P));
const p = P.reject(new Error('late'));
setTimeout(() => p.catch(() => log('caught')), 20);
setTimeout(() => {}, 40);
`);

same('long stack traces name each event that led to the rejection', `
P.config({ longStackTraces: true });
const here = (stack) => stack.split('\\n').filter((l) => l.includes(__filename) || l === 'From previous event:')
  .map((l) => l === 'From previous event:' ? l : l.trim().split(' ')[1]);
function level1() {
  return P.delay(1).then(function level2() {
    return P.resolve().then(function level3() { throw new Error('deep'); });
  });
}
level1().catch((e) => log(here(e.stack).join(' | ')));
`);

// The sections of a long trace and the frames of this file in each, as Bluebird builds them
// (Node's own frames are left out on both sides: ferrobird drops them by design).
same('long stack traces have Bluebird\'s sections for each way a promise is made', `
P.config({ longStackTraces: true, cancellation: true });
const shape = (e) => e.stack.split('\\nFrom previous event:\\n')
  .map((section) => section.split('\\n').filter((l) => l.includes(__filename)).map((l) => l.replace(/^.*:(\\d+):\\d+\\)?$/, '$1')).join(','));
const cases = {
  then: () => P.resolve().then(() => P.resolve().then(() => { throw new Error(); })),
  executor: () => new P((resolve) => resolve(new P(() => { throw new Error(); }))),
  reject: () => P.resolve().then(() => P.reject(new Error())),
  map: () => P.map([1, 2], () => P.map([1], () => { throw new Error(); })),
  reduce: () => P.reduce([1, 2], () => { throw new Error(); }),
  try: () => P.try(() => P.try(() => { throw new Error(); })),
  method: () => P.method(() => P.method(() => { throw new Error(); })())(),
  coroutine: () => P.coroutine(function* () { yield P.coroutine(function* () { throw new Error(); })(); })(),
  thenable: () => P.resolve().then(() => ({ then(_, reject) { setTimeout(() => reject(new Error()), 1); } })),
  getter: () => P.resolve().then(() => Object.defineProperty({}, 'then', { get() { throw new Error(); } })),
  reused: () => { const e = new Error(); return P.join(1, P.reject(e), () => {}); },
};
P.each(Object.keys(cases), (name) => cases[name]().then(() => log(name, 'fulfilled'), (e) => log(name, JSON.stringify(shape(e)))));
`);

test('a long trace does not keep the values of settled promises of its chain alive', () => {
  const { out } = run('ferrobird', `
P.config({ longStackTraces: true });
const heap = () => { global.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
P.resolve().then(() => Array.from({ length: 3e5 }, (_, i) => ['row ' + i, i]))
  .then((rows) => ({ length: rows.length, grown: heap() > before * 4 }))
  .then((x) => x)
  .then((summary) => log(summary.length, summary.grown, heap() < before * 1.5));
`, {}, ['--expose-gc']);
  assert.deepStrictEqual(out, ['300000 true true']);
});

same('forgotten return warning with long stack traces', `
P.config({ longStackTraces: true, warnings: true });
P.resolve(1).then(function handler() { P.resolve(2); }).then(() => {});
P.resolve(1).then(function returned() { return P.resolve(2); }).then(() => {});
setTimeout(() => {}, 10);
`);

same('asyncHooks: handlers run in the async context of their then()', `
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
P.config({ asyncHooks: true });
let open;
const gate = new P((resolve) => { open = resolve; });
als.run('A', () => { gate.then(() => log('A sees', als.getStore())); });
als.run('B', () => { gate.catch(() => {}).then(() => log('B sees', als.getStore())); });
als.run('C', () => setTimeout(() => open(), 5));
`);

test('FERROBIRD_* switches are read before BLUEBIRD_* ones', () => {
  const body = "log('long', P.hasLongStackTraces());";
  assert.deepStrictEqual(run('ferrobird', body, { FERROBIRD_LONG_STACK_TRACES: '1' }).out, ['long true']);
  assert.deepStrictEqual(run('ferrobird', body, { FERROBIRD_LONG_STACK_TRACES: '0', BLUEBIRD_LONG_STACK_TRACES: '1' }).out, ['long false']);
  assert.deepStrictEqual(run('ferrobird', body, { BLUEBIRD_LONG_STACK_TRACES: '1' }).out, ['long true']);
});

test('long stack traces leave ferrobird\'s own frames out', () => {
  const { out } = run('ferrobird', `
P.longStackTraces();
P.delay(1).then(() => { throw new Error('x'); }).catch((e) => log(String(e.stack.includes(${JSON.stringify(path.join(root, 'lib'))})), String(e.stack.includes('From previous event:'))));
`);
  assert.deepStrictEqual(out, ['false true']);
});
