'use strict';
// Where the time of one unit of a workload goes (a link of the then-chain, a job of
// resolve(i).then(f), a request of doxbee), by kind of code, on each library: `perf record`
// samples of the main thread, bucketed by symbol. Needs Linux `perf`.
//
//   node benches/breakdown.js [workload] [library ...]
//   (default: then-chain on ferrobird, ferrobird-es-timing, bluebird, native)
//   NODE=/path/to/node to run on another Node binary; ROUNDS=n measured rounds (default 6)
//
// ns per unit = samples x sampling period / (units x rounds), the warm-up round included in
// both. Buckets, first match wins:
//   GC                 V8's heap: scavenges, marking, sweeping, compaction, allocation slow paths
//   native microtasks  V8's promise and microtask builtins (the ES timing's microtask per job,
//                      native `then`, the host's own)
//   N-API boundary     Node-API's callback glue and V8's API-call builtins
//   Rust               ferrobird.node's own code (the engine, the ring)
//   JS                 optimized and baseline JS code (ferrobird's, bluebird's, the workload's)
//   V8 builtins, ICs   the rest of V8's builtins and inline-cache handlers called from JS
//   JIT compiler       TurboFan and Maglev at work on the main thread
//   kernel             page faults and the memory they commit, as the heap grows (most of
//                      it), the rest of the kernel
//   runtime, libc      V8's C++ runtime, Node, libc, perf's own JIT map writes
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const NODE = process.env.NODE || process.execPath;
const ROUNDS = Number(process.env.ROUNDS || 6);
const FREQUENCY = 4999;
const [workload = 'then-chain', ...chosen] = process.argv.slice(2);
const libraries = chosen.length ? chosen : ['ferrobird', 'ferrobird-es-timing', 'bluebird', 'native'];
const UNITS = {
  'then-chain': [1e6, 'link'],
  'resolve-then': [1e6, 'job'],
  'new-promise': [1e6, 'promise'],
  'doxbee-sequential': [1e4, 'request'],
  'doxbee-errors': [1e4, 'request'],
  'madeup-parallel': [1e4, 'request'],
  all: [1e5, 'element'],
  'map-concurrency': [1e5, 'element'],
  promisify: [1e5, 'call'],
};
const [units, unit] = UNITS[workload] || [1, 'run'];

const BUCKETS = [
  ['GC', /Heap|Scaveng|Mark|Sweep|Evacuat|Compact|GarbageCollect|Allocat|Remembered|WriteBarrier|Safepoint|MemoryChunk|PageMetadata|ObjectVisitor|IteratePointers|Space::/],
  ['native microtasks', /Builtins_.*(Microtask|Promise)|MicrotaskQueue/],
  ['N-API boundary', /napi_|v8impl|CallApiCallback|FunctionCallbackWrapper|InvokeFunctionCallback|HandleScope|CallbackInfo|node_napi_env|napi_env__/],
];

function bucketOf(dso, symbol, kernel) {
  if (kernel) return 'kernel';
  if (/ferrobird\.node/.test(dso)) return /napi/.test(symbol) ? 'N-API boundary' : 'Rust';
  if (/compiler::|maglev::|turboshaft::/.test(symbol)) return 'JIT compiler';
  for (const [name, pattern] of BUCKETS) if (pattern.test(symbol)) return name;
  if (/^JS:|^LazyCompile|^Function:|^Script:/.test(symbol) || /JIT|perf-\d+\.map/.test(dso)) return 'JS';
  if (/^Builtins_|^Builtin:|^Handler:|^Stub:|^BytecodeHandler:|^RegExp:/.test(symbol)) return 'V8 builtins, ICs';
  return 'runtime, libc';
}

const ORDER = ['JS', 'V8 builtins, ICs', 'native microtasks', 'N-API boundary', 'Rust', 'GC', 'kernel', 'JIT compiler', 'runtime, libc'];

function profile(library) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrobird-breakdown-'));
  const data = path.join(dir, 'perf.data');
  execFileSync('perf', ['record', '-q', '-F', String(FREQUENCY), '-o', data, '--', NODE, '--perf-basic-prof', path.join(__dirname, 'breakdown-worker.js'), workload, library, String(ROUNDS)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const report = execFileSync('perf', ['report', '-i', data, '--stdio', '--no-children', '-F', 'comm,dso,sym,sample', '--field-separator', '\t'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const samples = Object.fromEntries(ORDER.map((name) => [name, 0]));
  const detail = new Map();
  for (const line of report.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [comm, dso, sym, count] = line.split('\t').map((s) => s.trim());
    // The main thread only: GC helpers and the platform's workers run beside it.
    if (!/^(node|MainThread)$/.test(comm)) continue;
    const symbol = sym.replace(/^\[[.k]\]\s*/, '');
    const bucket = bucketOf(dso, symbol, sym.startsWith('[k]'));
    samples[bucket] += Number(count);
    if (bucket === process.env.BREAKDOWN_DETAIL) detail.set(symbol, (detail.get(symbol) || 0) + Number(count));
  }
  // BREAKDOWN_DETAIL=<bucket>: that bucket's commonest symbols, to check the buckets.
  if (detail.size > 0) {
    const top = [...detail].sort((a, b) => b[1] - a[1]).slice(0, 25);
    process.stderr.write(`${library}, ${process.env.BREAKDOWN_DETAIL}:\n${top.map(([s, n]) => `  ${n}  ${s.slice(0, 120)}`).join('\n')}\n`);
  }
  const nsPerSample = 1e9 / FREQUENCY;
  const perUnit = units * (ROUNDS + 1);
  return Object.fromEntries(ORDER.map((name) => [name, (samples[name] * nsPerSample) / perUnit]));
}

const nodeVersion = execFileSync(NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
const results = libraries.map((library) => {
  process.stderr.write(`profiling ${workload} on ${library}\n`);
  return profile(library);
});
const lines = [
  `ns per ${unit} of ${workload}, node ${nodeVersion}, perf at ${FREQUENCY} Hz, main thread, ${ROUNDS} rounds and a warm-up`,
  '',
  `| where | ${libraries.join(' | ')} |`,
  `| --- |${libraries.map(() => ' ---: |').join('')}`,
];
for (const name of ORDER) {
  lines.push(`| ${name} | ${results.map((r) => r[name].toFixed(0)).join(' | ')} |`);
}
lines.push(`| **total** | ${results.map((r) => `**${ORDER.reduce((sum, name) => sum + r[name], 0).toFixed(0)}**`).join(' | ')} |`);
console.log(lines.join('\n'));
