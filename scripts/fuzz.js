'use strict';
// `npm run fuzz`: the long differential fuzz. Random promise programs (twice as long as the
// ones npm test runs) on ferrobird and on the native oracle, from fresh seeds; the same in
// Bluebird's timing against bluebird 3.7.2 (each in a process of its own, as
// bluebird-timing.test.js); then the Rust engine's property test with many more cases.
// Prints each failing seed with its program.
//
//   FUZZ_PROGRAMS=n   programs to run in each timing (default 20000)
//   FUZZ_SEED=s       first seed (default: from the clock, printed so a run can be repeated)
//   PROPTEST_CASES=n  engine programs for the property test (default 20000)
//   FUZZ_CANCELLATION=1  also Bluebird's timing with cancellation on, reported only (README:
//                     what does not work yet)
const { spawnSync, execFileSync } = require('child_process');
const path = require('path');
const { FerroPromise, OraclePromise, run } = require('../__test__/helpers/differential');
const { generate, scenario } = require('../__test__/helpers/program');

const root = path.resolve(__dirname, '..');
const runner = path.join(root, '__test__', 'helpers', 'run-programs.js');

const programs = Number(process.env.FUZZ_PROGRAMS || 20000);
const firstSeed = Number(process.env.FUZZ_SEED || Date.now() % 1e9);
const BATCH = 50; // programs run side by side: each waits on timers, not on the CPU

async function check(seed) {
  const program = generate(seed, 60);
  const [expected, actual] = await Promise.all([run(scenario(program), OraclePromise), run(scenario(program), FerroPromise)]);
  if (JSON.stringify(expected) === JSON.stringify(actual)) return null;
  return { seed, program, expected, actual };
}

async function main() {
  console.log(`differential fuzz: ${programs} programs from seed ${firstSeed} (FUZZ_SEED=${firstSeed} repeats this run)`);
  const failures = [];
  for (let start = 0; start < programs; start += BATCH) {
    const seeds = [];
    for (let i = start; i < Math.min(start + BATCH, programs); i++) seeds.push(firstSeed + i);
    for (const failure of await Promise.all(seeds.map(check))) if (failure !== null) failures.push(failure);
    if ((start / BATCH) % 40 === 39) console.log(`  ${start + BATCH} programs, ${failures.length} failing`);
  }
  for (const { seed, program, expected, actual } of failures.slice(0, 5)) {
    console.log(`\nseed ${seed}\nprogram: ${JSON.stringify(program.steps)}\nnative:    ${JSON.stringify(expected)}\nferrobird: ${JSON.stringify(actual)}`);
  }
  console.log(`${programs - failures.length} of ${programs} programs agree with native`);

  const bluebirdFailures = againstBluebird('bluebird', "Bluebird's timing");
  // Known to disagree in part (README: what does not work yet): reported, not failed.
  if (process.env.FUZZ_CANCELLATION === '1') againstBluebird('bluebird-cancellation', "Bluebird's timing with cancellation on");

  const cases = process.env.PROPTEST_CASES || '20000';
  console.log(`\nengine property test, ${cases} cases`);
  const cargo = spawnSync('cargo', ['test', '--release', '--lib', 'engine_matches_the_reference_model'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PROPTEST_CASES: cases },
  });
  if (failures.length > 0 || bluebirdFailures.length > 0 || cargo.status !== 0) process.exit(1);
}

// Runs `programs` programs of the flavour (run-programs.js) on bluebird 3.7.2 and on
// ferrobird in Bluebird's timing, each in a process of its own; returns the disagreements.
// A program on which bluebird itself overflows its stack says nothing: left out, counted.
function againstBluebird(flavour, label) {
  console.log(`\n${label}: ${programs} programs from seed ${firstSeed} against bluebird 3.7.2`);
  const logsOf = (library, scheduling, first, count) => JSON.parse(execFileSync(process.execPath,
    [runner, library, String(first), String(count), '60', flavour],
    { env: { ...process.env, FERROBIRD_SCHEDULING: scheduling }, maxBuffer: 1 << 30 }));
  const failures = [];
  let inconclusive = 0;
  const CHUNK = 1000;
  for (let start = 0; start < programs; start += CHUNK) {
    const count = Math.min(CHUNK, programs - start);
    const expected = logsOf(require.resolve('bluebird'), '', firstSeed + start, count);
    const actual = logsOf(root, 'bluebird', firstSeed + start, count);
    for (let i = 0; i < count; i++) {
      if (expected[i].some((line) => line.includes('Maximum call stack size exceeded'))) inconclusive++;
      else if (JSON.stringify(expected[i]) !== JSON.stringify(actual[i])) failures.push({ seed: firstSeed + start + i, expected: expected[i], actual: actual[i] });
    }
    console.log(`  ${start + count} programs, ${failures.length} failing`);
  }
  const cancellation = flavour === 'bluebird-cancellation';
  for (const { seed, expected, actual } of failures.slice(0, 5)) {
    console.log(`\nseed ${seed}\nprogram: ${JSON.stringify(generate(seed, 60, { bluebird: true, cancellation }).steps)}\nbluebird:  ${JSON.stringify(expected)}\nferrobird: ${JSON.stringify(actual)}`);
  }
  console.log(`${programs - inconclusive - failures.length} of ${programs - inconclusive} programs agree with bluebird (${inconclusive} left out: bluebird overflowed its stack)`);
  return failures;
}

main();
