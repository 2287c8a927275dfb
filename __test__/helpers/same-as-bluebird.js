'use strict';
// `same(name, scenario)`: a test that runs `scenario(P, log)` on bluebird 3.7.2 and on
// ferrobird and requires equal results (values, or error class and message) and logs.
// A scenario may use `log(...)` to record the order of effects.

const test = require('node:test');
const assert = require('node:assert');
const Bluebird = require('bluebird');
const Ferro = require('../..');

function describe(value) {
  if (value instanceof Error) {
    const extra = typeof value.length === 'number' ? ` length=${value.length}` : '';
    return `${value.name}: ${value.message}${extra}`;
  }
  if (value instanceof Map) return `Map(${JSON.stringify([...value])})`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

async function outcome(scenario, P) {
  const log = [];
  let result;
  try {
    result = 'value ' + describe(await scenario(P, (...parts) => log.push(parts.map(describe).join(' '))));
  } catch (error) {
    result = 'error ' + describe(error);
  }
  return { result, log };
}

function same(name, scenario, options) {
  test(name, options || {}, async () => {
    const expected = await outcome(scenario, Bluebird);
    assert.deepStrictEqual(await outcome(scenario, Ferro), expected);
  });
}

module.exports = { same, outcome, describe };
