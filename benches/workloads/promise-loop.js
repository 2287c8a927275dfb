'use strict';
// A promise loop: each turn's handler returns the next turn's promise (a chain of 1e6
// followers), the shape of Bluebird-era polling, retry and pagination loops.
module.exports = {
  description: 'promise loop, 1e6 turns',
  run(P) {
    let n = 0;
    function loop() {
      return ++n < 1e6 ? P.resolve(n).then(loop) : n;
    }
    return P.resolve().then(loop).then((v) => {
      if (v !== 1e6) throw new Error('wrong result ' + v);
    });
  },
};
