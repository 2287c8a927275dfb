'use strict';
// Where a workload's time goes, by function: runs benches/worker.js under V8's sampling
// profiler (--cpu-prof) in a temporary directory and prints the top self times.
//   node benches/profile.js <workload> [library] [top]     (library: ferrobird by default)
// Native frames (the addon, N-API, GC) need perf or callgrind: see benches/README.md.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [workload, library = 'ferrobird', top = '25'] = process.argv.slice(2);
if (!workload) {
  console.error('usage: node benches/profile.js <workload> [library] [top]');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-profile-'));
execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--expose-gc', path.join(__dirname, 'worker.js'), workload, library], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
fs.rmSync(dir, { recursive: true, force: true });

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
profile.samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url ? ` ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
  const key = (functionName || '(anonymous)') + where;
  selfTime.set(key, (selfTime.get(key) || 0) + (profile.timeDeltas[i] || 0));
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
console.log(`${workload} on ${library}: self time by function, ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, time] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((time / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}
