'use strict';
// unhandledRejection / rejectionHandled: same as native Promise.
//
// Each scenario runs in a child process twice, once with native Promise and once with
// ferrobird, and the two must report the same events in the same order (interleaved with the
// scenario's own log lines), exit with the same code and print the reason in the same cases.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-unhandled-'));

function script(body, { listen }) {
  return `
const P = process.env.LIB === 'native' ? Promise : require(process.env.LIB === 'bluebird' ? 'bluebird' : ${JSON.stringify(root)});
const names = new Map();
const label = (promise, name) => (names.set(promise, name), promise);
const events = [];
const log = (entry) => events.push(entry);
if (${listen}) {
  process.on('unhandledRejection', (reason, promise) =>
    events.push('unhandled ' + (reason && reason.message || String(reason)) + ' @' + (names.get(promise) || '?')));
  process.on('rejectionHandled', (promise) => events.push('handled @' + (names.get(promise) || '?')));
}
process.on('exit', () => process.stdout.write(JSON.stringify(events)));
${body}
`;
}

function runScenario(lib, body, { listen = true, flags = [], scheduling = 'es' } = {}) {
  const file = path.join(dir, `scenario-${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(file, script(body, { listen }));
  const child = spawnSync(process.execPath, [...flags, file], {
    cwd: root,
    // Native promises are the oracle of the ES timing (Bluebird's late queue differs).
    env: { ...process.env, LIB: lib, NODE_PATH: path.join(root, 'node_modules'), FERROBIRD_SCHEDULING: scheduling },
    encoding: 'utf8',
    timeout: 20000,
  });
  return {
    events: child.stdout ? JSON.parse(child.stdout || '[]') : null,
    status: child.status,
    printedReason: /MARK-REASON/.test(child.stderr),
    stderr: child.stderr,
  };
}

function same(name, body, options) {
  test(name, () => {
    const native = runScenario('native', body, options);
    const ferro = runScenario('ferrobird', body, options);
    assert.deepStrictEqual(ferro.events, native.events, ferro.stderr);
    assert.strictEqual(ferro.status, native.status, ferro.stderr);
    assert.strictEqual(ferro.printedReason, native.printedReason, ferro.stderr);
    return native;
  });
}

same('a rejection with no handler is reported once', `
  label(P.reject(new Error('r1')), 'p');
  setTimeout(() => log('timeout'), 5);
`);

same('a handler attached in the same tick prevents the report', `
  const p = label(P.reject(new Error('r1')), 'p');
  p.catch(() => log('caught'));
`);

same('a handler attached after an await in the same tick prevents the report', `
  const p = label(P.reject(new Error('r1')), 'p');
  (async () => { await null; await null; p.catch(() => log('caught')); })();
`);

same('a handler attached after native thens in the same tick prevents the report', `
  const p = label(P.reject(new Error('r1')), 'p');
  Promise.resolve().then(() => {}).then(() => p.catch(() => log('caught')));
`);

same('a handler attached from a nextTick queued by a microtask', `
  const p = label(P.reject(new Error('r1')), 'p');
  queueMicrotask(() => process.nextTick(() => p.catch(() => log('caught'))));
`);

same('a handler attached on a later turn gives rejectionHandled', `
  const p = label(P.reject(new Error('late')), 'p');
  setTimeout(() => { log('attach'); p.catch(() => log('caught')); }, 5);
  setTimeout(() => log('end'), 20);
`);

same('a second late handler gives no second event', `
  const p = label(P.reject(new Error('late')), 'p');
  setTimeout(() => { p.catch(() => log('caught 1')); }, 5);
  setTimeout(() => { p.catch(() => log('caught 2')); }, 10);
  setTimeout(() => log('end'), 20);
`);

same('only the end of an unhandled chain is reported', `
  const p = label(P.reject(new Error('chain')), 'p');
  const q = label(p.then(() => {}), 'q');
  label(q.then(() => {}), 'r');
`);

same('a rejected element of Promise.all is handled by it, and only the result is reported', `
  let reject;
  const a = label(new P((_, r) => { reject = r; }), 'a');
  label(P.all([a, new P(() => {})]), 'all');
  setTimeout(() => reject(new Error('element')), 1);
  setTimeout(() => log('end'), 20);
`);

same('a handler that throws rejects its promise unhandled', `
  label(P.resolve().then(() => { throw new Error('thrown'); }), 'child');
`);

same('a rejected promise adopted by another is handled by the adoption', `
  const inner = label(P.reject(new Error('inner')), 'inner');
  label(new P((resolve) => resolve(inner)), 'outer');
`);

same('await of a rejected ferrobird promise rejects the async function', `
  (async () => { await label(P.reject(new Error('awaited')), 'p'); })();
`);

same('a rejection during a later turn', `
  setTimeout(() => { label(new P((_, reject) => reject(new Error('timer'))), 'p'); }, 2);
  setTimeout(() => log('end'), 20);
`);

same('non-error reasons', `
  label(P.reject(42), 'number');
  label(P.reject(undefined), 'undefined');
`);

// Node's mode when asked for on the command line (the quieter modes are below).
for (const mode of ['throw', 'strict', 'warn-with-error-code']) {
  same(`with no listener, --unhandled-rejections=${mode} acts as for native`, `
    P.reject(new Error('MARK-REASON'));
    setTimeout(() => log('survived'), 5);
  `, { listen: false, flags: [`--unhandled-rejections=${mode}`] });
}

// With no --unhandled-rejections, Bluebird's default: print "Unhandled rejection <stack>"
// and go on, where Node would end the process.
test('with no listener and no flag, a rejection is printed and the process goes on, as with bluebird', () => {
  const body = `
    P.reject(new Error('MARK-REASON'));
    setTimeout(() => log('survived'), 5);
  `;
  const bluebird = runScenario('bluebird', body, { listen: false });
  const ferro = runScenario('ferrobird', body, { listen: false });
  assert.strictEqual(bluebird.status, 0, bluebird.stderr);
  assert.match(bluebird.stderr, /^Unhandled rejection Error: MARK-REASON/m);
  assert.strictEqual(ferro.status, bluebird.status, ferro.stderr);
  assert.deepStrictEqual(ferro.events, bluebird.events);
  assert.match(ferro.stderr, /^Unhandled rejection Error: MARK-REASON/m);
});

// In the default timing, against bluebird 3.7.2: the late handlers' `rejectionHandled`
// events come in Bluebird's order, before the handlers run.
test('rejectionHandled comes in Bluebird\'s order, in the default timing', () => {
  const body = `
    const a = label(P.reject(new Error('a')), 'a');
    const b = label(P.reject(new Error('b')), 'b');
    setTimeout(() => {
      log('attaching');
      b.catch(() => log('b handler'));
      a.catch(() => log('a handler'));
      P.resolve().then(() => log('then after'));
      setImmediate(() => log('immediate'));
    }, 20);
  `;
  const bluebird = runScenario('bluebird', body, { scheduling: 'bluebird' });
  const ferro = runScenario('ferrobird', body, { scheduling: 'bluebird' });
  assert.deepStrictEqual(bluebird.events.slice(0, 3), ['unhandled a @a', 'unhandled b @b', 'attaching'], 'the scenario runs on bluebird');
  assert.deepStrictEqual(ferro.events, bluebird.events);
});

// Bluebird checks 1 ms after a rejection (a timer): a handler attached from the next
// setImmediate of an I/O callback comes first, and nothing is reported.
test('a rejection handled from the next setImmediate is not reported, in the default timing, as with bluebird', () => {
  const body = `
    require('fs').stat(__filename, () => {
      const a = label(P.reject(new Error('a')), 'a');
      const b = label(new P((resolve, reject) => reject(new Error('b'))).then(() => log('not this')), 'b');
      setImmediate(() => {
        a.catch(() => log('a handler'));
        b.catch(() => log('b handler'));
      });
      const c = label(P.reject(new Error('c')), 'c');
      setTimeout(() => c.catch(() => log('c handler')), 30);
    });
  `;
  // The handlers' batch and c's timer race, on bluebird too: the events are compared sorted.
  const bluebird = runScenario('bluebird', body, { scheduling: 'bluebird' }).events.sort();
  const ferro = runScenario('ferrobird', body, { scheduling: 'bluebird' });
  assert.deepStrictEqual(bluebird, ['a handler', 'b handler', 'c handler', 'handled @c', 'unhandled c @c'], 'the scenario runs on bluebird');
  assert.deepStrictEqual(ferro.events.sort(), bluebird, ferro.stderr);
});

// Node's quieter modes are not Node's mode: Bluebird prints its line and goes on whatever they say.
for (const [mode, scheduling] of [['warn', 'bluebird'], ['none', 'bluebird'], ['warn', 'es'], ['none', 'es']]) {
  test(`with no listener and --unhandled-rejections=${mode}, the ${scheduling} timing prints Bluebird's line, as bluebird does`, () => {
    const body = `
      P.reject(new Error('MARK-REASON'));
      setTimeout(() => log('survived'), 5);
    `;
    const bluebird = runScenario('bluebird', body, { listen: false, flags: [`--unhandled-rejections=${mode}`] });
    const ferro = runScenario('ferrobird', body, { listen: false, flags: [`--unhandled-rejections=${mode}`], scheduling });
    assert.match(bluebird.stderr, /^Unhandled rejection Error: MARK-REASON/m);
    assert.match(ferro.stderr, /^Unhandled rejection Error: MARK-REASON/m);
    assert.strictEqual(ferro.status, bluebird.status, ferro.stderr);
    assert.deepStrictEqual(ferro.events, bluebird.events);
  });
}

test('Promise.config({ unhandledRejections: "throw" }) gives Node\'s mode: the process ends as for native', () => {
  const native = runScenario('native', `
    P.reject(new Error('MARK-REASON'));
    setTimeout(() => log('survived'), 5);
  `, { listen: false });
  const ferro = runScenario('ferrobird', `
    P.config({ unhandledRejections: 'throw' });
    P.reject(new Error('MARK-REASON'));
    setTimeout(() => log('survived'), 5);
  `, { listen: false });
  assert.notStrictEqual(native.status, 0);
  assert.strictEqual(ferro.status, native.status, ferro.stderr);
  assert.deepStrictEqual(ferro.events, native.events);
  assert.strictEqual(ferro.printedReason, native.printedReason);
});

test('Promise.config({ unhandledRejections: "warn" }) prints and goes on, like Bluebird', () => {
  const result = runScenario('ferrobird', `
    P.config({ unhandledRejections: 'warn' });
    P.reject(new Error('MARK-REASON'));
    setTimeout(() => log('survived'), 5);
  `, { listen: false });
  assert.strictEqual(result.status, 0, result.stderr);
  assert.deepStrictEqual(result.events, ['survived']);
  assert.match(result.stderr, /^Unhandled rejection Error: MARK-REASON/m);
});

test('a listener still hears rejections in warn mode, and nothing is printed', () => {
  const result = runScenario('ferrobird', `
    P.config({ unhandledRejections: 'warn' });
    label(P.reject(new Error('MARK-REASON')), 'p');
  `);
  assert.deepStrictEqual(result.events, ['unhandled MARK-REASON @p']);
  assert.strictEqual(result.printedReason, false);
});

// Bluebird 3.7.2's suite (unhandled_rejections.js) found this one: the library's handled
// callback ran inside the late `then`, before that reaction's job was recorded, and resolved
// a collection's element; the two jobs then ran each other's arguments, and a later call
// threw "ferrobird engine: no engine node" into user code. In a child: the rejection is
// unhandled for a while on purpose.
test('onUnhandledRejectionHandled may settle promises that others wait on', () => {
  const body = `
const P = require(${JSON.stringify(root)});
let resolveElement;
const element = new P((resolve) => { resolveElement = resolve; });
const all = P.all([element, P.resolve('b')]);
const out = [];
P.onPossiblyUnhandledRejection((e) => out.push('unhandled ' + e.message));
P.onUnhandledRejectionHandled(() => { out.push('handled'); resolveElement('a'); });
const rejected = new P(() => { throw new Error('late'); });
setTimeout(async () => {
  out.push(await rejected.then(() => 'not this', (e) => 'caught ' + e.message));
  out.push((await all).join());
  out.push(await P.reject(new Error('x')).catch((e) => 'caught ' + e.message));
  console.log(JSON.stringify(out));
}, 5);`;
  const child = spawnSync(process.execPath, ['-e', body], { encoding: 'utf8' });
  assert.strictEqual(child.status, 0, child.stderr);
  assert.deepStrictEqual(JSON.parse(child.stdout), ['unhandled late', 'handled', 'caught late', 'a,b', 'caught x']);
});
