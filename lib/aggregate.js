'use strict';
// The aggregate protocol: how the runtime's element reactions (core.addElementReaction,
// core.addFulfilledElement) report to an object that waits on promises without a promise or
// a closure per promise. Collections (collections/base.js), RSVP's Enumerator, coroutines,
// `.bind`'s receiver waiter and queued cancellation callbacks are aggregates. An aggregate
// has no `_bits`, which is how the job runner tells it from a promise.
//
//   aggregate.settled(index, fulfilled, value)  the promise it waited on under `index` settled
//                                              (or, by addFulfilledElement, a value is due);
//                                              `value` is core.CANCEL when it was cancelled
//   aggregate.elementDue(fulfilled)             its job is about to be queued; true makes the
//                                              job quiet: no native microtask of its own
//                                              (core.js, QUIET). Only for jobs whose effect
//                                              nothing can see before a later job's.
//
// `Aggregate` is the prototype to start from: every job gets its microtask.
function Aggregate() {}

Aggregate.prototype.elementDue = function () {
  return false;
};

module.exports = { Aggregate };
