'use strict';
// .bind(thisArg) and Promise.bind(thisArg, value): handlers of the bound promise and of the
// promises derived from it run with `this` set to thisArg (once thisArg, if a promise, has
// settled).

module.exports = function installBind(core) {
  const { Promise, INTERNAL, reject, fulfill, isPromise, LateReceiver, addReaction, STATE, FULFILLED } = core;

  // Settles `result` as `source` settles: a reaction with no handlers, made directly rather
  // than through `_then`, so a wrapper of `_then` sees what it sees with Bluebird's bind.
  // As with Bluebird, binding a fulfilled promise gives a fulfilled one at once.
  function follow(source, result) {
    if (isPromise(source) && (source._bits & STATE) === FULFILLED) fulfill(result, source._value);
    else addReaction(source, result);
  }

  function bound(promise, receiver) {
    const result = new Promise(INTERNAL);
    core.setReceiver(result, receiver);
    follow(promise, result);
    return result;
  }

  Promise.prototype.bind = function (thisArg) {
    if (isPromise(thisArg) || (thisArg !== null && typeof thisArg === 'object' && typeof thisArg.then === 'function')) {
      const source = this;
      const result = new Promise(INTERNAL);
      const late = new LateReceiver();
      core.setReceiver(result, late);
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
