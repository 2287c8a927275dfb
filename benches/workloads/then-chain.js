'use strict';
// A then-chain of 1e6 links, built at once and then run.
module.exports = {
  description: 'then-chain, 1e6 links',
  run(P) {
    const inc = (v) => v + 1;
    let p = P.resolve(0);
    for (let i = 0; i < 1e6; i++) p = p.then(inc);
    return p.then((v) => {
      if (v !== 1e6) throw new Error('wrong result ' + v);
    });
  },
};
