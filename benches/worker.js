'use strict';
// Runs one workload on one library in this process and prints {ms, mb} as JSON.
// The first run warms the JIT up; the second is measured.
const libraries = require('./libraries');

const [workloadName, libraryName] = process.argv.slice(2);
const workload = require(`./workloads/${workloadName}`);
const P = libraries[libraryName]();

async function main() {
  await workload.run(P);
  if (global.gc) global.gc();
  const start = process.hrtime.bigint();
  await workload.run(P);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const mb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, mb }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
