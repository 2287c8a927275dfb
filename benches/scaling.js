'use strict';
// How time grows with size (issue #5: doubling the size may cost at most 2.3x the time).
// Each shape runs at n and 2n, ferrobird and native, each run in a fresh process, median of
// SCALING_RUNS (default 3). Part of `npm run bench`; `node benches/scaling.js` alone.
const { execFileSync } = require('child_process');
const median = require('./lib/median');

const RUNS = Number(process.env.SCALING_RUNS || 3);
const SHAPES = {
  'then-chain': { n: 2.5e6, describe: 'then-chain built at once' },
  'nested-thenables': { n: 5e5, describe: 'thenables nested n deep' },
  'random-settle': { n: 5e5, describe: 'n pending promises settled in random order' },
  all: { n: 5e5, describe: 'Promise.all of n (a third pending on setImmediate)' },
};

if (process.argv[2] === '--run') {
  const [, , , shape, size, library] = process.argv;
  const P = library === 'native' ? Promise : require('..');
  const n = Number(size);
  const started = process.hrtime.bigint();
  run(shape, n, P).then(() => {
    process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
  });
} else {
  main();
}

function run(shape, n, P) {
  switch (shape) {
    case 'then-chain': {
      const inc = (v) => v + 1;
      let p = P.resolve(0);
      for (let i = 0; i < n; i++) p = p.then(inc);
      return p.then((v) => check(v === n));
    }
    case 'nested-thenables': {
      let value = 0;
      for (let i = 0; i < n; i++) {
        const inner = value;
        value = { then(resolve) { resolve(inner); } };
      }
      return P.resolve(value).then((v) => check(v === 0));
    }
    case 'random-settle': {
      const resolvers = new Array(n);
      let count = 0;
      const seen = () => { count++; };
      for (let i = 0; i < n; i++) new P((resolve) => { resolvers[i] = resolve; }).then(seen);
      let x = 2463534242;
      for (let i = n - 1; i > 0; i--) {
        x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
        const j = (x >>> 0) % (i + 1);
        const t = resolvers[i]; resolvers[i] = resolvers[j]; resolvers[j] = t;
      }
      for (let i = 0; i < n; i++) resolvers[i](i);
      return new P((resolve) => setTimeout(resolve, 0)).then(() => check(count === n));
    }
    case 'all': {
      const inputs = new Array(n);
      for (let i = 0; i < n; i++) inputs[i] = i % 3 === 0 ? i : i % 3 === 1 ? P.resolve(i) : new P((r) => setImmediate(r, i));
      return P.all(inputs).then((values) => check(values.length === n && values[n - 1] === n - 1));
    }
    default: throw new Error(`unknown shape ${shape}`);
  }
}

function check(ok) {
  if (!ok) throw new Error('wrong result');
}

function measure(shape, n, library) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(Number(execFileSync(process.execPath, [__filename, '--run', shape, String(n), library], { encoding: 'utf8' })));
  }
  return median(samples);
}

function main() {
  const lines = [
    `Scaling: time at n and 2n, median of ${RUNS} runs; growth = time(2n) / time(n), target <= 2.3x`,
    '',
    '| shape | n | ferrobird ms (n / 2n) | growth | native ms (n / 2n) | growth |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [shape, { n, describe }] of Object.entries(SHAPES)) {
    const cells = [];
    for (const library of ['ferrobird', 'native']) {
      const small = measure(shape, n, library);
      const large = measure(shape, 2 * n, library);
      cells.push(`${small.toFixed(0)} / ${large.toFixed(0)}`, `${(large / small).toFixed(2)}x`);
    }
    lines.push(`| ${describe} | ${n.toExponential().replace('e+', 'e')} | ${cells.join(' | ')} |`);
    process.stderr.write(`measured ${shape}\n`);
  }
  console.log(lines.join('\n'));
}
