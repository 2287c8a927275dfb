'use strict';
// The package as a user receives it: `npm pack`, then `npm install <tarball>` into an empty
// project with the network off (npm --offline, CARGO_NET_OFFLINE). The install script builds
// the addon from the shipped Rust sources with cargo, in a target directory of its own, so
// this proves the tarball carries everything the build needs. Then a CommonJS script, an ESM
// script and a `tsc --strict` compile run against the installed copy.

const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command, args, options) {
  const child = spawnSync(command, args, { encoding: 'utf8', ...options });
  const output = `${command} ${args.join(' ')}\n${child.stdout}\n${child.stderr}`;
  assert.strictEqual(child.status, 0, output);
  return child.stdout;
}

function runNode(cwd, file) {
  return JSON.parse(run(process.execPath, [file], { cwd }));
}

const CJS = `'use strict';
const Promise = require('ferrobird');
const Q = require('ferrobird/q');
const RSVP = require('ferrobird/rsvp');
const { version } = require('ferrobird/package.json');
Promise.map([1, 2, 3], (n) => Promise.delay(1, n * 2), { concurrency: 2 })
  .then((doubled) => Promise.all([doubled, Q.all([Q(1), 2]), RSVP.hash({ a: RSVP.resolve('a') })]))
  .then((results) => {
    const rejected = Promise.reject(new Promise.TimeoutError('t')).reflect();
    return rejected.then((inspection) => {
      console.log(JSON.stringify({ results, rejected: inspection.isRejected(), version: typeof version,
        isNative: Promise === global.Promise }));
    });
  });
`;

const ESM = `import Promise, { TimeoutError } from 'ferrobird';
import Q from 'ferrobird/q';
import RSVP from 'ferrobird/rsvp';
const timedOut = await Promise.delay(50).timeout(1).then(() => false, (e) => e instanceof TimeoutError);
const flavours = await Promise.all([Q.delay(1).thenResolve('q'), new RSVP.Promise((r) => r('rsvp'))]);
console.log(JSON.stringify({ timedOut, flavours, awaited: await Promise.resolve(7) }));
`;

const TS = `import Promise = require('ferrobird');
import { TimeoutError } from 'ferrobird';
import Q = require('ferrobird/q');
import RSVP = require('ferrobird/rsvp');

async function main(): globalThis.Promise<number> {
  const sizes: number[] = await Promise.map(['a', 'bb'], (s) => s.length, { concurrency: 1 });
  const fallback: number = await Promise.resolve(1).timeout(5).catch(TimeoutError, () => 0);
  // @ts-expect-error: map's mapper gets strings here, not numbers
  await Promise.map(['a'], (n: number) => n);
  const q: number = await Q(1).delay(1).thenResolve(2);
  const rsvp: { a: number } = await RSVP.hash({ a: RSVP.resolve(3) });
  // @ts-expect-error: the flavours are typed too
  const notAString: string = await Q(1);
  return sizes.length + fallback + q + rsvp.a + notAString.length;
}
export { main };
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: 'es2022', module: 'commonjs', moduleResolution: 'node',
    esModuleInterop: true, types: [], lib: ['es2022'],
  },
  files: ['consumer.ts'],
});

test('npm pack, then an offline install of the tarball builds the addon and works from CJS, ESM and TypeScript', { timeout: 15 * 60 * 1000 }, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-pack-'));
  try {
    const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: root }))[0];
    const shipped = new Set(packed.files.map((f) => f.path));
    for (const needed of ['Cargo.toml', 'Cargo.lock', 'build.rs', 'src/lib.rs', 'scripts/build.js', 'index.js', 'index.mjs', 'index.d.ts', 'es.js', 'es.mjs', 'es.d.ts', 'q.d.ts', 'rsvp.d.ts', 'package.json']) {
      assert.ok(shipped.has(needed), `the tarball lacks ${needed}`);
    }
    assert.ok(![...shipped].some((f) => f.endsWith('.node')), 'the tarball must not carry a prebuilt addon');
    assert.ok(![...shipped].some((f) => f.startsWith('__test__/') || f.startsWith('target/')), 'tests or build output leaked into the tarball');

    const project = path.join(scratch, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    // No CARGO_TARGET_DIR: the install script builds in a temporary folder of its own and
    // leaves only the addon in the package.
    const env = { ...process.env, CARGO_NET_OFFLINE: 'true' };
    delete env.CARGO_TARGET_DIR;
    run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, packed.filename)], { cwd: project, env });
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'ferrobird', 'ferrobird.node')), 'the install script did not build the addon');
    assert.ok(!fs.existsSync(path.join(project, 'node_modules', 'ferrobird', 'target')), "cargo's target/ was left in the installed package");

    fs.writeFileSync(path.join(project, 'consumer.cjs'), CJS);
    assert.deepStrictEqual(runNode(project, 'consumer.cjs'), {
      results: [[2, 4, 6], [1, 2], { a: 'a' }], rejected: true, version: 'string', isNative: false,
    });

    fs.writeFileSync(path.join(project, 'consumer.mjs'), ESM);
    assert.deepStrictEqual(runNode(project, 'consumer.mjs'), { timedOut: true, flavours: ['q', 'rsvp'], awaited: 7 });

    fs.writeFileSync(path.join(project, 'consumer.ts'), TS);
    fs.writeFileSync(path.join(project, 'tsconfig.json'), TSCONFIG);
    run(process.execPath, [tsc, '-p', project], { cwd: project });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

// The prebuilt path (issue #24): this platform's package, made as the release workflow makes
// it (npm/<triple>/ with the addon in it), packed beside the main package and installed
// offline with no cargo on PATH: the install script builds nothing, and the engine loads from
// the platform package. Then, with neither the package nor a built addon, the error says what
// was tried.
test('with the prebuilt package for this platform, an offline install needs no cargo', { timeout: 5 * 60 * 1000 }, (t) => {
  const { platformTriple } = require('../lib/platform');
  const triple = platformTriple();
  const template = path.join(root, 'npm', triple);
  if (!fs.existsSync(template)) {
    t.skip(`no platform package for ${triple} in npm/`);
    return;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-prebuilt-'));
  try {
    const platformDir = path.join(scratch, 'platform');
    fs.cpSync(template, platformDir, { recursive: true });
    fs.copyFileSync(path.join(root, 'ferrobird.node'), path.join(platformDir, `ferrobird.${triple}.node`));
    const platformTarball = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: platformDir }))[0].filename;
    const mainTarball = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: root }))[0].filename;

    const project = path.join(scratch, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    // PATH without any directory that holds cargo (this Node first): nothing to fall back on.
    const cargoName = process.platform === 'win32' ? 'cargo.exe' : 'cargo';
    const dirs = [path.dirname(process.execPath), ...process.env.PATH.split(path.delimiter)];
    const withoutCargo = dirs.filter((dir) => dir !== '' && !fs.existsSync(path.join(dir, cargoName)));
    const env = { ...process.env, PATH: [...new Set(withoutCargo)].join(path.delimiter), CARGO: path.join(scratch, 'no-cargo') };
    assert.notStrictEqual(spawnSync('cargo', ['--version'], { env }).status, 0, 'cargo is still on PATH');
    run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, platformTarball), path.join(scratch, mainTarball)], { cwd: project, env });
    assert.ok(fs.existsSync(path.join(project, 'node_modules', `ferrobird-${triple}`, `ferrobird.${triple}.node`)), 'the platform package was not installed');
    assert.ok(!fs.existsSync(path.join(project, 'node_modules', 'ferrobird', 'ferrobird.node')), 'the install script built the addon instead of using the prebuilt one');

    fs.writeFileSync(path.join(project, 'consumer.cjs'), CJS);
    assert.deepStrictEqual(runNode(project, 'consumer.cjs'), {
      results: [[2, 4, 6], [1, 2], { a: 'a' }], rejected: true, version: 'string', isNative: false,
    });

    // A prebuilt package of another version is refused, by name, and not loaded.
    const manifestPath = path.join(project, 'node_modules', `ferrobird-${triple}`, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: '0.0.0-other' }));
    const mismatched = spawnSync(process.execPath, ['-e', "require('ferrobird')"], { cwd: project, encoding: 'utf8' });
    assert.notStrictEqual(mismatched.status, 0);
    assert.match(mismatched.stderr, new RegExp(`the prebuilt package ferrobird-${triple}: it is version 0\\.0\\.0-other, this ferrobird is `));

    fs.rmSync(path.join(project, 'node_modules', `ferrobird-${triple}`), { recursive: true });
    const failed = spawnSync(process.execPath, ['-e', "require('ferrobird')"], { cwd: project, encoding: 'utf8' });
    assert.notStrictEqual(failed.status, 0);
    assert.match(failed.stderr, new RegExp(`could not be loaded for ${triple}\\. Tried:`));
    assert.match(failed.stderr, new RegExp(`the prebuilt package ferrobird-${triple}: not installed`));
    assert.match(failed.stderr, /the addon built from source \(.*\): not built/);
    assert.match(failed.stderr, /npm rebuild ferrobird/);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

// Without cargo, the install script says what to install and that the install itself is the
// retry (npm removes a dependency whose install script failed, so `npm rebuild` could not run).
test('without cargo, the build says what to install and how to retry', () => {
  const env = { ...process.env, CARGO: path.join(os.tmpdir(), 'ferrobird-no-such-cargo') };
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.js')], { env, encoding: 'utf8' });
  assert.strictEqual(result.status, 1);
  assert.match(result.stderr, /needs Rust's cargo \(Rust 1\.80 or later\), and none was found on PATH/);
  assert.match(result.stderr, /https:\/\/rustup\.rs/);
  assert.match(result.stderr, /run the same\n`npm install` again/);
});
