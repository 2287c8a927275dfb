'use strict';
// 1e6 x new Promise(r => r(i)).
module.exports = {
  description: '1e6 x new Promise(r => r(i))',
  run(P) {
    let last;
    for (let i = 0; i < 1e6; i++) last = new P((resolve) => resolve(i));
    return last;
  },
};
