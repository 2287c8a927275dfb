'use strict';
// Differential fuzzing, fixed seeds: random promise programs (helpers/program.js) run on
// ferrobird and on the native oracle, and must log the same lines in the same order. A
// longer run with fresh seeds: `npm run fuzz` (scripts/fuzz.js).

const test = require('node:test');
const assert = require('node:assert');
const { FerroPromise, OraclePromise, run } = require('./helpers/differential');
const { generate, scenario } = require('./helpers/program');

const SEEDS = 400;

test(`${SEEDS} random programs log the same on ferrobird as on native`, async () => {
  let lines = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const program = generate(seed);
    const expected = await run(scenario(program), OraclePromise);
    const actual = await run(scenario(program), FerroPromise);
    assert.deepStrictEqual(actual, expected, `seed ${seed}:\n${JSON.stringify(program.steps, null, 1)}`);
    lines += expected.length;
  }
  // The programs must actually do something: on average well over ten logged events each.
  assert.ok(lines > SEEDS * 10, `only ${lines} lines logged`);
});

test('the generator is deterministic and the programs differ', () => {
  assert.deepStrictEqual(generate(7), generate(7));
  assert.notDeepStrictEqual(generate(7), generate(8));
});
