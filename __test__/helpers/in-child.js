'use strict';
// Runs `body` in a fresh Node process with `name` bound to `require(lib)` and an `out` array
// that is printed, with the exit code, as JSON when the process exits. For per-process
// behaviour: unhandled rejections, uncaught exceptions, environment switches, schedulers.

const { spawnSync } = require('node:child_process');

function inChild(name, lib, body, args = [], env = {}) {
  const source = `const ${name} = require(${JSON.stringify(lib)});\nconst out = [];\n` +
    `process.on('exit', (code) => process.stdout.write(JSON.stringify({ code, out })));\n${body}`;
  const child = spawnSync(process.execPath, [...args, '-e', source], { encoding: 'utf8', env: { ...process.env, ...env } });
  try {
    return JSON.parse(child.stdout);
  } catch (error) {
    return { stdout: child.stdout, stderr: child.stderr, status: child.status };
  }
}

module.exports = { inChild };
