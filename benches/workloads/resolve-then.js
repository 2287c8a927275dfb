'use strict';
// 1e6 x Promise.resolve(i).then(f).
module.exports = {
  description: '1e6 x resolve(i).then(f)',
  run(P) {
    return new P((done) => {
      let count = 0;
      const f = () => {
        if (++count === 1e6) done();
      };
      for (let i = 0; i < 1e6; i++) P.resolve(i).then(f);
    });
  },
};
