'use strict';
// The promise runtime on the Rust engine: resolution, reactions, the job runner and the
// reclaiming of unreachable promises. The Promise constructor itself is made in library.js.
//
// A promise is a plain object of one hidden class. Rust knows it by `_id` (0 = no node: the
// engine has nothing to remember about it); JS keeps its state bits, value and the handlers of
// the reaction that settles it. Each operation makes at most one engine call (ARCHITECTURE.md); most
// make none, and tell the engine by a ring command that its next call applies (engine.js).
//
// Who holds whom follows native promises, so that the GC can collect what users drop: a
// pending promise holds the targets waiting on it in `_waiters` (in the order of the engine's
// reaction list: one target, or an array of them), and a promise that waits holds the one it
// waits on in `_value` (unused until it settles). Nothing global holds a waiting target; a
// table by node id did, and a handler that reached its own parent's resolver then kept both
// alive for ever. The back reference keeps a parent alive as long as anything that waits on
// it, so the engine may free a collected root's whole tree: nothing in it is reachable.
//
// Job order: the engine's queue decides which job runs next; scheduler.js decides when (by
// default, a native microtask per batch, as ECMA-262's job queue would run them).

const engine = require('./engine');
const messages = require('./messages');
const { CancellationError } = require('./errors');
const unhandled = require('./unhandled');
const { createScheduler } = require('./scheduler');
const createRoots = require('./roots');
const brand = require('./brand');
const promiseState = require('./promise-state');
const hookPoints = require('./hooks');
const handlers = require('./handlers');
const {
  PENDING, FULFILLED, REJECTED, STATE, TARGET, SWEEP, REGISTERED, GENERIC, CANCELLED, WILL_CANCEL, OBSERVES_CANCEL,
  ADOPTS_OWN, HANDLERS, LONE_ELEMENT, SELF_FULFILS, ASYNC_GUARANTEED, FOLLOWS, OBSERVED_AS_FOLLOWER, LONE_REACTION, LONE_TARGET, REJECTION_HANDLED,
  PASSES_AS_IS, CANCEL, BLUEBIRD_TIMING,
} = promiseState;
const { hooks, HANDLER_START, HANDLER_RETURNED, HANDLER_THREW } = hookPoints;
const { takeHandler, enterTakenFrame, receiverOf, LateReceiver } = handlers;

const NativePromise = global.Promise;

// The job kinds, from the engine's layout (a reaction's kind is its parent's state).
const { JOB_FULFILL, JOB_REJECT, JOB_THENABLE, JOB_ELEMENT_FULFILLED, ID_MASK, MAX_ELEMENT_INDEX, OP_BITS, KIND_MASK, QUIET } = engine;

// The libraries made by createLibrary (library.js), by their prototype and original `then`
// (brand.js): to recognise their promises in thenable jobs.
function registerLibrary(library) {
  brand.mark(library.Promise.prototype, library);
  brand.mark(library.then, library);
}

function isAnyLibraryPromise(value) {
  return brand.libraryOfPromise(value) !== null;
}

// Bluebird's warnings (debug.js installs the sink when `warnings` is on).
let warningSink = null;

function warn(message, promise) {
  if (warningSink !== null) warningSink(message, promise);
}

function setWarningSink(fn) {
  warningSink = fn;
}

// A reaction whose promise came from a foreign or subclass constructor (NewPromiseCapability).
// Its handlers keep their caller's async context as a promise's do (handlers.js).
function GenericReaction(onFulfilled, onRejected, capability) {
  this._bits = GENERIC;
  this._id = 0;
  this._onFulfilled = typeof onFulfilled === 'function' ? handlers.bindHandler(onFulfilled) : undefined;
  this._onRejected = typeof onRejected === 'function' ? handlers.bindHandler(onRejected) : undefined;
  this._capability = capability;
  this._frame = handlers.currentFrame();
}

// ---- resolution -------------------------------------------------------------------------

function fulfill(promise, value) {
  settle(promise, FULFILLED, value);
}

function reject(promise, reason) {
  settle(promise, REJECTED, reason);
}

// Records the outcome on the object and, if the engine has a node for it, settles the node:
// its reactions become jobs. A rejection nothing waits on keeps (or gets) a node, tracked as
// unhandled.
//
// The promise holds its reactions' targets, so JS knows the jobs a settle enqueues: the
// engine is told by a ring command, committed with the jobs' entries (engine.js), not a call.
// Only an unhandled rejection makes a call (benches/README.md: settle). The promise's own
// fields change after the engine's view does, and a frozen promise throws at the first
// write, before anything has changed.
function settle(promise, state, value) {
  if ((promise._bits & CANCELLED) !== 0) return;
  if (value === CANCEL && state === REJECTED) {
    cancel(promise);
    return;
  }
  if (hooks.settled !== null) hooks.settled(promise, state, value);
  const bits = promise._bits;
  if ((bits & LONE_ELEMENT) !== 0) {
    settleLoneElement(promise, state, value);
    return;
  }
  if ((bits & LONE_REACTION) !== 0) {
    settleLoneReaction(promise, state, value);
    return;
  }
  promise._bits = bits; // a frozen promise throws here, with nothing changed
  const id = promise._id;
  const settledBits = (bits & ~STATE) | state;
  if (id === 0) {
    promise._bits = settledBits;
    promise._value = value;
    if (state === FULFILLED || (bits & REJECTION_HANDLED) !== 0) return;
    promise._id = engine.rejectUnobserved();
    unhandled.track(promise);
    noteRoot(promise);
    return;
  }
  const waiters = promise._waiters;
  if (waiters === undefined && state === REJECTED) {
    if ((bits & (OBSERVED_AS_FOLLOWER | REJECTION_HANDLED)) !== 0) {
      // Its reactions went to the promise it followed, which was rejected first, or its
      // rejection was declared handled: handled.
      engine.discardLater(id);
      promise._id = 0;
      promise._bits = settledBits;
      promise._value = value;
      forgetNode(promise, id);
      return;
    }
    engine.settle(id, state);
    promise._bits = settledBits;
    promise._value = value;
    unhandled.track(promise);
    noteRoot(promise);
    return;
  }
  // An async-guaranteed promise's reactions, and a follower's, run at once, outside the
  // queue (deliver).
  const how = waiters === undefined ? QUEUED : deliveryOf(bits, state);
  if (how !== QUEUED && deliverable(waiters)) {
    engine.deliverLater(id);
    promise._id = 0;
    promise._waiters = undefined;
    promise._bits = settledBits;
    promise._value = value;
    forgetNode(promise, id);
    deliver(waiters, value, how);
    return;
  }
  const count = waiterCount(waiters);
  stageWaiterJobs(waiters, count, state, value);
  engine.commitSettle(id, state, count, (bits & BLUEBIRD_TIMING) !== 0);
  promise._id = 0;
  promise._waiters = undefined;
  promise._bits = settledBits;
  promise._value = value;
  if (waiters !== undefined && (bits & ASYNC_GUARANTEED) !== 0 && state === REJECTED) passGuarantee(waiters);
  forgetNode(promise, id);
  schedule();
}

// `promise` settled or was handled, and its node `id` is done with (its `_id` is 0 already,
// set with the command that freed it): it is no root any more.
function forgetNode(promise, id) {
  if ((promise._bits & REGISTERED) !== 0) unregister(promise, id);
  if ((promise._bits & SWEEP) !== 0) forgetRoot(promise);
}

// ---- Bluebird's async-guaranteed promises -------------------------------------------------

// In Bluebird's timing, a promise that a host callback settles (promisify, fromCallback,
// delay: Bluebird's `_setAsyncGuaranteed`), and every promise that follows one, runs its
// reactions at once when it is fulfilled, depth first, where Bluebird runs them in
// `_settlePromises`: inside the callback. Their jobs never enter the queue (the engine's
// `deliver`); a rejection is queued as always, as in Bluebird. A stack, not Bluebird's
// recursion, which overflows on a chain of 1e5 links from a `delay`. As in Bluebird, not once
// a custom scheduler was set: then every handler goes through it.
function guaranteeAsync(promise) {
  if ((promise._bits & (BLUEBIRD_TIMING | STATE)) === BLUEBIRD_TIMING && !scheduler.hasCustomScheduler()) {
    promise._bits |= ASYNC_GUARANTEED;
  }
}

// `promise` is settled by the handler of the reaction `from` (a timeout's result, where
// Bluebird's result is that reaction's own promise): async-guaranteed if `from` is.
function inheritGuarantee(from, promise) {
  if ((from._bits & ASYNC_GUARANTEED) !== 0 && (promise._bits & STATE) === PENDING) promise._bits |= ASYNC_GUARANTEED;
}

// How a promise settling with `state` runs its reactions: at once (deliver, below) when it is
// async-guaranteed and fulfilled, or a follower; else QUEUED.
function deliveryOf(bits, state) {
  if ((bits & ASYNC_GUARANTEED) !== 0 && state === FULFILLED) return DELIVER_GUARANTEED;
  if ((bits & FOLLOWS) !== 0) return state === FULFILLED ? DELIVER_FULFILLED : DELIVER_REJECTED;
  return QUEUED;
}

// Bluebird's _settlePromise makes what follows an async-guaranteed promise async-guaranteed,
// whatever the outcome: a rejection's reactions here, when their jobs are queued (a
// fulfilment's deliver does it as it runs them).
function passGuarantee(waiters) {
  if (!Array.isArray(waiters)) {
    if (waiters._bits !== undefined) waiters._bits |= ASYNC_GUARANTEED;
    return;
  }
  for (let i = 0; i < waiters.length; i++) if (waiters[i]._bits !== undefined) waiters[i]._bits |= ASYNC_GUARANTEED;
}

// Waiters whose jobs can run at once: promises of ours (a cancelled one is skipped, as
// Bluebird's _settlePromiseFromHandler skips it; the engine frees the node it kept for its
// job) and elements.
function deliverable(waiters) {
  if (!Array.isArray(waiters)) return isDeliverable(waiters);
  for (let i = 0; i < waiters.length; i++) if (!isDeliverable(waiters[i])) return false;
  return true;
}

function isDeliverable(waiter) {
  const bits = waiter._bits;
  if (bits === undefined) return waiter instanceof ElementWaiter;
  return (bits & GENERIC) === 0;
}

// Reactions to run at once, the next on top, three slots each: a promise target, the value
// and how it is delivered (below), or an aggregate, the value and the element's index.
const delivered = [];
let delivering = false;

// A fulfilment from an async-guaranteed promise (what follows it is async-guaranteed too),
// and a fulfilment or a rejection from a follower (its reactions as if they were the
// followed promise's); QUEUED: none of these, the reactions' jobs are queued (never pushed).
const DELIVER_GUARANTEED = -1;
const DELIVER_FULFILLED = -2;
const DELIVER_REJECTED = -3;
const QUEUED = -4;

function deliver(waiters, value, how) {
  if (Array.isArray(waiters)) {
    for (let i = waiters.length - 1; i >= 0; i--) delivered.push(waiters[i], value, how);
  } else {
    delivered.push(waiters, value, how);
  }
  runDelivered();
}

function runDelivered() {
  if (delivering) return;
  delivering = true;
  const callerFrame = handlers.currentFrame();
  try {
    while (delivered.length !== 0) {
      const how = delivered.pop();
      const argument = delivered.pop();
      const target = delivered.pop();
      if (how >= 0) {
        // As for a queued element job (its count of due elements), then heard at once.
        target.elementDue(true);
        target.settled(how, true, argument);
        continue;
      }
      if (target instanceof ElementWaiter) {
        target.deliver(how !== DELIVER_REJECTED, argument);
      } else if ((target._bits & CANCELLED) !== 0) {
        // Cancelled while it waited: its handlers never run (the engine freed its node).
        target._bits &= ~(TARGET | LONE_TARGET);
        takeHandler(target, how !== DELIVER_REJECTED);
      } else if (how === DELIVER_GUARANTEED) {
        // It follows an async-guaranteed promise: so does what follows it (Bluebird's
        // _settlePromise passes the flag on).
        target._bits = (target._bits & ~(TARGET | LONE_TARGET)) | ASYNC_GUARANTEED;
        runReaction(target, JOB_FULFILL, argument);
      } else {
        target._bits &= ~(TARGET | LONE_TARGET);
        runReaction(target, how === DELIVER_FULFILLED ? JOB_FULFILL : JOB_REJECT, argument);
      }
    }
  } finally {
    delivering = false;
    handlers.enterFrame(callerFrame);
  }
}

// A lone element's promise settles: the element's job is enqueued by its index. The engine
// never had a node for the promise, and the job needs none.
function settleLoneElement(promise, state, value) {
  const index = promise._value;
  const bits = promise._bits;
  const aggregate = promise._waiters;
  const settledBits = (bits & ~(STATE | LONE_ELEMENT)) | state;
  if ((bits & ASYNC_GUARANTEED) !== 0 && state === FULFILLED) {
    // Its aggregate hears it at once (a coroutine resumes, a collection takes the value), as
    // Bluebird's do from an async-guaranteed promise. No node, no job: nothing to tell the
    // engine.
    promise._bits = settledBits;
    promise._value = value;
    promise._waiters = undefined;
    delivered.push(aggregate, value, index);
    runDelivered();
    return;
  }
  promise._bits = bits; // a frozen promise throws here, with nothing changed
  stageWaiterJobs(aggregate, 1, state, value);
  engine.commitElement(index, state, (bits & BLUEBIRD_TIMING) !== 0);
  promise._waiters = undefined;
  promise._bits = settledBits;
  promise._value = value;
  schedule();
}

// Settles `promise` as cancelled. Its engine node's reactions become jobs carrying CANCEL;
// a node whose own job is still due (a target) is kept until that job arrives.
function cancel(promise) {
  if ((promise._bits & (STATE | CANCELLED)) !== 0) return;
  if ((promise._bits & LONE_ELEMENT) !== 0) materializeElement(promise);
  if ((promise._bits & LONE_REACTION) !== 0) materializeReaction(promise);
  const bits = promise._bits;
  if (hooks.settled !== null) hooks.settled(promise, REJECTED, CANCEL);
  promise._bits = bits; // a frozen promise throws here, with nothing changed
  const id = promise._id;
  const waiters = promise._waiters;
  if (id !== 0) {
    // Its reactions become jobs carrying CANCEL; its node is kept while a job of its own is due.
    const count = waiterCount(waiters);
    stageWaiterJobs(waiters, count, REJECTED, CANCEL);
    engine.callCancel(id, (bits & TARGET) !== 0, count, (bits & BLUEBIRD_TIMING) !== 0);
    promise._id = 0;
    promise._waiters = undefined;
  }
  promise._value = CANCEL;
  if ((bits & OBSERVES_CANCEL) !== 0 && (bits & (TARGET | LONE_TARGET)) !== 0) {
    // A finally handler still runs if the promise it waits on is cancelled (runNextJob).
    promise._bits = (bits & ~WILL_CANCEL) | REJECTED | CANCELLED;
  } else {
    promise._bits = (bits & ~(WILL_CANCEL | HANDLERS)) | REJECTED | CANCELLED;
    promise._handler = undefined;
  }
  if (id === 0) return;
  if ((bits & REGISTERED) !== 0) unregister(promise, id);
  schedule();
}

// Whether `promise` has been resolved already (settled, locked to a thenable, or cancelled):
// for resolving paths that have no resolving-function pair to remember it.
function isResolved(promise) {
  return (promise._bits & (STATE | TARGET | LONE_TARGET | CANCELLED)) !== 0;
}

// A rejection that starts here (not one passed along a chain), as the debug hooks see it.
// `synchronous`: the reason was made where the promise was (an executor's, Promise.reject).
function rejectFromUser(promise, reason, synchronous) {
  if (hooks.rejected !== null) hooks.rejected(promise, reason, synchronous === true);
  reject(promise, reason);
}

// Brackets user code that runs on behalf of `promise` (see `hooks.context`).
function enterContext(promise) {
  if (hooks.context !== null) hooks.context(promise);
}

function leaveContext() {
  if (hooks.context !== null) hooks.context(null);
}

// A synchronous throw from a Node-style function rejects its promise, unless the callback
// settled it first (promisify, Q's nfcall family, RSVP's denodeify).
function rejectUnlessResolved(promise, reason) {
  if (!isResolved(promise)) rejectFromUser(promise, reason);
}

// ECMA-262 Promise Resolve Functions, steps 7 to 16, for a promise of ours.
function resolve(promise, resolution) {
  if ((promise._bits & CANCELLED) !== 0) return;
  if (resolution === promise) {
    if ((promise._bits & SELF_FULFILS) !== 0) fulfill(promise, promise);
    else reject(promise, selfResolutionError(promise));
    return;
  }
  if (resolution === null || (typeof resolution !== 'object' && typeof resolution !== 'function')) {
    fulfill(promise, resolution);
    return;
  }
  let then;
  try {
    then = resolution.then;
  } catch (error) {
    rejectFromUser(promise, error);
    return;
  }
  if (typeof then !== 'function') {
    fulfill(promise, resolution);
    return;
  }
  if ((promise._bits & LONE_ELEMENT) !== 0) materializeElement(promise);
  if ((promise._bits & LONE_REACTION) !== 0) materializeReaction(promise);
  if ((promise._bits & ADOPTS_OWN) !== 0 && adoptAtOnce(promise, resolution, then, true)) return;
  if ((promise._bits & BLUEBIRD_TIMING) !== 0) {
    // As Bluebird's _resolveCallback: a promise of ours is followed at once, a thenable's
    // `then` is called now, unless thenables resolving with thenables nest so deep that the
    // stack would overflow (where Bluebird rejects with a RangeError, or loses the value):
    // then, as in the ES timing, in a job.
    if (adoptAtOnce(promise, resolution, then, false)) return;
    if (thenDepth < MAX_NESTED_THEN_CALLS) {
      if (hooks.followed !== null) hooks.followed(promise, resolution);
      thenDepth++;
      try {
        callThen(promise, resolution, then);
      } finally {
        thenDepth--;
      }
      // Bluebird follows a thenable through a promise of its own, never async-guaranteed: if
      // `then` did not settle this one, its reactions are queued when the thenable does.
      if ((promise._bits & STATE) === PENDING) promise._bits &= ~ASYNC_GUARANTEED;
      return;
    }
  }
  if (hooks.followed !== null) hooks.followed(promise, resolution);
  promise._bits |= TARGET; // a frozen promise throws here, with nothing changed
  engine.reserveJobs(1);
  engine.stageJob(0, promise, resolution, then, 0);
  promise._id = engine.callLock(promise._id, (promise._bits & BLUEBIRD_TIMING) !== 0);
  schedule();
}

// RSVP's handleOwnThenable, for a library made with `adoptsOwn` (`sameConstructor`), and
// Bluebird's following of its own promises in Bluebird's timing: a promise resolved with a
// promise of ours (of the same constructor, for RSVP) whose `then` is the library's original
// follows it without ES's thenable job. A settled one hands its outcome over now (a rejection
// counts as handled), a pending one gets this promise as a reaction. Returns false for
// anything else, which then takes the ECMA-262 path.
function adoptAtOnce(promise, resolution, then, sameConstructor) {
  if (sameConstructor && resolution.constructor !== promise.constructor) return false;
  const library = libraryOfThen(then);
  if ((library === null || !library.isPromise(resolution)) && !adoptsWithoutThen(promise, resolution)) return false;
  // A pending follower (Bluebird's timing) stands for the end of its chain, as Bluebird
  // resolves with `_target()`: settled already, perhaps, while the follower's job waits.
  const followed = followee(resolution);
  const bits = followed._bits;
  if ((bits & CANCELLED) !== 0) {
    if ((promise._bits & BLUEBIRD_TIMING) === 0) return false;
    // As Bluebird's _resolveCallback: following a cancelled promise is a late cancellation
    // observer, at once.
    if (hooks.followed !== null) hooks.followed(promise, resolution);
    reject(promise, new CancellationError('late cancellation observer'));
    return true;
  }
  if (followed !== resolution) resolution._bits |= OBSERVED_AS_FOLLOWER;
  if (hooks.followed !== null) hooks.followed(promise, resolution);
  if (followed === promise) {
    // Following a follower of this one: a cycle.
    reject(promise, selfResolutionError(promise));
    return true;
  }
  const state = bits & STATE;
  if (state === PENDING) {
    if ((promise._bits & BLUEBIRD_TIMING) !== 0 && executorExtra === null && handOverFollowers(promise, followed)) return true;
    addReaction(followed, promise);
    // Bluebird moves a follower's callbacks onto the promise it follows: whether they run at
    // once is that one's to say (deliver), not the follower's.
    if ((promise._bits & BLUEBIRD_TIMING) !== 0) promise._bits = (promise._bits & ~ASYNC_GUARANTEED) | FOLLOWS;
    return true;
  }
  if (state === REJECTED) observeRejection(followed);
  settle(promise, state, followed._value);
  return true;
}

// A rejected promise is handled by something other than a reaction: its node, kept only to
// track it as unhandled, goes.
function observeRejection(promise) {
  const id = promise._id;
  if (id === 0) return;
  engine.discard(id);
  promise._id = 0;
  if ((promise._bits & REGISTERED) !== 0) unregister(promise, id);
  unhandled.handled(promise);
}

// The resolving functions handed to an executor or a thenable's `then`: first call wins.
// They are ECMA-262's anonymous built-ins: arrows (no constructor, no `prototype`) made as
// arguments, which leaves their names empty.
function createResolvingFunctions(promise) {
  let done = false;
  return resolvingPair(
    (resolution) => {
      if (done) return;
      done = true;
      resolve(promise, resolution);
    },
    (reason) => {
      if (done) return;
      done = true;
      rejectFromUser(promise, reason);
    }
  );
}

function resolvingPair(resolveFn, rejectFn) {
  return { resolve: resolveFn, reject: rejectFn };
}

// Bluebird's `_resolveFromExecutor`. The resolving functions are made inline rather than by
// createResolvingFunctions: `new Promise` is hot, and this saves the object that carries the
// pair. With cancellation on, the executor gets a third argument, `onCancel`.
function resolveFromExecutor(executor) {
  if (hooks.context !== null) {
    resolveFromExecutorInContext(this, executor, hooks.context);
    return;
  }
  const promise = this;
  let done = false;
  try {
    // (A comma expression, not a function definition: the arrows keep an empty name.)
    const resolveFn = (0, (resolution) => {
      if (done) return;
      done = true;
      resolve(promise, resolution);
    });
    const rejectFn = (0, (reason) => {
      if (done) return;
      done = true;
      rejectFromUser(promise, reason);
    });
    if (executorExtra === null) executor(resolveFn, rejectFn);
    else executor(resolveFn, rejectFn, executorExtra(promise));
  } catch (error) {
    if (!done) {
      done = true;
      rejectFromUser(promise, error);
    }
  }
}

// The same, with the executor in the promise's context, and its rejections marked
// synchronous while it runs (long stack traces).
function resolveFromExecutorInContext(promise, executor, context) {
  let done = false;
  let synchronous = true;
  const resolveFn = (0, (resolution) => {
    if (done) return;
    done = true;
    resolve(promise, resolution);
  });
  const rejectFn = (0, (reason) => {
    if (done) return;
    done = true;
    rejectFromUser(promise, reason, synchronous);
  });
  let threw = false;
  let thrown;
  context(promise);
  try {
    if (executorExtra === null) executor(resolveFn, rejectFn);
    else executor(resolveFn, rejectFn, executorExtra(promise));
  } catch (error) {
    threw = true;
    thrown = error;
  }
  synchronous = false;
  context(null);
  if (threw && !done) {
    done = true;
    rejectFromUser(promise, thrown, true);
  }
}

// Makes the executor's third argument (cancellation's `onCancel`); null when off.
let executorExtra = null;

function setExecutorExtra(fn) {
  executorExtra = fn;
}

// ---- reactions --------------------------------------------------------------------------

// Bluebird's timing, cancellation off: a promise that comes to follow `followed` hands its
// callbacks over to it, as Bluebird's _resolveCallback migrates them, so that a chain of
// followers (a promise loop: `function loop() { return next().then(loop); }`) holds its end
// alone, as on bluebird, not every promise of the loop. Here when every reaction of the
// promise is itself a follower of it (nothing moves otherwise): each now waits on, and
// follows, `followed`; the promise, which nothing waits on any more, never settles, and is
// read through its followee (followee), as Bluebird reads `_target()`. Returns whether it did.
function handOverFollowers(promise, followed) {
  const bits = promise._bits;
  if ((bits & (TARGET | LONE_TARGET | LONE_ELEMENT | GENERIC | REGISTERED)) !== 0) return false;
  const waiters = promise._waiters;
  if (waiters === undefined || !followsOnly(waiters, promise)) return false;
  // A frozen promise, or a frozen waiter, throws here, with nothing changed.
  promise._bits = bits;
  if (Array.isArray(waiters)) for (let i = 0; i < waiters.length; i++) waiters[i]._value = promise;
  else waiters._value = promise;
  // Noted as a root while it had waiters: the roots' lists drop it at their next pass.
  if ((bits & SWEEP) !== 0) forgetRoot(promise);
  if ((bits & LONE_REACTION) !== 0) {
    // Held in JS alone: the waiter comes to wait on `followed` as any reaction does.
    promise._bits = (promise._bits & ~(LONE_REACTION | ASYNC_GUARANTEED)) | FOLLOWS;
    promise._waiters = undefined;
    promise._value = followed;
    waiters._bits &= ~LONE_TARGET;
    addReaction(followed, waiters);
    return true;
  }
  if ((followed._bits & (LONE_ELEMENT | LONE_REACTION)) !== 0) materialize(followed);
  const to = nodeOf(followed);
  const from = promise._id;
  engine.transferLater(from, to);
  promise._id = 0;
  promise._bits = (promise._bits & ~ASYNC_GUARANTEED) | FOLLOWS;
  promise._waiters = undefined;
  promise._value = followed;
  if (Array.isArray(waiters)) {
    for (let i = 0; i < waiters.length; i++) {
      waiters[i]._value = followed;
      appendWaiter(followed, waiters[i]);
    }
  } else {
    waiters._value = followed;
    appendWaiter(followed, waiters);
  }
  if ((followed._bits & TARGET) === 0) noteRoot(followed);
  return true;
}

// Whether every waiter (one, or an array) is a pending follower of `promise`.
function followsOnly(waiters, promise) {
  if (!Array.isArray(waiters)) return isFollowerOf(waiters, promise);
  for (let i = 0; i < waiters.length; i++) if (!isFollowerOf(waiters[i], promise)) return false;
  return true;
}

function isFollowerOf(waiter, promise) {
  return waiter._value === promise && (waiter._bits & (FOLLOWS | STATE | GENERIC)) === FOLLOWS;
}

// Registers `target` (a pending promise or GenericReaction) as a reaction on `parent`. A
// pending parent holds it in `_waiters`; a settled one queues the job now.
function addReaction(parent, target) {
  if ((parent._bits & FOLLOWS) !== 0) parent = followedPromise(parent);
  if ((parent._bits & (LONE_ELEMENT | LONE_REACTION)) !== 0) materialize(parent);
  if ((target._bits & (LONE_ELEMENT | LONE_REACTION)) !== 0) materialize(target);
  const bits = parent._bits;
  const state = bits & STATE;
  if (state === PENDING) {
    if (parent._id === 0 && target._id === 0 && (target._bits & GENERIC) === 0) {
      // The first reaction of a promise with no node, on a promise with none: a lone
      // reaction, held in JS alone (LONE_REACTION).
      parent._bits = bits | LONE_REACTION;
      parent._waiters = target;
      target._bits |= LONE_TARGET;
      target._value = parent;
      return;
    }
    linkPending(parent, nodeOf(target), target);
    target._bits |= TARGET;
    if ((target._bits & GENERIC) === 0) target._value = parent;
    if ((bits & TARGET) === 0) noteRoot(parent);
    return;
  }
  // A reaction on a settled async-guaranteed promise is async-guaranteed too, when its job
  // runs (Bluebird's settler calls _settlePromise, which passes the flag on).
  if ((bits & ASYNC_GUARANTEED) !== 0) target._bits |= ASYNC_GUARANTEED;
  if (parent._id === 0) {
    queueSettledJob(target, null, 0, state, parent._value, bits);
    return;
  }
  reactToUnhandled(parent, target, null, 0);
}

// Bluebird's timing: a reaction on a pending follower goes to the promise it follows (and on
// along a chain of followers), as Bluebird adds callbacks to `_target()`; the follower's own
// reactions, from before it followed, run in its job's place (settle, deliver).
function followedPromise(follower) {
  const parent = followee(follower);
  if (parent !== follower) follower._bits |= OBSERVED_AS_FOLLOWER;
  return parent;
}

// The end of a pending follower's chain (Bluebird's _target()), or the promise itself.
function followee(promise) {
  while ((promise._bits & (FOLLOWS | STATE)) === FOLLOWS) promise = promise._value;
  return promise;
}

// A reaction that reports to a collection (collections.js, RSVP's Enumerator) rather than
// settling a promise: its job calls `aggregate.settled(index, fulfilled, value)`. No object
// per element: the aggregate is the job's target, and the job carries the index, or a node
// whose index is in `elementIndexes` (index + 1; 0 = not an element). An object per element
// made Promise.all of 1e5 pending promises mostly scavenges (benches/README.md: elements).
//
// When an element's parent settles, its job is queued and the aggregate is told first:
// `aggregate.elementDue(fulfilled)` answers whether the job is quiet (see QUIET): Promise.all
// says so of a job that only records the element and can settle nothing (one queued before
// the job that will settle its result), map and filter of all their jobs, which Bluebird runs
// in its own batches, not at ES job times.
//
// Its own function, not a branch of addReaction: code optimized while only elements came
// had no feedback for a target's fields, and deoptimized at the first `then` of the next
// run of map c16.
//
// An element that is the first reaction of a pending parent with no node (so nothing else
// waits on it, and it waits on nothing) stays in JS alone, a lone element: no node for the
// parent or the element, no link, no root to sweep; its settle enqueues the element's job by
// index. Anything more (a second reaction, a cancel, a thenable) first gives it the engine's
// form. Otherwise each pending input of Promise.all and mapper result of map took two nodes,
// a link, a settle and a discard in the engine, and a root (benches/README.md: lone elements).
function addElementReaction(parent, aggregate, index) {
  if ((parent._bits & FOLLOWS) !== 0) parent = followedPromise(parent);
  if ((parent._bits & (LONE_ELEMENT | LONE_REACTION)) !== 0) materialize(parent);
  const bits = parent._bits;
  const state = bits & STATE;
  if (state === PENDING) {
    if (parent._id === 0 && (bits & LONE_TARGET) === 0 && index <= MAX_ELEMENT_INDEX) {
      // No node: it has no reaction yet and is no target (a target has a node, but for a
      // lone reaction's, whose `_value` is taken).
      parent._bits = bits | LONE_ELEMENT;
      parent._value = index;
      parent._waiters = aggregate;
      return;
    }
    const id = engine.takeNode();
    becomeElement(id, index, aggregate);
    linkPending(parent, id, (bits & BLUEBIRD_TIMING) !== 0 ? new ElementWaiter(aggregate, id) : aggregate);
    if ((bits & TARGET) === 0) noteRoot(parent);
    return;
  }
  if (parent._id === 0) {
    queueSettledJob(null, aggregate, index, state, parent._value, bits);
    return;
  }
  reactToUnhandled(parent, null, aggregate, index);
}

// Links `waiter` (a target, an aggregate or an ElementWaiter), whose reaction is the node
// `id`, as the next reaction of the pending `parent`: in the engine (a ring command, no call)
// and in `parent._waiters`, in one step. Everything that can throw comes first (the parent's
// node; the caller took the reaction's and made the waiter); the command is the last call,
// and only plain stores follow it, so no exception can leave one list a reaction longer than
// the other. The caller's own stores for the waiter come right after.
function linkPending(parent, id, waiter) {
  const parentNode = nodeOf(parent);
  engine.linkLater(parentNode, id);
  appendWaiter(parent, waiter);
}

// `waiter` joins the end of `parent`'s waiters: none, one, or an array of them.
function appendWaiter(parent, waiter) {
  const waiters = parent._waiters;
  if (waiters === undefined) parent._waiters = waiter;
  else if (Array.isArray(waiters)) waiters[waiters.length] = waiter;
  else parent._waiters = [waiters, waiter];
}

// The node of `promise`, given one (a spare the engine made ahead: no call) if it has none.
// A node with no reaction yet is no change the engine could disagree with.
function nodeOf(promise) {
  if (promise._id === 0) promise._id = engine.takeNode();
  return promise._id;
}

// A reaction (of `target`, or of element `index` of `aggregate`) on a settled parent with a
// node: an unhandled rejection until now. The engine says whether it was.
function reactToUnhandled(parent, target, aggregate, index) {
  const parentId = parent._id;
  const bits = parent._bits;
  parent._bits = bits; // a frozen promise throws here, with nothing changed
  // The target's node is known before the call, so that its job can only come back to a
  // target that knows it.
  const id = target === null ? engine.takeNode() : nodeOf(target);
  if (target === null) becomeElement(id, index, aggregate);
  stageJob(target === null ? aggregate : target, parent._value);
  const answer = engine.callThen(parentId, bits & STATE, id, (bits & BLUEBIRD_TIMING) !== 0);
  parent._id = 0;
  if (target !== null) target._bits |= TARGET;
  if ((bits & REGISTERED) !== 0) unregister(parent, parentId);
  schedule();
  // Last: the library's `onUnhandledRejectionHandled` runs user code, which may settle
  // promises and enqueue jobs; the job of this reaction must be in the argument queue first,
  // in the engine's order.
  if (answer > ID_MASK) unhandled.handled(parent);
}

// Queues a reaction job on a source with no node, settled with `state` and `value`: for
// `target`, or when `target` is null, for element `index` of `aggregate`. A ring command, on
// a spare node when the target has none.
// `timedBy`: the bits of the promise whose library's timing the job takes (the settled
// source, or for an element known at once, the collection's result).
function queueSettledJob(target, aggregate, index, state, value, timedBy) {
  const drained = (timedBy & BLUEBIRD_TIMING) !== 0;
  if (target === null) {
    if (index <= MAX_ELEMENT_INDEX) {
      stageJob(aggregate, value);
      engine.commitElement(index, state, drained);
      schedule();
      return;
    }
  } else {
    if ((target._bits & LONE_ELEMENT) !== 0) materializeElement(target);
    if (target._id === 0 && (target._bits & GENERIC) === 0) {
      // A target with no node waits for its job with none, as a lone reaction's does.
      target._bits |= LONE_TARGET; // a frozen target throws here, with nothing changed
      stageJob(target, value);
      engine.commitElement(0, state, drained);
      schedule();
      return;
    }
  }
  const id = target === null ? engine.takeNode() : nodeOf(target);
  if (target === null) becomeElement(id, index, aggregate);
  stageJob(target === null ? aggregate : target, value);
  engine.commitEnqueue(id, state, drained);
  if (target !== null) target._bits |= TARGET;
  schedule();
}

// Stages the one entry of a job that is a batch of its own (engine.js: reserve, stage, then
// the caller's commit).
const stageJob = engine.stageOne;

// Gives a lone element's promise the engine's form: a node, whose first reaction is the
// element, on a node of its own. Before anything else comes to wait on the promise, or the
// promise comes to wait on something, is cancelled or resolved to a thenable.
function materializeElement(promise) {
  const index = promise._value;
  const aggregate = promise._waiters;
  const promiseNode = nodeOf(promise);
  const id = engine.takeNode();
  becomeElement(id, index, aggregate);
  const waiter = (promise._bits & BLUEBIRD_TIMING) !== 0 ? new ElementWaiter(aggregate, id) : aggregate;
  engine.linkLater(promiseNode, id);
  promise._waiters = waiter;
  promise._value = undefined;
  promise._bits &= ~LONE_ELEMENT;
  if ((promise._bits & TARGET) === 0) noteRoot(promise);
}

// Gives a lone element's or a lone reaction's promise the engine's form.
function materialize(promise) {
  if ((promise._bits & LONE_ELEMENT) !== 0) materializeElement(promise);
  else materializeReaction(promise);
}

// Gives a lone reaction the engine's form: nodes for the promise and its target (it may
// have one, as a parent), linked. Before anything else comes to wait on the promise, or the
// promise comes to wait on something, is cancelled or resolved to a thenable; or its target
// comes to wait on something else.
function materializeReaction(promise) {
  // The target gets a node too: if it has a lone reaction of its own, so does that one's
  // target, and so on down the chain (a loop: a then-chain of 1e6 lone links is no stack).
  // Each link is one step, as linkPending's: the nodes first, the command, then stores.
  let parent = promise;
  while ((parent._bits & LONE_REACTION) !== 0) {
    const target = parent._waiters;
    const parentNode = nodeOf(parent);
    const id = nodeOf(target);
    engine.linkLater(parentNode, id);
    parent._bits &= ~LONE_REACTION;
    target._bits = (target._bits & ~LONE_TARGET) | TARGET;
    if ((parent._bits & TARGET) === 0) noteRoot(parent);
    parent = target;
  }
}

// A lone reaction's promise settles: the target's job is enqueued by index (the engine's
// Element command; the target is in the argument queue), or run at once as a node's would be
// (deliver).
function settleLoneReaction(promise, state, value) {
  const bits = promise._bits;
  const target = promise._waiters;
  const settledBits = (bits & ~(STATE | LONE_REACTION)) | state;
  const how = deliveryOf(bits, state);
  if (how !== QUEUED && isDeliverable(target)) {
    promise._waiters = undefined;
    promise._bits = settledBits;
    promise._value = value;
    deliver(target, value, how);
    return;
  }
  promise._bits = bits; // a frozen promise throws here, with nothing changed
  stageJob(target, value);
  engine.commitElement(0, state, (bits & BLUEBIRD_TIMING) !== 0);
  promise._waiters = undefined;
  promise._bits = settledBits;
  promise._value = value;
  if ((bits & ASYNC_GUARANTEED) !== 0 && state === REJECTED) passGuarantee(target);
  schedule();
}

// Bluebird's timing: an element reaction among a promise's waiters, with its node, so that
// an async-guaranteed or following promise can run it at once (deliver) as it runs a
// promise's. It stands for the aggregate in the queue too (runNextJob).
function ElementWaiter(aggregate, node) {
  this.aggregate = aggregate;
  this.node = node;
}

ElementWaiter.prototype.elementDue = function (fulfilled) {
  return this.aggregate.elementDue(fulfilled);
};

ElementWaiter.prototype.settled = function (index, fulfilled, value) {
  this.aggregate.settled(index, fulfilled, value);
};

// Runs the element's reaction now, outside the queue.
ElementWaiter.prototype.deliver = function (fulfilled, value) {
  const index = takeElement(this.node);
  this.aggregate.elementDue(fulfilled);
  this.aggregate.settled(index, fulfilled, value);
};

// A promise's node settles (with `state`) or is cancelled, and its `count` reactions become
// jobs, in the order they were registered: the order of its `waiters`. Stages their entries
// for the caller's commit (engine.js). The jobs one settlement enqueues are contiguous in
// the ECMA-262 queue, nothing can come between them, so one native microtask runs them all;
// the first job's extra carries the batch size. A lone element job that its aggregate calls
// quiet gets no microtask of its own (see QUIET).
function stageWaiterJobs(waiters, count, state, value) {
  if (count === 0) return;
  engine.reserveJobs(count);
  const kind = state; // a reaction's job kind is its parent's state
  if (count === 1) {
    const quiet = waiters._bits === undefined && waiters.elementDue(state === FULFILLED);
    engine.stageJob(0, waiters, value, quiet ? QUIET : 1, engine.CHECKING ? expectedJobOf(waiters, kind) : 0);
    return;
  }
  for (let i = 0; i < count; i++) {
    const waiter = waiters[i];
    if (waiter._bits === undefined) waiter.elementDue(state === FULFILLED);
    engine.stageJob(i, waiter, value, i === 0 ? count : undefined, engine.CHECKING ? expectedJobOf(waiter, kind) : 0);
  }
}

// How many reactions `_waiters` holds: none, one alone, or an array of them.
function waiterCount(waiters) {
  return waiters === undefined ? 0 : Array.isArray(waiters) ? waiters.length : 1;
}

// Check mode: the job the engine must hand back for a waiter of a node being settled. A
// promise's node is its `_id` (0 once cancel kept it: then only the kind is compared), an
// ElementWaiter's its `node`; an aggregate's is in the element table (checkOwner).
function expectedJobOf(waiter, kind) {
  if (waiter instanceof ElementWaiter) return engine.expectedJob(waiter.node, kind);
  return engine.expectedJob(waiter._bits === undefined ? 0 : waiter._id, kind);
}

// `target` settles from an already settled source with `state` and `value` (a reaction
// job, queued now, in the target's library's timing).
function addSettledReaction(target, state, value) {
  queueSettledJob(target, null, 0, state, value, target._bits);
}

let elementIndexes = new Int32Array(1024);

// Check mode: each element node's aggregate, so that a job by node is checked against the
// entry that takes it (engine.js, checkEntry). The job's target is the aggregate, or the
// ElementWaiter that stands for it, or the promise whose reaction the node is. Weak: a table
// by node id that held aggregates kept cycles through their handlers alive (gc.test.js).
const elementOwners = engine.CHECKING ? [] : null;

const { noteRoot, forgetRoot, unregister } = createRoots(engine, (id) => {
  if (id < elementIndexes.length) elementIndexes[id] = 0;
  if (elementOwners !== null) elementOwners[id] = undefined;
});

// An element that is a plain value: its job is queued now, as `then` on a fulfilled promise
// would queue it, in the timing of `timedBy`'s library (the promise the aggregate settles).
function addFulfilledElement(aggregate, index, value, timedBy) {
  queueSettledJob(null, aggregate, index, FULFILLED, value, timedBy._bits);
}

// An element that is a rejection known now: its job is queued now, as `then` on a rejected
// promise would queue it.
function addRejectedElement(aggregate, index, reason, timedBy) {
  queueSettledJob(null, aggregate, index, REJECTED, reason, timedBy._bits);
}

// The index of the element whose reaction node `id` is, done with: its job has come, or it
// runs at once.
function takeElement(id) {
  const index = elementIndexes[id] - 1;
  elementIndexes[id] = 0;
  if (elementOwners !== null) elementOwners[id] = undefined;
  discardLater(id);
  return index;
}

function becomeElement(id, index, aggregate) {
  if (id >= elementIndexes.length) elementIndexes = grownToFit(elementIndexes, id);
  elementIndexes[id] = index + 1;
  if (elementOwners !== null) elementOwners[id] = new WeakRef(aggregate);
}

function checkOwner(word, target) {
  const id = word >>> OP_BITS;
  if (target._bits !== undefined) return target._id === 0 || target._id === id;
  if (target instanceof ElementWaiter) return target.node === id;
  return elementIndexes[id] !== 0 && elementOwners[id] !== undefined && elementOwners[id].deref() === target;
}

if (engine.CHECKING) engine.setOwnerCheck(checkOwner);

// After the engine gave ids back, the table by id need not reach past them (engine.js).
engine.onCompaction((space) => {
  const length = Math.max(1024, space + 1);
  if (elementIndexes.length > 2 * length) elementIndexes = elementIndexes.slice(0, length);
  if (elementOwners !== null && elementOwners.length > length) elementOwners.length = length;
});

// `table` (an Int32Array by node id) with room for `id`.
function grownToFit(table, id) {
  const grown = new Int32Array(Math.max(table.length * 2, id + 1));
  grown.set(table);
  return grown;
}

// ECMA-262 NewPromiseCapability(C) for a constructor that is not ours.
// ECMA-262 calls a capability's functions with an undefined `this`, not the record.
function callCapability(fn, value) {
  return fn(value);
}

function newPromiseCapability(C) {
  if (typeof C !== 'function') throw new TypeError(messages.NOT_A_CONSTRUCTOR);
  const capability = { promise: undefined, resolve: undefined, reject: undefined };
  // ECMA-262's GetCapabilitiesExecutor: anonymous, no constructor.
  capability.promise = new C((resolveFn, rejectFn) => {
    if (capability.resolve !== undefined || capability.reject !== undefined) {
      throw new TypeError(messages.EXECUTOR_TWICE);
    }
    capability.resolve = resolveFn;
    capability.reject = rejectFn;
  });
  if (typeof capability.resolve !== 'function' || typeof capability.reject !== 'function') {
    throw new TypeError(messages.BAD_RESOLVERS);
  }
  return capability;
}

// ---- jobs -------------------------------------------------------------------------------

// Frees the node of a target whose last job has arrived, without a call of its own.
const discardLater = engine.discardLater;

// A job with no microtask of its own (engine.QUIET): an element job its aggregate called
// quiet. If a batch of ours is due, that one runs it after its own jobs, or an earlier one
// does; if none is, the first of ours to come runs it before its own jobs, or the
// scheduler's backstop does. Always in queue order, so before any later job. For
// Promise.all, nothing such a job does can be seen, and the job that settles the result is
// never quiet; map's mapper calls move from ES job times to Bluebird's (batches, at the
// latest at the next check phase). A native microtask per job was 97 bytes allocated (the
// heap profiler): a scavenge a round in Promise.all of 5e4 pending elements.
function runQuietJobs() {
  while (engine.peekExtra() === QUIET) runGuarded();
}

// The timing of Bluebird's flavour (the main export and its copies): BLUEBIRD_TIMING on each
// of their promises (library.js), Bluebird's by default, ES's with `scheduling: 'es'`. The Q
// and RSVP flavours' promises never carry it: each flavour keeps its original's timing.
const SCHEDULINGS = ['es', 'bluebird'];
const timing = { bits: BLUEBIRD_TIMING };

const scheduler = createScheduler(runJob, runQuietJobs, handlers, engine.owed, timing);
const schedule = scheduler.schedule;

function hasBluebirdTiming(promise) {
  return (promise._bits & BLUEBIRD_TIMING) !== 0;
}

// Chosen at start-up (FERROBIRD_SCHEDULING, or Promise.config): a change while jobs are
// queued would run them in a mix of both.
function setScheduling(mode) {
  if (!SCHEDULINGS.includes(mode)) throw new TypeError(messages.badScheduling(SCHEDULINGS, mode));
  const bits = mode === 'bluebird' ? BLUEBIRD_TIMING : 0;
  if (bits === timing.bits) return;
  if (engine.jobCount() !== 0) throw new Error(messages.SCHEDULING_TOO_LATE);
  timing.bits = bits;
}

function scheduling() {
  return timing.bits !== 0 ? 'bluebird' : 'es';
}

// Bluebird's late queue: a rejection of a promise in Bluebird's timing counts as unhandled
// only after the drain that follows it (unhandled.js).
unhandled.setAfterBatch(scheduler.afterBatch);

// Runs one batch of jobs enqueued together (the scheduler's unit): the next ones in the
// engine's queue, after the quiet jobs queued before them; then the quiet jobs queued after.
// A run with nothing queued (one paid for a batch whose commit threw) does nothing.
function runJob() {
  if (stopped !== null) return;
  runQuietJobs();
  if (engine.jobCount() === 0) return;
  const extra = engine.peekExtra();
  // A batch's entries were committed together: all of them are there.
  let remaining = typeof extra === 'number' ? extra : 1;
  while (remaining-- > 0) runGuarded();
  runQuietJobs();
  // Runs a commit owed the scheduler and could not pay (a throw where it was called).
  const owed = engine.owed;
  if (owed.runs !== 0 || owed.drains !== 0 || owed.quiet || owed.quietDrain) schedule();
}

// A job that throws (a user's capability or monitoring listener, a frozen target) does not
// stop the jobs after it: its error reaches the host as an uncaught exception, as a native
// job's would, after them. A job taken is taken from both halves of the queue at once
// (engine.takeJob), so nothing it throws can set them apart; a lockstep error stops the
// runtime (stopped): every later job would be suspect.
function runGuarded() {
  // Read before the job is taken, for the report of a job that throws.
  const target = engine.peekTarget();
  const argument = engine.peekValue();
  try {
    runNextJob(target, argument);
  } catch (error) {
    jobThrew(error, target, argument);
  }
}

// `error` came out of the job of `target` with `argument`.
function jobThrew(error, target, argument) {
  if (error !== null && typeof error === 'object' && error.code === 'FERROBIRD_LOCKSTEP') {
    stopped = error;
    reportLater(error);
  } else if (error instanceof TypeError && (isFrozenPromise(target) || isFrozenPromise(argument))) {
    // A promise frozen while it waited, or one a job adopts: it cannot be settled or
    // followed, and the handlers that wait on it never run.
    process.emitWarning(messages.FROZEN_TARGET, 'FerrobirdWarning', 'FERROBIRD_FROZEN_PROMISE');
  } else {
    reportLater(error);
  }
}

// A lockstep error stops the runtime: no job runs after it (every later one is suspect).
let stopped = null;

function isFrozenPromise(value) {
  return isAnyLibraryPromise(value) && Object.isFrozen(value);
}

function reportLater(error) {
  process.nextTick(rethrow, error);
}

function rethrow(error) {
  throw error;
}

// Runs the job at the head, whose entry's `target` and `argument` the caller has read.
function runNextJob(target, argument) {
  const extra = engine.peekExtra();
  const word = engine.takeJob();
  const kind = word & KIND_MASK;
  const id = word >>> OP_BITS;
  const bits = target._bits;
  if (bits === undefined) {
    // An aggregate (it has no state bits): an element reaction's job, by its index, or by a
    // node whose index is in the table (a cache miss in a large one: doxbee).
    if (kind > JOB_THENABLE) {
      target.settled(id, kind === JOB_ELEMENT_FULFILLED, argument);
      return;
    }
    target.settled(takeElement(id), kind === JOB_FULFILL, argument);
    return;
  }
  if (kind > JOB_THENABLE) {
    // A lone reaction's job (settleLoneReaction): no node.
    target._bits = bits & ~LONE_TARGET;
    const reactionKind = kind === JOB_ELEMENT_FULFILLED ? JOB_FULFILL : JOB_REJECT;
    if ((bits & CANCELLED) === 0) runReaction(target, reactionKind, argument);
    else if (argument === CANCEL && (bits & OBSERVES_CANCEL) !== 0) runCancelObserver(target, reactionKind);
    else takeHandler(target, reactionKind === JOB_FULFILL);
    return;
  }
  target._bits = bits & ~TARGET;
  if ((bits & CANCELLED) !== 0) {
    // Cancelled while this job was due: the node was kept for it, and is done with now.
    discardLater(id);
    if (argument === CANCEL && (bits & OBSERVES_CANCEL) !== 0) runCancelObserver(target, kind);
    else takeHandler(target, kind === JOB_FULFILL);
    return;
  }
  if (kind === JOB_THENABLE) {
    runThenableJob(target, argument, extra);
  } else if ((bits & GENERIC) !== 0) {
    runGenericReaction(target, kind, argument);
  } else {
    runReaction(target, kind, argument);
  }
}

// ECMA-262 NewPromiseReactionJob, for a reaction whose promise is ours.
function runReaction(promise, kind, argument) {
  promise._value = undefined; // it waited on the promise whose settling queued this job
  const handler = takeHandler(promise, kind === JOB_FULFILL);
  if (handler === undefined || (argument === CANCEL && (promise._bits & OBSERVES_CANCEL) === 0)) {
    if (kind !== JOB_FULFILL) reject(promise, argument);
    else if ((promise._bits & PASSES_AS_IS) !== 0) passFulfilment(promise, argument);
    else resolve(promise, argument);
    return;
  }
  enterTakenFrame();
  let receiver = receiverOf(promise);
  if (receiver instanceof LateReceiver) receiver = receiver.value;
  let result;
  const ran = hooks.ran;
  if (ran !== null) ran(HANDLER_START, promise);
  try {
    result = receiver === undefined ? handler(argument) : handler.call(receiver, argument);
  } catch (error) {
    if (ran !== null) ran(HANDLER_THREW, promise);
    rejectFromUser(promise, error);
    return;
  }
  if (ran !== null) ran(HANDLER_RETURNED, promise, result);
  // A handler that returns its own promise: a TypeError, even where resolving a promise with
  // itself fulfils it (RSVP).
  if (result === promise) reject(promise, selfResolutionError(promise));
  else resolve(promise, result);
}

// Bluebird's library (PASSES_AS_IS): a fulfilment passes on as it is, as Bluebird's
// `_settlePromise` passes it with `_fulfill`: a value that is a thenable (only a Node-style
// callback's can be, nodeify.js) is not resolved, where ES's reaction job resolves with it
// (as Q does; no ES promise has such a value).
function passFulfilment(promise, value) {
  if (value === promise) reject(promise, selfResolutionError(promise));
  else fulfill(promise, value);
}

// Bluebird's message for a promise of Bluebird's library (in either timing), else ES's.
function selfResolutionError(promise) {
  return new TypeError((promise._bits & PASSES_AS_IS) !== 0 ? messages.CIRCULAR_RESOLUTION : messages.SELF_RESOLUTION);
}

// A finally handler (or reflect) of a promise cancelled before its job came: as in Bluebird,
// it still runs when the promise it waited on was cancelled too. Its outcome has nowhere to
// go: the promise is cancelled already, and a promise the handler returns is awaited for
// nothing, its rejection too (Bluebird's checkCancel hands it to the cancelled promise).
function runCancelObserver(promise, kind) {
  const handler = takeHandler(promise, kind === JOB_FULFILL);
  if (handler === undefined) return;
  enterTakenFrame();
  let receiver = receiverOf(promise);
  if (receiver instanceof LateReceiver) receiver = receiver.value;
  let result;
  try {
    result = receiver === undefined ? handler(CANCEL) : handler.call(receiver, CANCEL);
  } catch (error) {
    return;
  }
  if (isAnyLibraryPromise(result)) declareRejectionHandled(result);
}

// Bluebird's suppressUnhandledRejections: `promise`'s rejection, now or later, counts as
// handled, and so does the one it follows (`_target()`).
function declareRejectionHandled(promise) {
  const target = followee(promise);
  promise._bits |= REJECTION_HANDLED;
  target._bits |= REJECTION_HANDLED;
  if ((target._bits & STATE) === REJECTED) observeRejection(target);
}

function runGenericReaction(reaction, kind, argument) {
  // Its node is done with: nothing waits on a reaction that is not a promise.
  discardLater(reaction._id);
  reaction._id = 0;
  // A foreign promise that follows a cancelled one stays pending, as with Bluebird.
  if (argument === CANCEL) return;
  const capability = reaction._capability;
  const handler = kind === JOB_FULFILL ? reaction._onFulfilled : reaction._onRejected;
  let result;
  if (handler === undefined) {
    if (kind === JOB_FULFILL) callCapability(capability.resolve, argument);
    else callCapability(capability.reject, argument);
    return;
  }
  handlers.enterFrame(reaction._frame);
  try {
    result = handler(argument);
  } catch (error) {
    callCapability(capability.reject, error);
    return;
  }
  callCapability(capability.resolve, result);
}

// ECMA-262 NewPromiseResolveThenableJob. A promise of ours whose `then` is the original and
// whose species is Promise is adopted inside the engine: the same steps, without the
// resolving functions and the unobservable derived promise.
function runThenableJob(promise, thenable, then) {
  if (adoptsWithoutThen(promise, thenable)) {
    addReaction(thenable, promise);
    return;
  }
  const library = libraryOfThen(then);
  if (library !== null && library.isPromise(thenable)) {
    let C;
    try {
      C = library.speciesConstructor(thenable);
    } catch (error) {
      reject(promise, error);
      return;
    }
    if (C === library.Promise) {
      addReaction(thenable, promise);
      return;
    }
  }
  callThen(promise, thenable, then);
}

// Bluebird adopts a promise of its own, of any copy, without calling its `then`
// (tryConvertToPromise), even a `then` a CLS tool has wrapped: calling the wrapper would bind
// the resolving functions, a bind per adoption that bluebird never makes.
function adoptsWithoutThen(promise, thenable) {
  return (promise._bits & PASSES_AS_IS) !== 0 && isAnyLibraryPromise(thenable) && (thenable._bits & PASSES_AS_IS) !== 0;
}

// Thenables' `then` called now and not returned yet (Bluebird's timing).
let thenDepth = 0;
const MAX_NESTED_THEN_CALLS = 256;

// Calls a thenable's `then` with `promise`'s resolving functions (and Q's progress function,
// for a Q promise).
function callThen(promise, thenable, then) {
  const fns = createResolvingFunctions(promise);
  const owner = brand.libraryOfOwnPromise(promise);
  try {
    // Bluebird adopts another copy's promise through its `_then` (tryConvertToPromise), not
    // its public `then`, which a CLS tool may have wrapped.
    if ((promise._bits & PASSES_AS_IS) !== 0 && brand.isOtherCopyPromise(thenable)) thenable._then(fns.resolve, fns.reject, undefined, undefined, undefined);
    else if (owner === null || owner.thenableNotifier === undefined) then.call(thenable, fns.resolve, fns.reject);
    else then.call(thenable, fns.resolve, fns.reject, owner.thenableNotifier(promise));
  } catch (error) {
    fns.reject(error);
  }
  if (hooks.thenCalled !== null) hooks.thenCalled(promise, thenable);
  if ((promise._bits & (STATE | TARGET)) === 0 && promise._id !== 0) noteRoot(promise);
}

// The library whose original `then` this is, if any.
const libraryOfThen = brand.libraryOfThen;

// The environment's choice applies from the start.
if (process.env.FERROBIRD_SCHEDULING) setScheduling(process.env.FERROBIRD_SCHEDULING);

// The runtime as features see it: what it is made of (the fields, the hooks, the handler
// accessors) and what it does.
module.exports = {
  ...promiseState,
  ...hookPoints,
  ...handlers,
  GenericReaction,
  registerLibrary,
  markBluebirdFlavour: brand.markBluebirdFlavour,
  isAnyLibraryPromise,
  warn,
  setWarningSink,
  resolveFromExecutor,
  setExecutorExtra,
  resolve,
  reject,
  rejectFromUser,
  rejectUnlessResolved,
  enterContext,
  leaveContext,
  isResolved,
  fulfill,
  cancel,
  addReaction,
  addSettledReaction,
  addElementReaction,
  addFulfilledElement,
  addRejectedElement,
  guaranteeAsync,
  inheritGuarantee,
  hasBluebirdTiming,
  timing,
  observeRejection,
  declareRejectionHandled,
  followedPromise,
  followee,
  createResolvingFunctions,
  newPromiseCapability,
  setScheduler: scheduler.setScheduler,
  setEachBatchScheduler: scheduler.setEachBatchScheduler,
  setScheduling,
  scheduling,
  messages,
  NativePromise,
};
