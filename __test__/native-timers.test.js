'use strict';
// The opt-in native timer service (lib/clock.js, src/timers.rs): the same delay and timeout
// behaviour as on the host's setTimeout, the process kept alive exactly while a timer is
// armed, workers, and bad input that never crashes.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { inChild } = require('./helpers/in-child');

const root = path.join(__dirname, '..');
const NATIVE = { FERROBIRD_NATIVE_TIMERS: '1' };

test('the Bluebird, Q, resource and cancellation suites pass with native timers', () => {
  const files = ['bluebird.test.js', 'q.test.js', 'resources.test.js', 'cancellation.test.js'];
  const child = spawnSync(process.execPath, ['--expose-gc', '--test', '--test-reporter=tap', ...files.map((f) => path.join(__dirname, f))], {
    encoding: 'utf8',
    env: { ...process.env, ...NATIVE, NODE_TEST_CONTEXT: undefined },
  });
  const passed = /^# pass (\d+)/m.exec(child.stdout);
  assert.strictEqual(child.status, 0, child.stdout.slice(-3000) + child.stderr);
  assert.ok(passed && Number(passed[1]) > 100, 'expected the suites to run: ' + child.stdout.slice(-500));
});

test('delay uses the host setTimeout by default and the native service when switched on', () => {
  const body = `
    const host = setTimeout;
    let hostCalls = 0;
    global.setTimeout = (fn, ms, ...rest) => { if (ms === 5) hostCalls++; return host(fn, ms, ...rest); };
    P.delay(5, 'a').then((v) => {
      out.push(v, hostCalls);
      P.config({ nativeTimers: true });
      return P.delay(5, 'b');
    }).then((v) => out.push(v, hostCalls));`;
  assert.deepStrictEqual(inChild('P', root, body).out, ['a', 1, 'b', 1]);
  const switchedOnByEnvironment = `
    const host = setTimeout;
    let hostCalls = 0;
    global.setTimeout = (fn, ms, ...rest) => { if (ms === 7) hostCalls++; return host(fn, ms, ...rest); };
    P.delay(7, 'native').then((v) => out.push(v, hostCalls));`;
  assert.deepStrictEqual(inChild('P', root, switchedOnByEnvironment, [], NATIVE).out, ['native', 0]);
});

// Timers 10 ms or more apart: a loaded machine once reordered 10 and 15 ms (bluebird sets
// `.delay`'s timer in a drain of its own, a few milliseconds after the others).
test('native delay and timeout give the values, errors and order that bluebird gives', () => {
  const body = `
    P.config({ nativeTimers: true });
    const log = (...v) => out.push(v.join(' '));
    P.delay(90, 'late').then(log);
    P.delay(1, 'early').then(log);
    P.resolve('value').delay(10).then(log);
    P.delay(300).timeout(40).catch((e) => log(e.name, e.message, e instanceof P.TimeoutError));
    P.delay(300).timeout(50, 'custom').catch((e) => log(e.message));
    P.delay(300).timeout(60, new RangeError('own')).catch((e) => log(e.name, e.message));
    P.delay(5, 'in time').timeout(1000).then(log);
    P.delay(0, 'zero').then(log);
    P.delay(-5, 'negative').then(log);
    P.delay(NaN, 'nan').then(log);`;
  const ours = inChild('P', root, body).out;
  const theirs = inChild('P', 'bluebird', body.replace("P.config({ nativeTimers: true });", '')).out;
  assert.deepStrictEqual(ours, theirs);
  assert.strictEqual(ours.length, 10);
});

test('a pending native timer keeps the process alive, and only while it is armed', () => {
  const started = Date.now();
  const fired = inChild('P', root, "P.delay(50).then(() => out.push('fired'));", [], NATIVE);
  assert.deepStrictEqual(fired, { code: 0, out: ['fired'] });
  // A timeout whose promise settles first is disarmed: the process does not wait a minute.
  const settled = inChild('P', root, "P.resolve('done').timeout(60000).then((v) => out.push(v));", [], NATIVE);
  assert.deepStrictEqual(settled, { code: 0, out: ['done'] });
  assert.ok(Date.now() - started < 55000, 'the disarmed 60 s timer kept the process alive');
});

test('many native timers all fire, none before its delay', () => {
  const body = `
    const count = 100000;
    const start = Date.now();
    let early = 0;
    const waits = [];
    for (let i = 0; i < count; i++) {
      const ms = 1 + (i * 7919) % 40;
      waits.push(P.delay(ms, i).then((v) => { if (Date.now() - start < ms - 1) early++; return v; }));
    }
    P.all(waits).then((values) => out.push(values.length, values[count - 1], early));`;
  assert.deepStrictEqual(inChild('P', root, body, [], NATIVE).out, [100000, 99999, 0]);
});

test('native timers in worker threads, and a worker terminated with timers armed', () => {
  const body = `
    const { Worker } = require('worker_threads');
    const source = "const P = require(" + JSON.stringify(${JSON.stringify(root)}) + ");" +
      "P.config({ nativeTimers: true });" +
      "const { parentPort, workerData } = require('worker_threads');" +
      "P.delay(5, workerData).then((v) => parentPort.postMessage(v));" +
      "P.delay(60000);";
    const runs = [1, 2, 3].map((n) => new Promise((resolve) => {
      const worker = new Worker(source, { eval: true, workerData: n });
      worker.once('message', (v) => { out.push(v); worker.terminate().then(resolve); });
    }));
    Promise.all(runs).then(() => out.sort());`;
  assert.deepStrictEqual(inChild('P', root, body, [], NATIVE), { code: 0, out: [1, 2, 3] });
});

test('the service refuses a callback that is not a function, with an error and no crash', () => {
  const body = `
    const binding = require(${JSON.stringify(path.join(root, 'lib', 'binding.js'))});
    try { binding.createNativeTimers(42); } catch (e) { out.push(e.message); }
    const service = binding.createNativeTimers(() => {});
    out.push(typeof service.arm);`;
  const { code, out } = inChild('P', root, body);
  assert.strictEqual(code, 0);
  assert.match(out[0], /needs a function/);
  assert.strictEqual(out[1], 'function');
});

test('two module instances in one thread each get their own timers', () => {
  const body = `
    const file = require.resolve(${JSON.stringify(root)});
    const first = P;
    for (const key of Object.keys(require.cache)) if (key.startsWith(${JSON.stringify(root)})) delete require.cache[key];
    const second = require(file);
    first.config({ nativeTimers: true });
    second.config({ nativeTimers: true });
    Promise.all([
      first.delay(20, 'first').then((v) => out.push(v)),
      second.delay(10, 'second').then((v) => out.push(v)),
      first.delay(5, 'first early').timeout(100).then((v) => out.push(v)),
    ]).then(() => out.push(first !== second));`;
  assert.deepStrictEqual(inChild('P', root, body), { code: 0, out: ['first early', 'second', 'first', true] });
});
