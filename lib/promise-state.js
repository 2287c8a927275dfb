'use strict';
// The fields of a ferrobird promise, and what each bit of `_bits` means. Every promise is a
// plain object of one hidden class (library.js makes them):
//   _bits      the state (the low two bits) and the flags below
//   _id        the engine node's id; 0: the engine has nothing to remember about it
//   _value     the value or reason once settled; while pending and waiting, the promise it
//              waits on (a reaction target), or a lone element's index
//   _handler   the handler(s) of the reaction that settles it (handlers.js); once settled
//              and unhandled, the native shadow that reports it (unhandled.js)
//   _waiters   while pending: the targets that wait on it, one or an array (core.js)
//   _receiver  only on bound promises (BOUND): the `this` of their handlers
//   _frame     only where Node has async context frames (async-context.js): the frame its
//              handlers run in, while they wait (handlers.js)

// _bits: the low two bits are the state, the rest are flags.
const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;
const STATE = 3;
const TARGET = 4; // a reaction or thenable job of the engine names it (waiting or due)
const SWEEP = 8; // queued for the end-of-turn sweep
const REGISTERED = 16; // registered with the FinalizationRegistry
const GENERIC = 32; // a GenericReaction, not a promise
const CANCELLED = 128; // settled by Bluebird's cancellation (state bits say REJECTED)
const WILL_CANCEL = 256; // a cancellation on its way down will reach it
const OBSERVES_CANCEL = 512; // its handlers run on cancellation (finally, reflect)
const FLAVOUR_BIT = 2048; // the core never reads it: free for a flavour's own use (Q's progress)
const ADOPTS_OWN = 4096; // adopts a promise of its own library at once, as RSVP does (adoptAtOnce)
// Which of its handlers `_handler` holds: one function, or with both bits a HandlerPair. One
// field instead of two, and the receiver below only on the promises that have one: each field
// of the promise object is 8 bytes on every promise (benches/README.md: promise fields).
const ON_FULFILLED = 64;
const ON_REJECTED = 1024;
const HANDLERS = ON_FULFILLED | ON_REJECTED;
const BOUND = 8192; // it has a `_receiver` property: the `this` of its handlers and derived ones
// Its one reaction is a collection's element, held in JS alone: the aggregate in `_waiters`,
// the element's index in `_value` (unused while pending), and no node (see
// addElementReaction).
const LONE_ELEMENT = 16384;
// Resolving it with itself fulfils it with itself, as RSVP's resolve does (a handler that
// returns its own promise still rejects it with a TypeError).
const SELF_FULFILS = 32768;

// Bluebird's timing only: settled by a host callback (promisify, fromCallback, delay), or
// following such a promise. Its fulfilment runs its reactions at once, where it happens, as
// Bluebird's `_setAsyncGuaranteed` promises do (core.js, deliver).
const ASYNC_GUARANTEED = 65536;

// Bluebird's timing only: it follows a pending promise of ours (resolved with it). Its
// reactions run in its job's place when that one settles, as Bluebird's follower's callbacks,
// moved onto the promise it follows (`_migrateCallback0`), do (core.js, deliver).
const FOLLOWS = 131072;
// A follower whose reactions went to the promise it follows (Bluebird's `_target()`): its
// own rejection is handled there.
const OBSERVED_AS_FOLLOWER = 262144;

// Its one reaction is a promise of ours, held in JS alone (a lone reaction): the target in
// `_waiters`, no node for either, no link, no root; its settle enqueues the target's job by
// index (core.js, addReaction). The target is LONE_TARGET meanwhile: it waits (as TARGET
// says of one an engine node names) with no node; so does a target with no node whose job
// was queued from a settled promise (core.js, queueSettledJob).
const LONE_REACTION = 524288;
const LONE_TARGET = 1048576;

// A reaction with no handler fulfils it with the value as it is (Bluebird's library; core.js,
// passFulfilment), where ES resolves it with the value.
const PASSES_AS_IS = 4194304;

// It is in Bluebird's timing (scheduler.js): a promise of Bluebird's flavour while that
// flavour's timing is Bluebird's (the default). Batches its settlement enqueues are drained
// from `setImmediate`, it adopts promises of ours at once, and so on (core.js).
const BLUEBIRD_TIMING = 8388608;

// Its rejection counts as handled whatever waits on it (Bluebird's
// suppressUnhandledRejections): a flag, not a reaction, so that nothing else changes.
const REJECTION_HANDLED = 2097152;

// The reason a cancelled promise carries to its reactions. It never reaches user handlers:
// a reaction that receives it is cancelled in turn, unless it observes cancellation.
const CANCEL = Object.freeze({ toString: () => 'cancellation' });

// The executor that makes a promise without running anything (library.js).
function INTERNAL() {}

module.exports = {
  BLUEBIRD_TIMING,
  PENDING,
  FULFILLED,
  REJECTED,
  STATE,
  TARGET,
  SWEEP,
  REGISTERED,
  GENERIC,
  CANCELLED,
  WILL_CANCEL,
  OBSERVES_CANCEL,
  FLAVOUR_BIT,
  ADOPTS_OWN,
  ON_FULFILLED,
  ON_REJECTED,
  HANDLERS,
  BOUND,
  LONE_ELEMENT,
  SELF_FULFILS,
  ASYNC_GUARANTEED,
  FOLLOWS,
  OBSERVED_AS_FOLLOWER,
  LONE_REACTION,
  LONE_TARGET,
  PASSES_AS_IS,
  REJECTION_HANDLED,
  CANCEL,
  INTERNAL,
};
