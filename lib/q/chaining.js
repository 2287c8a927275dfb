'use strict';
// Q's handler sugar: fail/catch, fin/finally, tap, thenResolve/thenReject, done, nodeify,
// each also as a static that takes the promise (or value) first, as Q has them.

const messages = require('../messages');

module.exports = function installChaining(q) {
  const { Q, Promise } = q;
  const proto = Promise.prototype;

  proto.catch = proto.fail = function fail(rejected) {
    return this.then(undefined, rejected);
  };

  proto.finally = proto.fin = function fin(callback) {
    if (!callback || typeof callback.apply !== 'function') {
      throw new Error(messages.Q_FINALLY);
    }
    return this.then(
      (value) => Q(callback()).then(() => value),
      (reason) => Q(callback()).then(() => {
        throw reason;
      })
    );
  };

  proto.tap = function tap(callback) {
    return this.then((value) => Q(callback).fcall(value).thenResolve(value));
  };

  proto.thenResolve = function thenResolve(value) {
    return this.then(() => value);
  };

  proto.thenReject = function thenReject(reason) {
    return this.then(() => {
      throw reason;
    });
  };

  // Ends a chain: a rejection that reaches here is thrown on a later tick (or handed to
  // Q.onerror), where nothing can turn it back into a rejection.
  proto.done = function done(fulfilled, rejected, progressed) {
    const promise = fulfilled || rejected || progressed ? this.then(fulfilled, rejected, progressed) : this;
    let onUnhandledError = function (error) {
      Q.nextTick(() => {
        if (Q.onerror) Q.onerror(error);
        else throw error;
      });
    };
    if (process.domain) onUnhandledError = process.domain.bind(onUnhandledError);
    promise.then(undefined, onUnhandledError);
  };

  proto.nodeify = function nodeify(nodeback) {
    if (!nodeback) return this;
    this.then(
      (value) => Q.nextTick(() => nodeback(null, value)),
      (error) => Q.nextTick(() => nodeback(error))
    );
    return undefined;
  };

  Q.catch = Q.fail = function fail(object, rejected) {
    return Q(object).then(undefined, rejected);
  };
  Q.finally = Q.fin = function fin(object, callback) {
    return Q(object).finally(callback);
  };
  Q.tap = function tap(promise, callback) {
    return Q(promise).tap(callback);
  };
  Q.thenResolve = function thenResolve(promise, value) {
    return Q(promise).thenResolve(value);
  };
  Q.thenReject = function thenReject(promise, reason) {
    return Q(promise).thenReject(reason);
  };
  Q.done = function done(object, fulfilled, rejected, progressed) {
    return Q(object).done(fulfilled, rejected, progressed);
  };
  Q.nodeify = function nodeify(object, nodeback) {
    return Q(object).nodeify(nodeback);
  };
};
