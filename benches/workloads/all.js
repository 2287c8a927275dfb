'use strict';
// Promise.all over 1e5 promises, half already settled, half settling later.
module.exports = {
  description: 'Promise.all of 1e5',
  run(P) {
    const inputs = new Array(1e5);
    const resolvers = [];
    for (let i = 0; i < 1e5; i++) {
      inputs[i] = i % 2 === 0 ? P.resolve(i) : new P((resolve) => resolvers.push(() => resolve(i)));
    }
    const all = P.all(inputs);
    for (const resolve of resolvers) resolve();
    return all.then((values) => {
      if (values.length !== 1e5 || values[99999] !== 99999) throw new Error('wrong result');
    });
  },
};
