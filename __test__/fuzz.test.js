'use strict';
// Differential fuzzing, fixed seeds: random promise programs (helpers/program.js) run on
// ferrobird and on the native oracle, and must log the same lines in the same order. A
// longer run with fresh seeds: `npm run fuzz` (scripts/fuzz.js).

const test = require('node:test');
const assert = require('node:assert');
const { FerroPromise, programsLogAsNative } = require('./helpers/differential');
const { generate } = require('./helpers/program');

const SEEDS = 400;

test(`${SEEDS} random programs log the same on ferrobird as on native`, () => programsLogAsNative(FerroPromise, SEEDS));

test('the generator is deterministic and the programs differ', () => {
  assert.deepStrictEqual(generate(7), generate(7));
  assert.notDeepStrictEqual(generate(7), generate(8));
});
