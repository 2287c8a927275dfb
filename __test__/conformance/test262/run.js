'use strict';
// Runs test262's test/built-ins/Promise (tc39/test262, at the commit pinned below) against a
// ferrobird export, each test in a fresh process (child.js), and prints the failures and a
// last line `N passed, N failed`.
//
//   node __test__/conformance/test262/run.js [--library es|main|native] [--test262 DIR]
//                                           [--filter TEXT] [--known] [--verbose]
//
// --library: `es` (the default) is `require('ferrobird/es')`, which must pass every test that
//   is not excluded (excluded.js); `main` is the main export, whose failures must each be
//   listed in main-export-rules.json with the Bluebird rule that decides it; `native` runs
//   Node's own Promise, to check the host; `bluebird` runs bluebird 3.7.2 itself, to check
//   the list (with --known, each listed test must fail there too).
// --known: exit 0 when every failure is listed (for `main`), and report listed tests that pass.
//
// Where test262 is: --test262 DIR, else FERROBIRD_TEST262, else ../test262 beside the
// repository, else the bare repository the search tool's `fetch` leaves in
// /work/.mirror/tc39+test262/repo. A checkout is used as it is; a git directory (bare or
// not) that has the pinned commit gives `git archive PIN harness test/built-ins/Promise`,
// unpacked once into the system's temporary folder. Not found: one line, "skipped", exit 0
// (exit 2 with FERROBIRD_REQUIRE_TEST262=1).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const excluded = require('./excluded');

const PIN = 'be13516fb6441b950ba8a3df97eb34062c186972'; // tc39/test262, 2026-08-07
const root = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const which = option('--library', 'es');
const filter = option('--filter', null);
const knownMode = args.includes('--known');
const verbose = args.includes('--verbose');
const LIBRARIES = { es: path.join(root, 'es.js'), main: root, native: path.join(__dirname, 'native.js'), bluebird: require.resolve('bluebird') };
if (!(which in LIBRARIES)) throw new Error(`--library must be one of ${Object.keys(LIBRARIES).join(', ')}`);
const rulesFile = path.join(__dirname, 'main-export-rules.json');

function git(dir, ...rest) {
  return spawnSync('git', ['-C', dir, ...rest], { encoding: 'utf8' });
}

function isTree(dir) {
  return fs.existsSync(path.join(dir, 'harness', 'assert.js')) && fs.existsSync(path.join(dir, 'test', 'built-ins', 'Promise'));
}

// The folder holding harness/ and test/built-ins/Promise at PIN, or null.
function locate() {
  const candidates = [option('--test262', null), process.env.FERROBIRD_TEST262, path.join(root, '..', 'test262'), '/work/.mirror/tc39+test262/repo'];
  for (const dir of candidates.filter(Boolean).map((d) => path.resolve(d))) {
    if (!fs.existsSync(dir)) continue;
    if (isTree(dir)) {
      const head = git(dir, 'rev-parse', 'HEAD').stdout.trim();
      if (head !== '' && head !== PIN) console.log(`note: test262 at ${dir} is at ${head}, not the pinned ${PIN}`);
      return dir;
    }
    if (git(dir, 'cat-file', '-e', `${PIN}^{commit}`).status !== 0) continue;
    const out = path.join(os.tmpdir(), `ferrobird-test262-${PIN.slice(0, 12)}`);
    if (!isTree(out)) {
      fs.mkdirSync(out, { recursive: true });
      const archive = spawnSync('git', ['-C', dir, 'archive', PIN, 'harness', 'test/built-ins/Promise'], { maxBuffer: 1 << 28 });
      if (archive.status !== 0) continue;
      const untar = spawnSync('tar', ['-x', '-C', out], { input: archive.stdout });
      if (untar.status !== 0) continue;
    }
    return out;
  }
  return null;
}

function listTests(dir) {
  const base = path.join(dir, 'test', 'built-ins', 'Promise');
  const found = [];
  (function walk(sub) {
    for (const entry of fs.readdirSync(path.join(base, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.js') && !entry.name.endsWith('_FIXTURE.js')) found.push(rel.split(path.sep).join('/'));
    }
  })('');
  return found.sort();
}

function runTest(dir, test) {
  const source = fs.readFileSync(path.join(dir, 'test', 'built-ins', 'Promise', test), 'utf8');
  const strict = /flags:\s*\[[^\]]*onlyStrict/.test(source) ? '1' : '0';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--unhandled-rejections=none', path.join(__dirname, 'child.js'), dir, path.join('test', 'built-ins', 'Promise', test), LIBRARIES[which], strict], {
      cwd: root,
      // The main export in its default timing, Bluebird's, as its users have it.
      env: { ...process.env, FERROBIRD_SCHEDULING: which === 'main' ? '' : 'es' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The verdict line, wherever it is: a library may print after it (an unhandled
      // rejection's report, which test262 leaves to the host).
      const last = out.split('\n').reverse().find((line) => line === 'PASS' || line.startsWith('FAIL ')) || '';
      if (last === 'PASS') resolve(null);
      else if (last.startsWith('FAIL ')) resolve(last.slice(5));
      else resolve(`exit ${code}${signal ? ' ' + signal : ''}: ${out.trim().split('\n').slice(-3).join(' | ')}`);
    });
  });
}

async function main() {
  const dir = locate();
  if (dir === null) {
    const where = `test262 not found (tc39/test262 at ${PIN}: give --test262 DIR or FERROBIRD_TEST262, a checkout or a git directory that has the commit)`;
    if (process.env.FERROBIRD_REQUIRE_TEST262 === '1') {
      console.error(where);
      process.exit(2);
    }
    console.log(`skipped: ${where}`);
    return;
  }
  const all = listTests(dir).filter((t) => filter === null || t.includes(filter));
  const skip = new Map();
  for (const test of all) {
    const reason = excluded.reasonFor(test, fs.readFileSync(path.join(dir, 'test', 'built-ins', 'Promise', test), 'utf8'));
    if (reason !== null) skip.set(test, reason);
  }
  const tests = all.filter((t) => !skip.has(t));
  const failures = new Map();
  let next = 0;
  async function worker() {
    while (next < tests.length) {
      const test = tests[next++];
      const why = await runTest(dir, test);
      if (why !== null) failures.set(test, why);
      if (verbose) console.log(`${why === null ? 'pass' : 'FAIL'} ${test}${why === null ? '' : ': ' + why}`);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));

  const rules = which === 'main' || which === 'bluebird' ? JSON.parse(fs.readFileSync(rulesFile, 'utf8')) : {};
  const unexpected = [...failures.keys()].filter((t) => !(t in rules)).sort();
  const nowPassing = Object.keys(rules).filter((t) => tests.includes(t) && !failures.has(t));
  console.log(`test262 built-ins/Promise at ${PIN.slice(0, 12)} against ${which === 'main' ? 'the main export' : which === 'es' ? 'ferrobird/es' : 'native Promise'}`);
  console.log(`excluded: ${skip.size} (excluded.js: ${[...new Set(skip.values())].join('; ')})`);
  for (const test of [...failures.keys()].sort()) {
    const rule = rules[test];
    console.log(`  ${rule ? 'listed' : 'FAILED'} ${test}: ${rule || failures.get(test)}`);
  }
  for (const test of nowPassing) console.log(`  listed but passes (take it off main-export-rules.json): ${test}`);
  console.log(`${tests.length - failures.size} passed, ${failures.size} failed${which === 'main' ? ` (${failures.size - unexpected.length} listed with the Bluebird rule that decides them)` : ''}`);
  if (which === 'bluebird') {
    // The list's check: each test the main export fails, bluebird 3.7.2 fails too (it fails
    // more, which ferrobird passes), but where it has no such method (withResolvers).
    const passingThere = nowPassing.filter((t) => !t.startsWith('withResolvers/'));
    console.log(`listed tests bluebird 3.7.2 passes: ${passingThere.length} (besides withResolvers, which it lacks)`);
    if (knownMode && passingThere.length > 0) process.exitCode = 1;
    return;
  }
  if (knownMode ? unexpected.length > 0 || nowPassing.length > 0 : failures.size > 0) process.exitCode = 1;
}

main();
