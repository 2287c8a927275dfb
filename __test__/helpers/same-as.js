'use strict';
// `sameAs(oracle, subject)` gives `same(name, scenario, options)`: a test that runs
// `scenario(P, log)` on the oracle library and on ours and requires equal results (value, or
// error class and message) and equal logs. `options.unordered` compares the logs as
// multisets, for scenarios whose independent chains the two libraries may interleave
// differently (each runs its callbacks from its own queue); node:test options pass through.

const test = require('node:test');
const assert = require('node:assert');
const { outcome } = require('./same-as-bluebird');

function sameAs(oracle, subject) {
  return function same(name, scenario, options = {}) {
    const { unordered, ...testOptions } = options;
    test(name, testOptions, async () => {
      const expected = await outcome(scenario, oracle);
      const actual = await outcome(scenario, subject);
      if (unordered) {
        expected.log.sort();
        actual.log.sort();
      }
      assert.deepStrictEqual(actual, expected);
    });
  };
}

module.exports = { sameAs };
