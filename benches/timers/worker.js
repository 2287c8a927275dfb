'use strict';
// One timer-heavy run in this process; prints {overheadMs, cpuMs, mb} as JSON.
//   node benches/timers/worker.js <shape> <count> <library>
// library: ferrobird (host setTimeout), ferrobird-native (the tokio service), bluebird,
// native (timers/promises). overheadMs is the wall time beyond the longest delay; cpuMs is
// the CPU time of all the process's threads (the timer thread included).
const path = require('path');
const { setTimeout: sleep } = require('timers/promises');
const shapes = require('./shapes');

const [shapeName, countText, library] = process.argv.slice(2);
const count = Number(countText);
const shape = shapes[shapeName];

function load() {
  if (library === 'native') return null;
  if (library === 'bluebird') return require('bluebird');
  const P = require(path.join(__dirname, '..', '..'));
  P.config({ nativeTimers: library === 'ferrobird-native' });
  return P;
}

async function main() {
  const P = load();
  const api = P === null
    ? { delay: (ms, v) => sleep(ms, v), timeout: (promise, ms) => shapes.nativeTimeout(promise, ms), all: (v) => Promise.all(v) }
    : { delay: (ms, v) => P.delay(ms, v), timeout: (promise, ms) => promise.timeout(ms), all: (v) => P.all(v) };
  const wrap = P === null ? (v) => Promise.resolve(v) : (v) => P.resolve(v);
  await shape.run(api, wrap, Math.min(count, 1000)); // warm-up
  if (global.gc) global.gc();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await shape.run(api, wrap, count);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({
    overheadMs: wall - shape.longestDelay,
    cpuMs: (used.user + used.system) / 1000,
    mb: process.resourceUsage().maxRSS / 1024,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
