'use strict';
// Synchronous inspection: isFulfilled/isRejected/isPending/isResolved, value(), reason(),
// reflect(), PromiseInspection, toJSON, util.inspect output, suppressUnhandledRejections.

const util = require('util');

const NOT_FULFILLED = 'cannot get fulfillment value of a non-fulfilled promise\n\n    See http://goo.gl/MqrFmX\n';
const NOT_REJECTED = 'cannot get rejection reason of a non-rejected promise\n\n    See http://goo.gl/MqrFmX\n';

module.exports = function installInspection(core) {
  const { Promise, FULFILLED, REJECTED, STATE, CANCELLED, WILL_CANCEL, OBSERVES_CANCEL } = core;
  const OUTCOME = STATE | CANCELLED;

  // A snapshot of a settled promise's outcome, as Bluebird's settle/reflect give it.
  function PromiseInspection(promise) {
    if (promise !== undefined) {
      this._bits = promise._bits & (OUTCOME | WILL_CANCEL);
      this._settledValue = promise._value;
    } else {
      this._bits = 0;
      this._settledValue = undefined;
    }
  }

  const inspectionMethods = {
    isFulfilled() {
      return (this._bits & OUTCOME) === FULFILLED;
    },
    isRejected() {
      return (this._bits & OUTCOME) === REJECTED;
    },
    isPending() {
      return (this._bits & STATE) === 0;
    },
    isResolved() {
      const outcome = this._bits & OUTCOME;
      return outcome === FULFILLED || outcome === REJECTED;
    },
    isCancelled() {
      return (this._bits & (CANCELLED | WILL_CANCEL)) !== 0;
    },
  };
  Object.assign(PromiseInspection.prototype, inspectionMethods);
  PromiseInspection.prototype.value = function () {
    if (!this.isFulfilled()) throw new TypeError(NOT_FULFILLED);
    return this._settledValue;
  };
  PromiseInspection.prototype.reason = PromiseInspection.prototype.error = function () {
    if (!this.isRejected()) throw new TypeError(NOT_REJECTED);
    return this._settledValue;
  };

  Object.assign(Promise.prototype, inspectionMethods);
  Promise.prototype.value = function () {
    if (!this.isFulfilled()) throw new TypeError(NOT_FULFILLED);
    return this._value;
  };
  Promise.prototype.reason = function () {
    if (!this.isRejected()) throw new TypeError(NOT_REJECTED);
    this.suppressUnhandledRejections();
    return this._value;
  };

  // Runs on cancellation too, as Bluebird's does: the inspection then says isCancelled().
  Promise.prototype.reflect = function () {
    const inspect = () => new PromiseInspection(this);
    const reflection = this.then(inspect, inspect);
    reflection._bits |= OBSERVES_CANCEL;
    return reflection;
  };

  Promise.prototype.toJSON = function () {
    const json = { isFulfilled: false, isRejected: false, fulfillmentValue: undefined, rejectionReason: undefined };
    if (this.isFulfilled()) {
      json.fulfillmentValue = this._value;
      json.isFulfilled = true;
    } else if (this.isRejected()) {
      json.rejectionReason = this._value;
      json.isRejected = true;
    }
    return json;
  };

  function noop() {}
  Promise.prototype.suppressUnhandledRejections = function () {
    // A handler that does nothing: the rejection is handled, nothing else changes.
    if (!this.isFulfilled()) this.then(undefined, noop);
    return this;
  };

  // Shown like Node shows a native promise: Promise { 1 }, Promise { <pending> },
  // Promise { <rejected> Error: ... }.
  Promise.prototype[util.inspect.custom] = function (depth, options) {
    const name = this.constructor && this.constructor.name ? this.constructor.name : 'Promise';
    if (this.isPending()) return `${name} { <pending> }`;
    if ((this._bits & CANCELLED) !== 0) return `${name} { <cancelled> }`;
    const shown = util.inspect(this._value, { ...options, depth: options.depth === null ? null : options.depth - 1 });
    return this.isFulfilled() ? `${name} { ${shown} }` : `${name} { <rejected> ${shown} }`;
  };

  Promise.PromiseInspection = PromiseInspection;
  core.PromiseInspection = PromiseInspection;
};
