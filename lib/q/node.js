'use strict';
// Q's bridges to Node-style callback functions: nfapply, nfcall, denodeify/nfbind, nbind,
// npost/nmapply, ninvoke/nsend/nmcall. As in Q, the function is called on a later tick, and
// a throw (or a rejected promise it returns) rejects the result.

const slice = Array.prototype.slice;

const messages = require('../messages');

module.exports = function installNode(q) {
  const { Q, Promise, INTERNAL, nodeResolver, rejectUnlessResolved, rejectOnce } = q;
  const proto = Promise.prototype;

  // Calls `fn` with `nodeArgs` and a node-style resolver appended, on a later tick.
  function callLater(fn, thisp, nodeArgs) {
    const promise = new Promise(INTERNAL);
    nodeArgs.push(nodeResolver(promise));
    if (typeof fn !== 'function') {
      // A promise for a function (or no function at all): Q's own path through `fapply`.
      Q(fn).dispatch('apply', [thisp, nodeArgs]).fail(rejectOnce(promise));
      return promise;
    }
    queueMicrotask(() => {
      let result;
      try {
        result = fn.apply(thisp, nodeArgs);
      } catch (error) {
        rejectUnlessResolved(promise, error);
        return;
      }
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        Q(result).then(undefined, rejectOnce(promise));
      }
    });
    return promise;
  }

  function callMethodLater(object, name, nodeArgs) {
    const promise = new Promise(INTERNAL);
    nodeArgs.push(nodeResolver(promise));
    Q(object).dispatch('post', [name, nodeArgs]).fail(rejectOnce(promise));
    return promise;
  }

  Q.nfapply = function nfapply(callback, args) {
    return callLater(callback, undefined, slice.call(args));
  };
  Q.nfcall = function nfcall(callback) {
    return callLater(callback, undefined, slice.call(arguments, 1));
  };
  Q.denodeify = Q.nfbind = function denodeify(callback) {
    if (callback === undefined) throw new Error(messages.Q_NO_FUNCTION);
    const baseArgs = slice.call(arguments, 1);
    return function denodeified() {
      return callLater(callback, undefined, baseArgs.concat(slice.call(arguments)));
    };
  };
  Q.nbind = function nbind(callback, thisp) {
    const baseArgs = slice.call(arguments, 2);
    return function nbound() {
      const nodeArgs = baseArgs.concat(slice.call(arguments));
      if (typeof callback === 'function') return callLater(callback, thisp, nodeArgs);
      return callLater(function bound() {
        return callback.apply(thisp, arguments);
      }, undefined, nodeArgs);
    };
  };
  Q.npost = Q.nmapply = function npost(object, name, args) {
    return callMethodLater(object, name, slice.call(args || []));
  };
  Q.ninvoke = Q.nsend = Q.nmcall = function ninvoke(object, name) {
    return callMethodLater(object, name, slice.call(arguments, 2));
  };

  proto.nfapply = function nfapply(args) {
    return callLater(this, undefined, slice.call(args));
  };
  proto.nfcall = function nfcall() {
    return callLater(this, undefined, slice.call(arguments));
  };
  proto.denodeify = proto.nfbind = function denodeify() {
    return Q.denodeify.apply(undefined, [this].concat(slice.call(arguments)));
  };
  proto.nbind = function nbind() {
    return Q.nbind.apply(undefined, [this].concat(slice.call(arguments)));
  };
  proto.npost = proto.nmapply = function npost(name, args) {
    return callMethodLater(this, name, slice.call(args || []));
  };
  proto.ninvoke = proto.nsend = proto.nmcall = function ninvoke(name) {
    return callMethodLater(this, name, slice.call(arguments, 1));
  };
};
