'use strict';
// Q's collections: all, allSettled, any, race, spread, join (and the deprecated allResolved).
// As in Q, `all` and `allSettled` accept a promise for an array, start on a later tick, and
// `all` fills the input array with the values; an element's progress is passed on as
// `{ index, value }`.

const messages = require('../messages');

module.exports = function installCombinators(q) {
  const { Q, Promise, isPromise, defer } = q;
  const proto = Promise.prototype;

  function allOf(array) {
    let pendingCount = 0;
    const deferred = defer();
    for (let index = 0; index < array.length; index++) {
      if (!(index in array)) continue;
      const element = array[index];
      if (isPromise(element) && element.isFulfilled()) {
        array[index] = element._value;
        continue;
      }
      pendingCount++;
      Q(element).then(
        (value) => {
          array[index] = value;
          if (--pendingCount === 0) deferred.resolve(array);
        },
        deferred.reject,
        (progress) => deferred.notify({ index, value: progress })
      );
    }
    if (pendingCount === 0) deferred.resolve(array);
    return deferred.promise;
  }

  function all(promises) {
    return Q(promises).then(allOf);
  }

  function any(promises) {
    if (promises.length === 0) return Q();
    const deferred = defer();
    let pendingCount = 0;
    for (let index = 0; index < promises.length; index++) {
      if (!(index in promises)) continue;
      pendingCount++;
      Q(promises[index]).then(
        (result) => deferred.resolve(result),
        (error) => {
          if (--pendingCount !== 0) return;
          const rejection = error || new Error('' + error);
          rejection.message = "Q can't get fulfillment value from any promise, all promises were rejected. " +
            'Last error message: ' + rejection.message;
          deferred.reject(rejection);
        },
        (progress) => deferred.notify({ index, value: progress })
      );
    }
    return deferred.promise;
  }

  function allSettled(promises) {
    return Q(promises).then((array) => all(Array.prototype.map.call(array, (element) => {
      const promise = Q(element);
      const regardless = () => promise.inspect();
      return promise.then(regardless, regardless);
    })));
  }

  function race(answers) {
    return Q.Promise((resolve, reject) => {
      for (let i = 0, length = answers.length; i < length; i++) Q(answers[i]).then(resolve, reject);
    });
  }

  let warnedAllResolved = false;
  function allResolved(promises) {
    if (!warnedAllResolved) {
      warnedAllResolved = true;
      console.warn('allResolved is deprecated, use allSettled instead.');
    }
    return Q(promises).then((array) => {
      const settled = Array.prototype.map.call(array, Q);
      return all(settled.map((promise) => promise.then(() => undefined, () => undefined))).then(() => settled);
    });
  }

  Q.all = all;
  Q.any = any;
  Q.allSettled = allSettled;
  Q.race = race;
  Q.allResolved = allResolved;
  Q.spread = function spread(value, fulfilled, rejected) {
    return Q(value).spread(fulfilled, rejected);
  };
  Q.join = function join(x, y) {
    return Q(x).join(y);
  };

  proto.all = function () {
    return all(this);
  };
  // (Q 1.5.1 reads `this.length` of the promise itself here; waiting for the array is what
  // the method is for.)
  proto.any = function () {
    return this.then(any);
  };
  proto.allSettled = function () {
    return allSettled(this);
  };
  proto.allResolved = function () {
    return allResolved(this);
  };
  proto.race = function () {
    return this.then(race);
  };
  proto.spread = function spread(fulfilled, rejected) {
    return this.all().then((array) => fulfilled.apply(undefined, array), rejected);
  };
  proto.join = function join(that) {
    return Q([this, that]).spread((x, y) => {
      if (x === y) return x;
      throw new Error(messages.qJoin(x, y));
    });
  };
};
