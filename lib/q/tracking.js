'use strict';
// Q's view of its unhandled rejections: Q.getUnhandledReasons, resetUnhandledRejections and
// stopUnhandledRejectionTracking. As in Q, a rejection is listed the moment it happens with no
// handler, and taken off when one comes.

const unhandled = require('../unhandled');

function describe(reason) {
  try {
    if (reason && typeof reason.stack !== 'undefined') return reason.stack;
    return '(no stack) ' + reason;
  } catch (error) {
    return '(no stack) ' + Object.prototype.toString.call(reason);
  }
}

module.exports = function installTracking(q) {
  const { Q, isPromise } = q;
  const promises = [];
  const reasons = [];
  let tracking = true;

  // Heard inside a settle, where no user code may run (a `stack` getter would be): the reason
  // is described when asked for.
  function onTracked(promise) {
    if (!tracking) return;
    promises.push(promise);
    reasons.push(promise._value);
  }

  function onHandled(promise) {
    const at = promises.indexOf(promise);
    if (at === -1) return;
    promises.splice(at, 1);
    reasons.splice(at, 1);
  }

  unhandled.setLibraryTracker(isPromise, onTracked, onHandled);

  Q.getUnhandledReasons = function getUnhandledReasons() {
    return reasons.map(describe);
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
