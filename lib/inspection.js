'use strict';
// Synchronous inspection: isFulfilled/isRejected/isPending/isResolved, value(), reason(),
// reflect(), PromiseInspection, toJSON, util.inspect output, suppressUnhandledRejections.

const util = require('util');
const core = require('./core');
const { isThenable } = require('./then-forms');

const NativePromise = global.Promise;
function noop() {}

// Bluebird's bits, as its PromiseInspection carries them.
const BLUEBIRD_CANCELLED = 65536;
const BLUEBIRD_WILL_CANCEL = 8388608;
const BLUEBIRD_REJECTED = 16777216;
const BLUEBIRD_FULFILLED = 33554432;

// Bluebird's bits for an outcome of ours (state bits, core.js).
function inspectionBits(bits) {
  let result = (bits & core.WILL_CANCEL) !== 0 ? BLUEBIRD_WILL_CANCEL : 0;
  if ((bits & core.CANCELLED) !== 0) result |= BLUEBIRD_CANCELLED;
  else if ((bits & core.STATE) === core.FULFILLED) result |= BLUEBIRD_FULFILLED;
  else if ((bits & core.STATE) === core.REJECTED) result |= BLUEBIRD_REJECTED;
  return result;
}

const NOT_FULFILLED = 'cannot get fulfillment value of a non-fulfilled promise\n\n    See http://goo.gl/MqrFmX\n';
const NOT_REJECTED = 'cannot get rejection reason of a non-rejected promise\n\n    See http://goo.gl/MqrFmX\n';

module.exports = function installInspection(library) {
  const { Promise } = library;
  const { FULFILLED, REJECTED, STATE, CANCELLED, WILL_CANCEL, OBSERVES_CANCEL, FOLLOWS } = core;
  const OUTCOME = STATE | CANCELLED;

  // A snapshot of a settled promise's outcome, as Bluebird's settle/reflect give it: its
  // fields are Bluebird's (names and bits), which JSON and util.inspect show.
  function PromiseInspection(promise) {
    if (promise !== undefined) {
      this._bitField = inspectionBits(promise._bits);
      this._settledValueField = (promise._bits & STATE) !== 0 ? promise._value : undefined;
    } else {
      this._bitField = 0;
      this._settledValueField = undefined;
    }
  }

  PromiseInspection.prototype.isFulfilled = function () {
    return (this._bitField & BLUEBIRD_FULFILLED) !== 0;
  };
  PromiseInspection.prototype.isRejected = function () {
    return (this._bitField & BLUEBIRD_REJECTED) !== 0;
  };
  PromiseInspection.prototype.isPending = function () {
    return (this._bitField & (BLUEBIRD_FULFILLED | BLUEBIRD_REJECTED | BLUEBIRD_CANCELLED)) === 0;
  };
  PromiseInspection.prototype.isResolved = function () {
    return (this._bitField & (BLUEBIRD_FULFILLED | BLUEBIRD_REJECTED)) !== 0;
  };
  PromiseInspection.prototype.isCancelled = function () {
    return (this._bitField & (BLUEBIRD_CANCELLED | BLUEBIRD_WILL_CANCEL)) !== 0;
  };
  PromiseInspection.prototype.value = function () {
    if (!this.isFulfilled()) throw new TypeError(NOT_FULFILLED);
    return this._settledValueField;
  };
  PromiseInspection.prototype.reason = PromiseInspection.prototype.error = function () {
    if (!this.isRejected()) throw new TypeError(NOT_REJECTED);
    return this._settledValueField;
  };

  // Bluebird's timing: a promise that follows a pending one shows that one's state (Bluebird
  // inspects `_target()`), before its own job has run.
  function inspected(promise) {
    return (promise._bits & FOLLOWS) !== 0 ? core.followee(promise) : promise;
  }

  const inspectionMethods = {
    isFulfilled() {
      return (inspected(this)._bits & OUTCOME) === FULFILLED;
    },
    isRejected() {
      return (inspected(this)._bits & OUTCOME) === REJECTED;
    },
    isPending() {
      return (inspected(this)._bits & STATE) === 0;
    },
    isResolved() {
      const outcome = inspected(this)._bits & OUTCOME;
      return outcome === FULFILLED || outcome === REJECTED;
    },
    isCancelled() {
      return (inspected(this)._bits & (CANCELLED | WILL_CANCEL)) !== 0;
    },
  };
  Object.assign(Promise.prototype, inspectionMethods);
  Promise.prototype.value = function () {
    if (!this.isFulfilled()) throw new TypeError(NOT_FULFILLED);
    return inspected(this)._value;
  };
  Promise.prototype.reason = function () {
    if (!this.isRejected()) throw new TypeError(NOT_REJECTED);
    this.suppressUnhandledRejections();
    return inspected(this)._value;
  };

  // Runs on cancellation too, as Bluebird's does: the inspection then says isCancelled().
  Promise.prototype.reflect = function () {
    const inspect = () => new PromiseInspection(this);
    const reflection = this._then(inspect, inspect, undefined, undefined, undefined);
    reflection._bits |= OBSERVES_CANCEL;
    return reflection;
  };

  Promise.prototype.toJSON = function () {
    const json = { isFulfilled: false, isRejected: false, fulfillmentValue: undefined, rejectionReason: undefined };
    if (this.isFulfilled()) {
      json.fulfillmentValue = inspected(this)._value;
      json.isFulfilled = true;
    } else if (this.isRejected()) {
      json.rejectionReason = inspected(this)._value;
      json.isRejected = true;
    }
    return json;
  };

  // A flag, so that no reaction (and no job) changes the order of what waits on it.
  Promise.prototype.suppressUnhandledRejections = function () {
    core.declareRejectionHandled(this);
    return this;
  };

  // Shown like Node shows a native promise (Promise { 1 }, Promise { <pending> },
  // Promise { <rejected> Error: ... }): Node renders a native twin in the same state, so line
  // breaks, indentation and depth come out exactly as for native promises.
  Promise.prototype[util.inspect.custom] = function (depth, options) {
    const name = this.constructor && this.constructor.name ? this.constructor.name : 'Promise';
    const shownPromise = inspected(this);
    if ((shownPromise._bits & CANCELLED) !== 0) return `${name} { <cancelled> }`;
    const value = shownPromise._value;
    let twin;
    if (this.isPending()) {
      twin = new NativePromise(noop);
    } else if (this.isRejected()) {
      twin = NativePromise.reject(value);
      twin.catch(noop);
    } else if (!isThenable(value)) {
      twin = NativePromise.resolve(value);
    } else {
      // A native promise cannot be fulfilled with a thenable; show the value in the same frame.
      twin = NativePromise.resolve({ [util.inspect.custom]: (d, o) => util.inspect(value, o) });
    }
    const shown = util.inspect(twin, { ...options, depth });
    return name === 'Promise' ? shown : name + shown.slice('Promise'.length);
  };

  Promise.PromiseInspection = PromiseInspection;
  return { PromiseInspection };
};

module.exports.inspectionBits = inspectionBits;
