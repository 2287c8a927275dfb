'use strict';
// A dual callback/promise API, the LoopBack pattern: `findUser(id, cb)` calls back,
// `findUser(id)` returns a promise. `.asCallback(cb)` does both jobs in one line: with a
// callback it forwards the outcome node-style, without one it is a no-op, and it always
// returns the promise.
const Promise = require('ferrobird');

const users = new Map([[1, { id: 1, name: 'ada' }]]);

function findUser(id, callback) {
  return Promise.try(() => {
    const user = users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }).asCallback(callback);
}

findUser(1, (err, user) => {
  console.log('callback:', err, user.name);
  findUser(1)
    .then((again) => console.log('promise:', again.name))
    .then(() => findUser(2))
    .catch((error) => console.log('promise rejected:', error.message));
});
