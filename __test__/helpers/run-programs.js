'use strict';
// Runs random promise programs (program.js) on one library in this process, one after the
// other, and prints their logs as JSON: `node run-programs.js <library> <first seed> <count>
// <length> [bluebird | bluebird-cancellation]`. For what is chosen once per process: ferrobird in Bluebird's timing
// (FERROBIRD_SCHEDULING=bluebird) is compared with bluebird 3.7.2, each in a process of its own.

const { generate, scenario } = require('./program');

const realSetTimeout = setTimeout;

function settleLoop() {
  return new Promise((resolve) => realSetTimeout(resolve, 5));
}

// Bluebird's programs use timers (delay, timeout), which both libraries take from the global
// setTimeout when called: a virtual clock replaces it, so that every run of a program is the
// same run. Time moves only when nothing else is due: when no host immediate (a batch of
// either library, a program's own callback) is waiting, the clock fires the timers of the
// earliest deadline, in the order they were set. So when a library sets timers of its own
// (Bluebird's unhandled-rejection check) changes nothing. Install it before loading the
// library, which takes setImmediate at load.
function installVirtualTimers() {
  const timersModule = require('timers');
  const hostSetImmediate = timersModule.setImmediate;
  const hostClearImmediate = timersModule.clearImmediate;
  const immediatesDue = new Set();
  const countedSetImmediate = function (callback, ...args) {
    const immediate = hostSetImmediate(() => {
      immediatesDue.delete(immediate);
      callback(...args);
    });
    immediatesDue.add(immediate);
    return immediate;
  };
  const countedClearImmediate = function (immediate) {
    immediatesDue.delete(immediate);
    hostClearImmediate(immediate);
  };
  global.setImmediate = timersModule.setImmediate = countedSetImmediate;
  global.clearImmediate = timersModule.clearImmediate = countedClearImmediate;

  let now = 0;
  let sequence = 0;
  let timers = [];
  let turnDue = false;
  function turn() {
    turnDue = false;
    if (timers.length === 0) return;
    if (immediatesDue.size === 0) {
      timers.sort((a, b) => a.deadline - b.deadline || a.sequence - b.sequence);
      now = timers[0].deadline;
      const due = [];
      while (timers.length !== 0 && timers[0].deadline === now) due.push(timers.shift());
      for (const timer of due) timer.callback(...timer.args);
    }
    scheduleTurn();
  }
  function scheduleTurn() {
    if (turnDue || timers.length === 0) return;
    turnDue = true;
    hostSetImmediate(turn);
  }
  global.setTimeout = function (callback, ms, ...args) {
    const timer = { deadline: now + Math.max(1, Math.floor(Number(ms)) || 1), sequence: sequence++, callback, args };
    timers.push(timer);
    scheduleTurn();
    return timer;
  };
  global.clearTimeout = function (timer) {
    timers = timers.filter((other) => other !== timer);
  };
  // Whether timers or immediates are still due: a program is not done before they are.
  return { busy: () => timers.length !== 0 || immediatesDue.size !== 0 };
}

async function runProgram(program, P, { cancellation = false, clock = null } = {}) {
  const entries = [];
  const log = (...parts) => entries.push(parts.join(' '));
  let slots = [];
  try {
    slots = scenario(program)(P, log);
  } catch (error) {
    log('sync throw', error && error.message);
  }
  await settleLoop();
  await settleLoop();
  // However slow the machine, a program's timers all run before its log is taken.
  for (let waits = 0; clock !== null && clock.busy() && waits < 200; waits++) await settleLoop();
  // A cancelled promise calls no handler: which ones ended cancelled.
  if (cancellation) log('cancelled', slots.filter((slot) => typeof slot.isCancelled === 'function' && slot.isCancelled()).map((slot) => slots.indexOf(slot)).join(','));
  return entries;
}

async function main() {
  const [library, first, count, length, flavour] = process.argv.slice(2);
  // 'bluebird': Bluebird's programs; 'bluebird-cancellation': with its cancellation on.
  const bluebird = flavour === 'bluebird' || flavour === 'bluebird-cancellation';
  const cancellation = flavour === 'bluebird-cancellation';
  const clock = bluebird ? installVirtualTimers() : null;
  const P = require(library);
  if (cancellation) P.config({ cancellation: true });
  const logs = [];
  for (let seed = Number(first); seed < Number(first) + Number(count); seed++) {
    logs.push(await runProgram(generate(seed, Number(length), { bluebird, cancellation }), P, { cancellation, clock }));
  }
  process.stdout.write(JSON.stringify(logs));
}

if (require.main === module) main();

module.exports = { runProgram, installVirtualTimers };
