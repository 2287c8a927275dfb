'use strict';
// `npm run test:node-matrix`: the JS suites and the conformance suites on other Node lines,
// with Node binaries installed from npm (the node-<platform>-<arch> packages) into
// .node-matrix/<line>/. The addon built for the local Node loads on each: N-API is ABI-stable.
//
//   node scripts/node-matrix.js [22 24 26]      (default: 22, 24 and 26)
//
// The local Node (20 here) runs the same suites in `npm test`. Each line runs everything
// `npm test` runs after the build, lint, cargo and types steps: the node:test files, and
// Bluebird's (both timings), q's, rsvp's, Promises/A+ and the ES6 suites.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lines = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24', '26'];
const platform = process.platform === 'win32' ? 'win' : process.platform;
const packageName = `node-${platform}-${process.arch}`;

function nodeBinary(line) {
  const prefix = path.join(root, '.node-matrix', line);
  const binary = path.join(prefix, 'node_modules', packageName, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(prefix, { recursive: true });
    console.log(`installing ${packageName}@${line} into ${path.relative(root, prefix)}`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `${packageName}@${line}`], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  }
  if (!fs.existsSync(binary)) throw new Error(`no Node ${line} binary at ${binary} after installing ${packageName}@${line}`);
  return binary;
}

const testFiles = fs.readdirSync(path.join(root, '__test__')).filter((f) => f.endsWith('.test.js')).map((f) => path.join('__test__', f));

// What `npm test` runs after building: [label, arguments to node].
const steps = [
  ['node:test files', ['--expose-gc', '--test', '--test-reporter=tap', ...testFiles]],
  ["Bluebird's suite, both timings", ['__test__/conformance/bluebird/run.js', '--known']],
  ["rsvp's suite", ['__test__/conformance/rsvp/run.js', '--known']],
  ["q's suite", ['__test__/conformance/q/run.js', '--known']],
  ['Promises/A+', ['--unhandled-rejections=none', '__test__/conformance/aplus.js']],
  ['ES6 suite', ['--unhandled-rejections=none', '__test__/conformance/es6.js']],
  ['test262 against ferrobird/es', ['__test__/conformance/test262/run.js', '--library', 'es']],
  ['test262 against the main export', ['__test__/conformance/test262/run.js', '--library', 'main', '--known']],
];

// The failed tests with their details (a TAP `not ok` and its indented block), else the
// output's end: the end alone hid which test failed among 400.
function failureReport(output) {
  const lines = output.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*not ok /.test(lines[i])) continue;
    const block = [lines[i]];
    while (i + 1 < lines.length && /^\s+(\S|$)/.test(lines[i + 1]) && !/^\s*(not )?ok /.test(lines[i + 1])) block.push(lines[++i]);
    blocks.push(block.slice(0, 60).join('\n'));
  }
  return blocks.length > 0 ? blocks.join('\n') : output.slice(-4000);
}

let failed = 0;
for (const line of lines) {
  const node = nodeBinary(line);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  for (const [label, args] of steps) {
    const started = Date.now();
    // Child processes of the suites (`process.execPath`, and `node` found on PATH by the
    // packaging and runner tests) are this Node too.
    const result = spawnSync(node, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: path.dirname(node) + path.delimiter + process.env.PATH },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = (result.stdout || '') + (result.stderr || '');
    const summary = output.split('\n').filter((l) => /^(# (pass|fail) |\d+ passed, \d+ failed|\s+\d+ (passing|failing|pending))/.test(l)).map((l) => l.trim());
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const ok = result.status === 0;
    console.log(`${ok ? 'ok' : 'FAILED'}  Node ${version}  ${label} (${seconds} s): ${summary.join('; ')}`);
    if (!ok) {
      failed++;
      console.log(failureReport(output));
    }
  }
}
console.log(failed === 0 ? `all steps passed on Node ${lines.join(', ')}` : `${failed} step(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;
