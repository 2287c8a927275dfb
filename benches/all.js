'use strict';
// `npm run bench`: every table, in order, each script on the Node binary NODE names (default:
// this one), so that `NODE=/path/to/node npm run bench` measures another Node line.
const { execFileSync } = require('child_process');
const path = require('path');

const NODE = process.env.NODE || process.execPath;
const SCRIPTS = ['run.js', 'scaling.js', 'pending-memory.js', 'calls.js', 'timers.js'];

for (const script of SCRIPTS) {
  // Workload names, if any, are for the main table.
  const args = script === 'run.js' ? process.argv.slice(2) : [];
  execFileSync(NODE, [path.join(__dirname, script), ...args], {
    stdio: 'inherit',
    env: { ...process.env, NODE },
  });
}
