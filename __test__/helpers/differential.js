'use strict';
// Runs one scenario on several promise implementations and returns each one's log.
//
// A scenario is `(P, log) => void`: it uses `P` as its promise constructor, may mix in native
// promises, `await` and `queueMicrotask`, and calls `log(...)` as things happen. The log is
// read once the event loop has turned a few times, so every microtask has run.

const FerroPromise = require('../..');
// Native promises are the oracle of the ES timing, `scheduling: 'es'`: the files that compare
// with them (differential, hostile, fuzz) check that timing; Bluebird's, the default, is
// compared with bluebird 3.7.2 (bluebird.test.js, scheduling.test.js, bluebird-timing.test.js).
FerroPromise.config({ scheduling: 'es' });
// A self-resolution's text is V8's or Bluebird's: compared as the same error (program.js).
const { errorMessage } = require('./program');

// The oracle for scenarios that mix libraries: a native subclass. V8 gives `await` and native
// resolve functions a fast path for plain native promises only; for a subclass instance it
// follows the generic spec steps, as it must for ferrobird.
class OraclePromise extends Promise {}

function settleLoop() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

function describe(value) {
  if (value instanceof Error) return `${value.constructor.name}: ${errorMessage(value)}`;
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  if (value && typeof value === 'object') {
    if (value instanceof FerroPromise || value instanceof Promise) return 'promise';
    return JSON.stringify(value);
  }
  return String(value);
}

async function run(scenario, P) {
  const entries = [];
  const log = (...parts) => entries.push(parts.map(describe).join(' '));
  try {
    scenario(P, log);
  } catch (error) {
    log('sync throw', error);
  }
  await settleLoop();
  await settleLoop();
  return entries;
}

// Declares a node:test test: the scenario's log on ferrobird must equal its log on the
// oracle subclass and, with `plainNative`, on plain native Promise too.
function sameAsNative(name, scenario, { plainNative = false } = {}) {
  const test = require('node:test');
  const assert = require('node:assert');
  test(name, async () => {
    const expected = await run(scenario, OraclePromise);
    assert.ok(expected.length > 0, 'the scenario logs something');
    assert.deepStrictEqual(await run(scenario, FerroPromise), expected);
    if (plainNative) assert.deepStrictEqual(await run(scenario, Promise), expected);
  });
}

// Random programs (program.js) of seeds 1..`seeds` must log on `P` what they log on the
// native oracle; the programs must do something (well over ten logged events each).
async function programsLogAsNative(P, seeds) {
  const assert = require('node:assert');
  const { generate, scenario } = require('./program');
  let lines = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const program = generate(seed);
    const expected = await run(scenario(program), OraclePromise);
    const actual = await run(scenario(program), P);
    assert.deepStrictEqual(actual, expected, `seed ${seed}:\n${JSON.stringify(program.steps, null, 1)}`);
    lines += expected.length;
  }
  assert.ok(lines > seeds * 10, `only ${lines} lines logged`);
}

module.exports = { FerroPromise, OraclePromise, run, describe, sameAsNative, programsLogAsNative };
