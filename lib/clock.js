'use strict';
// The timers behind delay and timeout. By default the host's setTimeout, so Bluebird's
// ordering holds and fake timers (sinon, jest) keep working. `Promise.config({nativeTimers:
// true})` or FERROBIRD_NATIVE_TIMERS=1 switches to the native service (src/timers.rs): one
// tokio thread keeps every timer, and the ones that expire together reach JS as one batch,
// one wake-up of the event loop for the lot. The service keeps the process alive only while
// one of its timers is armed.

const engine = require('./binding');
const { throwLater } = require('./errors');

// setTimeout's rules for the delay: not a number in [1, 2^31 - 1] means 1 ms.
const TIMEOUT_MAX = 2 ** 31 - 1;
const MAX_ID = 2 ** 31 - 1;

let native = process.env.FERROBIRD_NATIVE_TIMERS !== undefined && process.env.FERROBIRD_NATIVE_TIMERS !== '0';
// This instance's service (created at the first native timer).
let service = null;
const callbacks = new Map(); // armed native timers: id -> callback
let nextId = 1;

function onExpired() {
  const ids = service.takeExpired();
  for (let i = 0; i < ids.length; i++) {
    const callback = callbacks.get(ids[i]);
    // Disarmed after it expired, or before: its id may still come in a batch.
    if (callback === undefined) continue;
    callbacks.delete(ids[i]);
    try {
      callback();
    } catch (error) {
      throwLater(error);
    }
  }
  if (callbacks.size === 0) service.ref(false);
}

// A native timer's handle: a host timer's handle may be anything (a fake clock's is often a
// plain number), so the native ones are told apart by their class.
function NativeTimer(id) {
  this.id = id;
}

// Calls `callback(argument)` after `ms` milliseconds; returns a handle for clearTimer. The
// host's timer is the global `setTimeout` at the time of the call, as Bluebird's is, so fake
// timers installed at any time drive delay and timeout.
function setTimer(callback, ms, argument) {
  // A closure rather than setTimeout's extra argument, which fake clocks often drop.
  if (!native) return argument === undefined ? setTimeout(callback, ms) : setTimeout(() => callback(argument), ms);
  if (service === null) service = engine.createNativeTimers(onExpired);
  ms = +ms;
  if (!(ms >= 1 && ms <= TIMEOUT_MAX)) ms = 1;
  const id = nextId;
  nextId = nextId === MAX_ID ? 1 : nextId + 1;
  if (callbacks.size === 0) service.ref(true);
  callbacks.set(id, argument === undefined ? callback : () => callback(argument));
  service.arm(id, ms);
  return new NativeTimer(id);
}

function clearTimer(handle) {
  if (!(handle instanceof NativeTimer)) {
    clearTimeout(handle);
    return;
  }
  if (!callbacks.delete(handle.id)) return;
  service.disarm(handle.id);
  if (callbacks.size === 0) service.ref(false);
}

function useNativeTimers(on) {
  native = Boolean(on);
}

module.exports = { setTimer, clearTimer, useNativeTimers };
