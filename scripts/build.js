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
  console.error(
    'ferrobird: building the native addon needs Rust\'s cargo, and none was found on PATH.\n' +
    'Install Rust (https://rustup.rs), then run `npm rebuild ferrobird`.'
  );
  process.exit(1);
}

const build = spawnSync(cargo, ['build', '--release', '--lib'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);

const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(root, process.env.CARGO_TARGET_DIR)
  : path.join(root, 'target');
const names = { win32: 'ferrobird.dll', darwin: 'libferrobird.dylib' };
const built = path.join(targetDir, 'release', names[process.platform] || 'libferrobird.so');
// Copy to a temporary name and rename, so a process that has the old addon loaded keeps it.
fs.copyFileSync(built, out + '.tmp');
fs.renameSync(out + '.tmp', out);
