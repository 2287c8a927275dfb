'use strict';
// Runs one workload on one library in this process and prints {ms, mb} as JSON.
// The first run warms the JIT up; the second is measured. With BENCH_IN_STORE=1 the workload
// runs inside an AsyncLocalStorage store, as a request handler's code does.
const { AsyncLocalStorage } = require('async_hooks');
const libraries = require('./libraries');

const [workloadName, libraryName] = process.argv.slice(2);
const workload = require(`./workloads/${workloadName}`);
const P = libraries[libraryName]();
const storage = new AsyncLocalStorage();
const run = process.env.BENCH_IN_STORE === '1' ? () => storage.run({ request: 1 }, () => workload.run(P)) : () => workload.run(P);

async function main() {
  await run();
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const mb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, mb }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
