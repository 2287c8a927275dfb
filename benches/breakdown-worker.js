'use strict';
// Runs one workload on one library ROUNDS + 1 times (the first warms the JIT up), for
// breakdown.js's profiler. No forced GC between rounds: only the collections the workload
// causes are counted.
const libraries = require('./libraries');

const [workloadName, libraryName, rounds] = process.argv.slice(2);
const workload = require(`./workloads/${workloadName}`);
const P = libraries[libraryName]();

async function main() {
  for (let i = 0; i <= Number(rounds); i++) {
    await workload.run(P);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
