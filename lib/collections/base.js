'use strict';
// What every collection method shares (Bluebird's PromiseArray): the input, a value or a
// promise for an array (or, for props, an object); the elements, each a value or a promise;
// one result promise; and cancellation both ways.
//
// A collection is an *aggregate* (../aggregate.js): its elements report to it through the
// runtime's element reactions, without a promise or a closure per element. RSVP's Enumerator
// (lib/rsvp/enumerator.js) is one too.
//
// Cancellation (with `Promise.config({cancellation: true})`), as Bluebird: an input or element
// that is cancelled cancels the result; cancelling the result cancels the input promise while
// it is awaited, then every element promise still pending (`pending`).
//
// The base and its helpers are made once per module instance; a collection carries the library
// (library.js: Promise, isPromise, ...) its result belongs to.
//
// User callbacks (mappers, reducers, iterators) are called with the receiver of the promise
// the method was called on (`.bind`), as Bluebird calls them with `promise._boundValue()`.

const cancellation = require('../cancellation');
const core = require('../core');
const { isThenable } = require('../then-forms');
const { Aggregate } = require('../aggregate');

const { STATE, CANCELLED, FULFILLED, REJECTED, FOLLOWS, CANCEL, INTERNAL, LateReceiver, BLUEBIRD_TIMING } = core;

// An object as a promise of this library: itself if it is one (of this very constructor),
// else Promise.resolve of it. The collections read its state to skip a job per element.
// (Through the library's own PromiseResolve, never the public static, which user code may
// have replaced: Bluebird's PromiseArray converts with its internal tryConvertToPromise.)
function asOwnPromise(library, value) {
  const Promise = library.Promise;
  return library.isPromise(value) && value.constructor === Promise ? value : library.promiseResolve(Promise, value);
}

// What an element is now: a plain value, or a fulfilled promise's value. Anything else
// gets an element reaction that reports `index` to `aggregate`, and the answer is WAITING
// when the promise is pending (its job comes when it settles), QUEUED when it is rejected
// or cancelled (its job is queued now).
const WAITING = Object.freeze({});
const QUEUED = Object.freeze({});

function valueNowOrReact(library, value, aggregate, index) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  let promise = asOwnPromise(library, value);
  // Bluebird's timing: a follower is read as the promise it follows (Bluebird's _target()).
  if ((promise._bits & FOLLOWS) !== 0) promise = core.followedPromise(promise);
  const bits = promise._bits;
  if ((bits & (STATE | CANCELLED)) === FULFILLED) return promise._value;
  // (A promise of this library carries its timing: BLUEBIRD_TIMING.)
  if ((bits & CANCELLED) !== 0 && (aggregate.startsAtOnce === true || (bits & BLUEBIRD_TIMING) !== 0)) {
    // As Bluebird's PromiseArray: a cancelled input is seen while iterating.
    aggregate.settled(index, false, CANCEL);
    return QUEUED;
  }
  if ((bits & STATE) === REJECTED && (aggregate.readsRejectionsAtOnce === true || (bits & BLUEBIRD_TIMING) !== 0)) {
    // Bluebird's timing, and collections only Bluebird defines (map, filter): so is a
    // rejected one, whose rejection then counts as handled, and the result is decided now:
    // no mapper runs after it.
    core.observeRejection(promise);
    aggregate.settled(index, false, promise._value);
    return QUEUED;
  }
  core.addElementReaction(promise, aggregate, index);
  if ((bits & STATE) !== 0) return QUEUED;
  if (aggregate.pending !== null) aggregate.pending.push(promise);
  return WAITING;
}

function isReacting(value) {
  return value === WAITING || value === QUEUED;
}

// Bluebird's util.asArray: an array as it is, any other iterable (a string too) copied.
function toArray(values) {
  if (Array.isArray(values)) return values;
  if (values != null && typeof values[Symbol.iterator] === 'function') return Array.from(values);
  // Bluebird's message names the class of what asArray made of the input: null.
  throw new TypeError(core.messages.notIterable(null));
}

// The `this` of a collection's callbacks: the receiver known now (a promised one once it
// has settled).
function receiverNow(receiver) {
  return receiver instanceof LateReceiver ? receiver.value : receiver;
}

// The base of every collection: `result`, the promise the method returns (bound to
// `receiver`, as Bluebird's derived promises are); `done` once it is decided. A method's
// collection sets its prototype to Collection's and implements `start(input)`, called in
// a job once the input is known (as `Promise.resolve(input).then(start)` would be), and
// `settled` for its elements.
function Collection(library, receiver) {
  this.library = library;
  this.result = new library.Promise(INTERNAL);
  core.setReceiver(this.result, receiver);
  this.receiver = receiver;
  this.done = false;
  this.input = null; // the input promise, while it is awaited
  // Element promises still pending, for cancelling them with the result: kept only while
  // cancellation is on.
  this.pending = cancellation.isEnabled() ? [] : null;
  if (this.pending !== null) cancellation.onCancel(this.result, this);
}
Collection.prototype = Object.create(Aggregate.prototype);

// Whether an input that is no promise is read at once (see awaitInput).
Collection.prototype.startsAtOnce = true;

// Whether an iterable input is read as the array of its items (every collection of
// Bluebird's but props, which reads an object's keys or a Map's entries).
Collection.prototype.readsIterables = true;

// Whether a result that its start did not decide is async-guaranteed (InputWaiter).
Collection.prototype.guaranteesAsyncOnStart = true;

Collection.prototype.callbackThis = function () {
  return receiverNow(this.receiver);
};

// Whether the result is still to be decided; from now on it is.
Collection.prototype.decide = function () {
  if (this.done) return false;
  this.done = true;
  this.pending = null;
  return true;
};

Collection.prototype.resolve = function (value) {
  if (this.decide()) core.resolve(this.result, value);
};

// The result takes `value` as it is, a thenable too, as Bluebird's PromiseArray `_fulfill`s
// (a thenable reaches a collection as a value only from a Node-style callback, nodeify.js).
Collection.prototype.fulfil = function (value) {
  if (this.decide()) core.fulfill(this.result, value);
};

Collection.prototype.reject = function (reason) {
  if (!this.decide()) return;
  // Rejecting with CANCEL cancels (core.js, settle). As Bluebird's PromiseArray, the
  // rejection counts as starting here (long stack traces, warnings).
  if (reason === CANCEL) core.reject(this.result, reason);
  else core.rejectFromUser(this.result, reason);
};

// The result was cancelled (cancellation.onCancel): so are the input and the pending elements.
Collection.prototype.cancelled = function () {
  if (this.done) return;
  this.done = true;
  const input = this.input;
  const pending = this.pending;
  this.input = null;
  this.pending = null;
  if (input !== null) input.cancel();
  if (pending !== null) for (let i = 0; i < pending.length; i++) pending[i].cancel();
};

// Waits for `input` and calls `collection.start(value)` in a job; a rejected input rejects
// the result, a cancelled one cancels it.
function awaitInput(collection, input) {
  const waiter = new InputWaiter(collection);
  const pending = collection.pending;
  if (pending !== null && Array.isArray(input)) {
    // Cancelling the result before the job that starts the collection cancels them too.
    for (let i = 0; i < input.length; i++) if (collection.library.isPromise(input[i])) pending.push(input[i]);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input) || !isThenable(input)) {
    // As Bluebird's PromiseArray: an input that is no promise nor thenable is read at once
    // (inputs already cancelled or rejected decide the result now), except where the method
    // starts in a job of its own (map and filter, as Bluebird's _asyncInit).
    if (collection.startsAtOnce) {
      // As Bluebird's PromiseArray constructor (util.asArray): an iterable whose iteration
      // throws makes the call throw, outside the collection's own guard.
      const copied = collection.readsIterables && input !== null && typeof input === 'object' && !Array.isArray(input) &&
        typeof input[Symbol.iterator] === 'function';
      waiter.settled(0, true, copied ? Array.from(input) : input);
    } else {
      core.addFulfilledElement(waiter, 0, input, collection.result);
    }
    return;
  }
  let promise = asOwnPromise(collection.library, input);
  if ((promise._bits & FOLLOWS) !== 0) promise = core.followedPromise(promise);
  if ((promise._bits & CANCELLED) !== 0 && collection.startsAtOnce) {
    // As Bluebird's PromiseArray, in either timing: an input cancelled already cancels the
    // result in the call (`.then` on it is then a late cancellation observer).
    waiter.settled(0, false, CANCEL);
    return;
  }
  if ((promise._bits & STATE) !== 0 && collection.startsAtOnce && (promise._bits & BLUEBIRD_TIMING) !== 0) {
    // Bluebird's timing: as its PromiseArray, a settled input promise is read at once.
    const value = valueNowOrReact(collection.library, promise, waiter, 0);
    if (!isReacting(value)) waiter.settled(0, true, value);
    return;
  }
  if ((promise._bits & STATE) === 0) {
    collection.input = promise;
    // Bluebird's timing: as Bluebird's PromiseArray on a pending input, the result is
    // async-guaranteed (core.js, guaranteeAsync).
    core.guaranteeAsync(collection.result);
  }
  core.addElementReaction(promise, waiter, 0);
}

function InputWaiter(collection) {
  this.collection = collection;
}
InputWaiter.prototype = Object.create(Aggregate.prototype);

InputWaiter.prototype.settled = function (index, fulfilled, value) {
  const collection = this.collection;
  collection.input = null;
  if (collection.done) return;
  if (!fulfilled) {
    collection.reject(value);
    return;
  }
  try {
    collection.start(value);
  } catch (error) {
    collection.reject(error);
  }
  // As Bluebird's PromiseArray: not decided by the elements known now, it is async-guaranteed
  // (Bluebird's timing).
  if (!collection.done && collection.guaranteesAsyncOnStart) core.guaranteeAsync(collection.result);
};

// A collection method's result for a callback that is not a function.
function notAFunction(library, fn) {
  return library.Promise.reject(new TypeError(core.messages.expectingFunction(fn)));
}

module.exports = { Collection, awaitInput, asOwnPromise, valueNowOrReact, isReacting, WAITING, QUEUED, toArray, receiverNow, notAFunction };
