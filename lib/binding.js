'use strict';
// Loads the native engine: the prebuilt package for this platform (`ferrobird-<triple>`, an
// optional dependency, as napi-rs packages ship theirs), else the addon built from source at
// install (./ferrobird.node, scripts/build.js). When neither loads, the error says what was
// tried and how to build.
const path = require('path');
const { platformTriple } = require('./platform');

const triple = platformTriple();
const prebuilt = `ferrobird-${triple}`;
const local = path.join(__dirname, '..', 'ferrobird.node');
const { version } = require('../package.json');

// The prebuilt package, if one of this very version is installed: an addon of another
// version may speak another ring layout or lack an entry point (a stale lockfile, a hoisted
// copy of another ferrobird's), so it is refused, and the local build tried.
function loadPrebuilt() {
  const manifest = require(`${prebuilt}/package.json`);
  if (manifest.version !== version) {
    throw new Error(`it is version ${manifest.version}, this ferrobird is ${version}`);
  }
  return require(prebuilt);
}

function load() {
  const failures = [];
  try {
    return loadPrebuilt();
  } catch (error) {
    failures.push(`the prebuilt package ${prebuilt}: ${error.code === 'MODULE_NOT_FOUND' ? 'not installed' : error.message}`);
  }
  try {
    return require(local);
  } catch (error) {
    failures.push(`the addon built from source (${local}): ${error.code === 'MODULE_NOT_FOUND' ? 'not built' : error.message}`);
  }
  const wrapped = new Error(
    `ferrobird: the native engine could not be loaded for ${triple}. Tried:\n` +
      failures.map((f) => '  - ' + f).join('\n') +
      "\nInstall the package with its optional dependencies, or build it from source: `npm rebuild ferrobird` (needs Rust's cargo)."
  );
  throw wrapped;
}

module.exports = load();
