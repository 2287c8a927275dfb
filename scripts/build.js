'use strict';
// Builds the native addon from source with cargo and places it at ./ferrobird.node.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'ferrobird.node');

// `--if-missing` (the install script): nothing to build when this platform's prebuilt
// package was installed (an optional dependency), or an addon is already here.
if (process.argv.includes('--if-missing')) {
  if (fs.existsSync(out)) process.exit(0);
  const prebuilt = `ferrobird-${require('../lib/platform').platformTriple()}`;
  try {
    require.resolve(prebuilt, { paths: [root] });
    process.exit(0);
  } catch (error) {
    // Not installed for this platform: build from source.
  }
}

const cargo = process.env.CARGO || 'cargo';
const probe = spawnSync(cargo, ['--version'], { stdio: 'ignore' });
if (probe.error || probe.status !== 0) {
  // npm removes a dependency whose install script failed, so the retry is the install itself.
  console.error(
    "ferrobird: building the native addon needs Rust's cargo (Rust 1.80 or later), and none was found on PATH.\n" +
    'Install Rust with rustup (https://rustup.rs; it puts cargo on PATH), open a new shell, then run the same\n' +
    '`npm install` again. (Or set CARGO to the path of a cargo binary.)'
  );
  process.exit(1);
}

// Installed as a dependency (inside node_modules), the build goes to a temporary folder that
// is removed afterwards: only the addon stays in the package (cargo's target/ is ~110 MB).
const installed = root.split(path.sep).includes('node_modules');
const temporaryTarget = installed && !process.env.CARGO_TARGET_DIR
  ? fs.mkdtempSync(path.join(require('os').tmpdir(), 'ferrobird-build-'))
  : null;
const targetDir = temporaryTarget !== null
  ? temporaryTarget
  : process.env.CARGO_TARGET_DIR
    ? path.resolve(root, process.env.CARGO_TARGET_DIR)
    : path.join(root, 'target');

// Cargo.toml's rust-version: cargo itself refuses an older toolchain with a message naming it.
console.error('ferrobird: building the native addon with cargo (Rust 1.80 or later), about a minute...');
// --locked: exactly the dependency versions of Cargo.lock, never newer ones resolved now.
const build = spawnSync(cargo, ['build', '--release', '--lib', '--locked'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CARGO_TARGET_DIR: targetDir },
});
if (build.status !== 0) {
  if (temporaryTarget !== null) fs.rmSync(temporaryTarget, { recursive: true, force: true });
  process.exit(build.status || 1);
}

const names = { win32: 'ferrobird.dll', darwin: 'libferrobird.dylib' };
const built = path.join(targetDir, 'release', names[process.platform] || 'libferrobird.so');
// Copy to a temporary name and rename, so a process that has the old addon loaded keeps it.
fs.copyFileSync(built, out + '.tmp');
fs.renameSync(out + '.tmp', out);
if (temporaryTarget !== null) fs.rmSync(temporaryTarget, { recursive: true, force: true });
