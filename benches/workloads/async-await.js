'use strict';
// An async function awaiting 1e6 promises of the library, one after the other.
module.exports = {
  description: 'async function awaiting 1e6 promises',
  async run(P) {
    let sum = 0;
    for (let i = 0; i < 1e6; i++) sum += await P.resolve(1);
    if (sum !== 1e6) throw new Error('wrong result ' + sum);
  },
};
