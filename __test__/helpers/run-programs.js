'use strict';
// Runs random promise programs (program.js) on one library in this process, one after the
// other, and prints their logs as JSON: `node run-programs.js <library> <first seed> <count>
// <length> [bluebird]`. For what is chosen once per process: ferrobird in Bluebird's timing
// (FERROBIRD_SCHEDULING=bluebird) is compared with bluebird 3.7.2, each in a process of its own.

const { generate, scenario } = require('./program');

function settleLoop() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

async function runProgram(program, P) {
  const entries = [];
  const log = (...parts) => entries.push(parts.join(' '));
  try {
    scenario(program)(P, log);
  } catch (error) {
    log('sync throw', error && error.message);
  }
  await settleLoop();
  await settleLoop();
  return entries;
}

async function main() {
  const [library, first, count, length, flavour] = process.argv.slice(2);
  const P = require(library);
  const logs = [];
  for (let seed = Number(first); seed < Number(first) + Number(count); seed++) {
    logs.push(await runProgram(generate(seed, Number(length), { bluebird: flavour === 'bluebird' }), P));
  }
  process.stdout.write(JSON.stringify(logs));
}

if (require.main === module) main();

module.exports = { runProgram };
