'use strict';
// When ferrobird's jobs run: the engine's queue says which job is next, the scheduler says
// when the runner (core.js, `runJob`) is called.
//
// Two timings, each batch of jobs in the timing of the library whose promise's settlement
// enqueued it (core.js, BLUEBIRD_TIMING): Bluebird's flavour is in Bluebird's timing unless
// `Promise.config({ scheduling: 'es' })` or FERROBIRD_SCHEDULING=es says otherwise; the Q and
// RSVP flavours are always in ES's, as their originals' suites require.
//
// - ES's: each batch of jobs that one settlement enqueues is paired with one native microtask
//   (a `then` on a resolved native promise, ~28 ns measured), so ferrobird jobs interleave
//   with native promise jobs and `await` exactly as one ECMA-262 job queue would. A single
//   drain per batch would run `fb.then(A); native.then(N); fb.then(B)` as A, B, N.
// - Bluebird's: jobs are drained in batches from one `setImmediate` (Bluebird's async queue
//   on Node): every job queued during a drain runs in the same drain. The rest of the timing
//   (adopting a promise of ours at once, calling a thenable's `then` when resolving with it)
//   is in core.js's `resolve`.
//
// The queue is one FIFO: a run takes the batch at its head, whichever timing scheduled it, so
// in a process that mixes the flavours a batch may run in another's slot (a Bluebird batch
// ahead of an ES one in that one's microtask); with one flavour, each timing is exact.
//
// `Promise.setScheduler(fn)` makes `fn` the batch scheduler for every batch: one call of
// `fn(drain)` per batch, as in Bluebird.
//
// A *quiet* job has no microtask of its own (core.js, QUIET): the next batch runs it, or a
// drain (Bluebird's timing) or a host `setImmediate` backstop (ES's) when none is due.
//
// What to schedule is what the job queue's commits owe (engine.js, `owed`): a run per batch,
// a backstop for quiet jobs. A scheduling call that throws (a stack overflow where it is
// entered, a user's scheduler) leaves its debt, and the next call pays it: a job committed
// is never left without a run. Flags that say a run is due are set only once it is.

const hostTimers = require('./host-timers');

const nativeResolved = global.Promise.resolve();
const nativeThen = global.Promise.prototype.then;
// The host's, so that fake timers cannot stall the jobs.
const hostSetImmediate = hostTimers.setImmediate;

// `runJob()` runs the next batch of jobs, after the quiet jobs queued before it;
// `runQuietJobs()` runs the quiet jobs at the head of the queue. `frames` reads and enters the
// async context frame (handlers.js): the runner enters each handler's own, so a batch run
// from a user's scheduler, perhaps inside the user's code, puts the caller's back after it.
// (A native microtask or a host task has its frame restored by the host.)
// `timing.bits` is non-zero while Bluebird's flavour is in Bluebird's timing (core.js).
function createScheduler(runJob, runQuietJobs, frames, owed, timing) {
  const { currentFrame, enterFrame } = frames;
  // Promise.setScheduler's scheduler, for every batch; null: a native microtask per ES
  // batch, a host `setImmediate` drain for Bluebird's.
  let batchScheduler = null;
  // RSVP's `configure('async', fn)`: `fn(runJob)` for each batch, none coalesced.
  let eachBatchScheduler = null;
  let batchedRuns = 0;
  let batchScheduled = false;
  // Native microtasks of ours queued and not yet run: with one due, a quiet job needs no
  // backstop.
  let microtaskRuns = 0;
  let backstopScheduled = false;

  function runMicrotask() {
    microtaskRuns--;
    runJob();
  }

  // Tasks for the end of the next batch (Bluebird's late queue).
  let late = [];

  function drainBatch() {
    const callerFrame = currentFrame();
    batchScheduled = false;
    // Quiet jobs queued after the last batch ran, while this drain was due: they took no
    // backstop (scheduleQuiet), and this drain may have no batch to run before them.
    runQuietJobs();
    while (batchedRuns > 0) {
      batchedRuns--;
      runJob();
    }
    if (late.length !== 0) {
      const tasks = late;
      late = [];
      for (const task of tasks) task();
    }
    enterFrame(callerFrame);
  }

  function runJobInCallerFrame() {
    const callerFrame = currentFrame();
    runJob();
    enterFrame(callerFrame);
  }

  // Runs `task` after the next drain of batches (Bluebird's late queue).
  function afterBatch(task) {
    late.push(task);
    scheduleDrain();
  }

  function runBackstop() {
    backstopScheduled = false;
    runQuietJobs();
  }

  // Schedules what the job queue owes: a run for each batch committed, then a backstop for
  // quiet jobs. A run is marked paid before its call, so that a synchronous scheduler that
  // drains at once (and commits and schedules more inside) does not schedule it twice; a call
  // that throws puts its debt back.
  function schedule() {
    if (owed.runs + owed.drains === 1 && !owed.quiet && !owed.quietDrain && batchScheduler === null && eachBatchScheduler === null) {
      // The common case, one batch owed and nothing else: with the host's own scheduling (a
      // microtask, or a `setImmediate` drain) nothing runs inside the call, so the debt is
      // paid after it, with no guard (a throw leaves it owed).
      scheduleRun(owed.drains === 1);
      owed.runs = 0;
      owed.drains = 0;
      return;
    }
    // ES batches first, then Bluebird's.
    while (owed.runs + owed.drains > 0) {
      const drained = owed.runs === 0;
      if (drained) owed.drains--;
      else owed.runs--;
      try {
        scheduleRun(drained);
      } catch (error) {
        if (drained) owed.drains++;
        else owed.runs++;
        throw error;
      }
    }
    if (owed.quiet || owed.quietDrain) scheduleQuiet();
  }

  // One more batch of jobs is in the queue: `drained` in Bluebird's timing.
  function scheduleRun(drained) {
    if (eachBatchScheduler !== null) {
      eachBatchScheduler(runJobInCallerFrame);
      return;
    }
    if (batchScheduler === null && !drained) {
      nativeThen.call(nativeResolved, runMicrotask);
      microtaskRuns++;
      return;
    }
    batchedRuns++;
    scheduleDrain();
  }

  // A drain of the batches, unless one is due. The flag is set before the call, for a
  // scheduler that drains at once, and cleared again if the call throws.
  function scheduleDrain() {
    if (batchScheduled) return;
    batchScheduled = true;
    try {
      if (batchScheduler === null) hostSetImmediate(drainBatch);
      else batchScheduler(drainBatch);
    } catch (error) {
      batchScheduled = false;
      throw error;
    }
  }

  // Quiet jobs are in the queue: in Bluebird's timing the next drain runs them first, and
  // what they queue in the same drain, as Bluebird's queue does (a backstop of their own
  // would leave those for a later turn); in ES's, the next batch of ours, or a backstop.
  function scheduleQuiet() {
    if (owed.quietDrain || batchScheduler !== null) {
      scheduleDrain();
      owed.quietDrain = false;
      owed.quiet = false;
      return;
    }
    if (microtaskRuns === 0 && !backstopScheduled) {
      hostSetImmediate(runBackstop);
      backstopScheduled = true;
    }
    owed.quiet = false;
  }

  // What Promise.setScheduler hands back while none was set: handing it back restores the
  // defaults (a native microtask per ES batch, which no user function can make, and a host
  // `setImmediate` drain); called itself, it schedules as the main flavour's timing does (a
  // `setImmediate` in Bluebird's, as Bluebird's default; a microtask in ES's).
  function defaultScheduler(fn) {
    if (timing.bits !== 0) hostSetImmediate(fn);
    else nativeThen.call(nativeResolved, fn);
  }

  // Whether Promise.setScheduler was ever called (or RSVP's `async` is set): Bluebird then
  // runs every handler through the scheduler, even from an async-guaranteed promise, and
  // goes on doing so once its default is handed back (core.js, guaranteeAsync).
  let customised = false;

  function hasCustomScheduler() {
    return customised || eachBatchScheduler !== null;
  }

  // Promise.setScheduler. Returns the scheduler it replaces.
  function setScheduler(fn) {
    customised = true;
    const previous = batchScheduler === null ? defaultScheduler : batchScheduler;
    batchScheduler = fn === defaultScheduler ? null : fn;
    eachBatchScheduler = null;
    return previous;
  }

  // `fn(run)` is called for each batch, `run` running that batch (RSVP's `async`); null: back
  // to the timing's own scheduling.
  function setEachBatchScheduler(fn) {
    eachBatchScheduler = fn;
  }

  return { schedule, setScheduler, setEachBatchScheduler, afterBatch, hasCustomScheduler };
}

module.exports = { createScheduler };
