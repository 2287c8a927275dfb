'use strict';
// `.cancel()` / `.break()` and `.isCancellable()` on a library's prototype; what they do is
// in cancellation.js.

const { cancelFrom } = require('./cancellation');
const { STATE, CANCELLED, WILL_CANCEL } = require('./core');

module.exports = function installCancel({ Promise }) {
  Promise.prototype.cancel = Promise.prototype.break = function cancel() {
    cancelFrom(this);
  };

  Promise.prototype.isCancellable = function isCancellable() {
    return (this._bits & (STATE | CANCELLED | WILL_CANCEL)) === 0;
  };
};
