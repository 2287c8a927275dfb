'use strict';
// test262 tests that no export of ferrobird is asked to pass, each with its reason: they are
// not run and not counted.

const RULES = [
  [(test) => test.startsWith('allKeyed/') || test.startsWith('allSettledKeyed/'), 'Promise.allKeyed and Promise.allSettledKeyed are a stage 2.7 proposal'],
  [(test, source) => source.includes('$262.createRealm'), 'needs a second realm ($262.createRealm), which a Node host does not give'],
];

function reasonFor(test, source) {
  for (const [applies, reason] of RULES) if (applies(test, source)) return reason;
  return null;
}

module.exports = { reasonFor };
