'use strict';
// RSVP's event plumbing: the EventTarget mixin (on, off, trigger), the `config` object that
// `RSVP.configure` reads and writes, and instrumentation: with `configure('instrument',
// true)`, the `created`, `chained`, `fulfilled` and `rejected` events, batched and fired 50 ms
// later with RSVP's payload ({ guid, childGuid, eventName, detail, label, timeStamp, stack }).

function callbacksFor(object) {
  let callbacks = object._promiseCallbacks;
  if (!callbacks) callbacks = object._promiseCallbacks = {};
  return callbacks;
}

const EventTarget = {
  mixin(object) {
    object.on = this.on;
    object.off = this.off;
    object.trigger = this.trigger;
    object._promiseCallbacks = undefined;
    return object;
  },
  on(eventName, callback) {
    if (typeof callback !== 'function') throw new TypeError(messages.RSVP_CALLBACK);
    const all = callbacksFor(this);
    let callbacks = all[eventName];
    if (!callbacks) callbacks = all[eventName] = [];
    if (callbacks.indexOf(callback) === -1) callbacks.push(callback);
  },
  off(eventName, callback) {
    const all = callbacksFor(this);
    if (!callback) {
      all[eventName] = [];
      return;
    }
    const callbacks = all[eventName];
    const index = callbacks ? callbacks.indexOf(callback) : -1;
    if (index !== -1) callbacks.splice(index, 1);
  },
  trigger(eventName, options, label) {
    const callbacks = callbacksFor(this)[eventName];
    if (!callbacks) return;
    // The length is read each time: a callback may add another.
    for (let i = 0; i < callbacks.length; i++) callbacks[i](options, label);
  },
};

const FLUSH_DELAY_MS = 50;
const guidKey = 'rsvp_' + Date.now() + '-';

// Instrumentation for one RSVP library: `guidOf(promise)` numbers promises, `labelOf` reads
// their labels. A label is read when the batch is sent: ferrobird stores a `then` child's
// label just after the child is made, where RSVP passes it to the constructor.
function Instrumentation(config, guidOf, labelOf) {
  this.config = config;
  this.guidOf = guidOf;
  this.labelOf = labelOf;
  this.queue = [];
}

// `detail` is the promise's result as the event happens (undefined while pending).
Instrumentation.prototype.record = function record(eventName, promise, child, detail) {
  const payload = {
    key: guidKey,
    id: this.guidOf(promise),
    eventName,
    detail,
    childId: child === undefined ? undefined : this.guidOf(child),
    label: undefined,
    timeStamp: Date.now(),
    error: this.config['instrument-with-stack'] ? new Error(this.labelOf(promise)) : null,
    promise,
  };
  if (this.queue.push({ name: eventName, payload }) === 1) {
    setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }
};

Instrumentation.prototype.flush = function flush() {
  const queue = this.queue;
  for (let i = 0; i < queue.length; i++) {
    const payload = queue[i].payload;
    payload.label = this.labelOf(payload.promise);
    delete payload.promise;
    payload.guid = payload.key + payload.id;
    payload.childGuid = payload.key + payload.childId;
    if (payload.error) payload.stack = payload.error.stack;
    this.config.trigger(queue[i].name, payload);
  }
  queue.length = 0;
};

const messages = require('../messages');

module.exports = { EventTarget, Instrumentation };
