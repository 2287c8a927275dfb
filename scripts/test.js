'use strict';
// `npm test`: every check, in order, each announced with roughly how long it takes, and a
// table of what ran at the end. Stops at the first step that fails (its exit code is ours).
// The originals' suites are found where they are (__test__/conformance/suites.js) and
// reported as skipped in one line when absent.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const cargo = process.env.CARGO || 'cargo';
const conformance = (...parts) => path.join('__test__', 'conformance', ...parts);

// [what, about how long on a 2-core machine, command, arguments]
const STEPS = [
  ['the native addon (cargo build)', '~15 s, seconds once built', node, ['scripts/build.js']],
  ['ESLint', '~5 s', npx, ['eslint', '.']],
  ['the engine without Node (cargo test)', '~30 s the first time', cargo, ['test', '--release']],
  ['TypeScript declarations (tsc)', '~3 s', npx, ['tsc', '-p', '__test__/types']],
  ["Bluebird-typed code against @types/bluebird", '~3 s', npx, ['tsc', '-p', '__test__/types/tsconfig.bluebird-code.json']],
  ['the same code against ferrobird', '~3 s', npx, ['tsc', '-p', '__test__/types/tsconfig.ferrobird-code.json']],
  ["ferrobird's own tests (node --test)", '~2 min', node, ['--expose-gc', '--test', path.join('__test__', '*.test.js')]],
  ["Bluebird 3.7.2's suite, both timings", '~10 s', node, [conformance('bluebird', 'run.js'), '--known']],
  ["rsvp 4.8.5's suite", '~1 s', node, [conformance('rsvp', 'run.js'), '--known']],
  ["q 1.5.1's suite", '~8 s', node, [conformance('q', 'run.js'), '--known']],
  ['Promises/A+', '~13 s', node, ['--unhandled-rejections=none', conformance('aplus.js')]],
  ['the ES6 promise suite', '~1 s', node, ['--unhandled-rejections=none', conformance('es6.js')]],
  ["test262's built-ins/Promise against ferrobird/es", '~25 s', node, [conformance('test262', 'run.js'), '--library', 'es']],
  ["test262's built-ins/Promise against the main export (failures listed with Bluebird's rules)", '~75 s', node, [conformance('test262', 'run.js'), '--library', 'main', '--known']],
  ["test262 on bluebird 3.7.2: every test listed for the main export fails there too", '~75 s', node, [conformance('test262', 'run.js'), '--library', 'bluebird', '--known']],
];

const done = [];
for (const [what, expected, command, args] of STEPS) {
  console.log(`\n=== npm test: ${what} (${expected}) ===`);
  const started = Date.now();
  // `node --test` expands the glob itself on Node 21+; on Node 20 the shell did.
  const result = spawnSync(command, args.flatMap(expand), { cwd: root, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  const ok = result.status === 0;
  done.push(`${ok ? 'ok    ' : 'FAILED'} ${String(seconds).padStart(4)} s  ${what}`);
  if (!ok) {
    report();
    process.exit(result.status || 1);
  }
}
report();

function report() {
  console.log('\n=== npm test: what ran ===');
  for (const line of done) console.log(line);
}

// A `dir/*.test.js` argument as the files it names.
function expand(arg) {
  if (!arg.includes('*')) return [arg];
  const fs = require('fs');
  const dir = path.dirname(arg);
  const suffix = path.basename(arg).slice(1);
  return fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(dir, f));
}
