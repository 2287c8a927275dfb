'use strict';
// Q's view of its unhandled rejections: Q.getUnhandledReasons, resetUnhandledRejections and
// stopUnhandledRejectionTracking. The reasons are collected when Node's tracker reports them
// (after the microtask queue drains), where Q lists them the moment they happen.

const unhandled = require('../unhandled');

function describe(reason) {
  if (reason && typeof reason.stack !== 'undefined') return reason.stack;
  return '(no stack) ' + reason;
}

module.exports = function installTracking(q) {
  const { Q, isPromise } = q;
  const promises = [];
  const reasons = [];
  let tracking = true;

  function onUnhandled(reason, promise) {
    if (!tracking) return;
    promises.push(promise);
    reasons.push(describe(reason));
  }

  function onHandled(promise) {
    const at = promises.indexOf(promise);
    if (at === -1) return;
    promises.splice(at, 1);
    reasons.splice(at, 1);
  }

  unhandled.setLibraryHandler(isPromise, 'unhandled', onUnhandled);
  unhandled.setLibraryHandler(isPromise, 'handled', onHandled);

  Q.getUnhandledReasons = function getUnhandledReasons() {
    return reasons.slice();
  };

  Q.resetUnhandledRejections = function resetUnhandledRejections() {
    promises.length = 0;
    reasons.length = 0;
    tracking = true;
  };

  Q.stopUnhandledRejectionTracking = function stopUnhandledRejectionTracking() {
    Q.resetUnhandledRejections();
    tracking = false;
  };
};
