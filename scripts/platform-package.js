'use strict';
// The prebuilt platform packages (npm/<triple>/, published as `ferrobird-<triple>`, napi-rs's
// layout), for the release workflow and the packaging test:
//
//   node scripts/platform-package.js artifact [<triple>] [<addon>]
//       copies a built addon (default ./ferrobird.node) into npm/<triple>/ferrobird.<triple>.node
//       (default triple: this platform's)
//   node scripts/platform-package.js version
//       gives every platform package the main package's version, and the main package its
//       optional dependencies on them (at release only: until they are published, no lock
//       file can hold them, and `npm ci` refuses a package.json that names them)
const fs = require('fs');
const path = require('path');
const { platformTriple } = require('../lib/platform');

const root = path.resolve(__dirname, '..');
const [command, ...rest] = process.argv.slice(2);

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

if (command === 'artifact') {
  const triple = rest[0] || platformTriple();
  const addon = path.resolve(rest[1] || path.join(root, 'ferrobird.node'));
  const dir = path.join(root, 'npm', triple);
  if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`no platform package for ${triple} in npm/`);
  fs.copyFileSync(addon, path.join(dir, `ferrobird.${triple}.node`));
  console.log(`npm/${triple}/ferrobird.${triple}.node`);
} else if (command === 'version') {
  const main = readJson(path.join(root, 'package.json'));
  main.optionalDependencies = main.optionalDependencies || {};
  for (const triple of fs.readdirSync(path.join(root, 'npm'))) {
    const file = path.join(root, 'npm', triple, 'package.json');
    const pkg = readJson(file);
    pkg.version = main.version;
    writeJson(file, pkg);
    main.optionalDependencies[pkg.name] = main.version;
  }
  writeJson(path.join(root, 'package.json'), main);
} else {
  console.error('usage: node scripts/platform-package.js artifact [<triple>] [<addon>] | version');
  process.exit(2);
}
