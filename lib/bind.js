'use strict';
// .bind(thisArg) and Promise.bind(thisArg, value): handlers of the bound promise and of the
// promises derived from it run with `this` set to thisArg (once thisArg, if a promise, has
// settled).

module.exports = function installBind(core) {
  const { Promise, INTERNAL, resolve, reject, isPromise, LateReceiver } = core;

  // Settles `result` as `source` settles.
  function follow(source, result) {
    source.then(
      (value) => resolve(result, value),
      (reason) => reject(result, reason)
    );
  }

  function bound(promise, receiver) {
    const result = new Promise(INTERNAL);
    result._receiver = receiver;
    follow(promise, result);
    return result;
  }

  Promise.prototype.bind = function (thisArg) {
    if (isPromise(thisArg) || (thisArg !== null && typeof thisArg === 'object' && typeof thisArg.then === 'function')) {
      const source = this;
      const result = new Promise(INTERNAL);
      const late = new LateReceiver();
      result._receiver = late;
      Promise.resolve(thisArg).then(
        (receiver) => {
          late.value = receiver;
          follow(source, result);
        },
        (reason) => reject(result, reason)
      );
      return result;
    }
    return bound(this, thisArg);
  };

  Promise.bind = function (thisArg, value) {
    return Promise.resolve(value).bind(thisArg);
  };
};
