'use strict';
// When ferrobird's jobs run: the engine's queue says which job is next, the scheduler says
// when the runner (core.js, `runJob`) is called.
//
// Two timings, chosen by `Promise.config({ scheduling })` or FERROBIRD_SCHEDULING:
//
// - 'es' (the default): each batch of jobs that one settlement enqueues is paired with one
//   native microtask (a `then` on a resolved native promise, ~28 ns measured), so ferrobird
//   jobs interleave with native promise jobs and `await` exactly as one ECMA-262 job queue
//   would. A single drain per batch would run `fb.then(A); native.then(N); fb.then(B)` as
//   A, B, N instead of A, N, B.
// - 'bluebird': Bluebird 3.7's timing. Jobs are drained in batches from one `setImmediate`
//   (Bluebird's async queue on Node): every job queued during a drain runs in the same drain.
//   The rest of the mode (adopting a promise of ours at once, calling a thenable's `then`
//   when resolving with it) is in core.js's `resolve`.
//
// `Promise.setScheduler(fn)` makes `fn` the batch scheduler, in either timing: one call of
// `fn(drain)` per batch, as in Bluebird.
//
// A *quiet* job has no microtask of its own (core.js, QUIET): the next batch runs it, or a
// host `setImmediate` backstop when none is due.
//
// What to schedule is what the job queue's commits owe (engine.js, `owed`): a run per batch,
// a backstop for quiet jobs. A scheduling call that throws (a stack overflow where it is
// entered, a user's scheduler) leaves its debt, and the next call pays it: a job committed
// is never left without a run. Flags that say a run is due are set only once it is.

const hostTimers = require('./host-timers');
const { badScheduling } = require('./messages');

const nativeResolved = global.Promise.resolve();
const nativeThen = global.Promise.prototype.then;
// The host's, so that fake timers cannot stall the jobs.
const hostSetImmediate = hostTimers.setImmediate;

const MODES = ['es', 'bluebird'];

// `runJob()` runs the next batch of jobs, after the quiet jobs queued before it;
// `runQuietJobs()` runs the quiet jobs at the head of the queue. `frames` reads and enters the
// async context frame (handlers.js): the runner enters each handler's own, so a batch run
// from a user's scheduler, perhaps inside the user's code, puts the caller's back after it.
// (A native microtask or a host task has its frame restored by the host.)
function createScheduler(runJob, runQuietJobs, frames, owed) {
  const { currentFrame, enterFrame } = frames;
  let mode = 'es';
  // The batch scheduler, or null for a native microtask per batch.
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

  // Runs `task` after the next batch of jobs (batch timings only).
  function afterBatch(task) {
    late.push(task);
    if (batchScheduler === null) hostSetImmediate(drainBatch);
    else scheduleDrain();
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
    if (owed.runs === 1 && !owed.quiet && eachBatchScheduler === null) {
      // The common cases, one batch owed and nothing else: its microtask in the ES timing, a
      // drain of Bluebird's (asynchronous, so the batch is counted before it runs).
      if (batchScheduler === null) {
        nativeThen.call(nativeResolved, runMicrotask);
        owed.runs = 0;
        microtaskRuns++;
        return;
      }
      if (batchScheduler === bluebirdDefault) {
        if (!batchScheduled) scheduleDrain();
        owed.runs = 0;
        batchedRuns++;
        return;
      }
    }
    while (owed.runs > 0) {
      owed.runs--;
      try {
        scheduleRun();
      } catch (error) {
        owed.runs++;
        throw error;
      }
    }
    if (owed.quiet) {
      owed.quiet = false;
      try {
        scheduleQuietRun();
      } catch (error) {
        owed.quiet = true;
        throw error;
      }
    }
  }

  // One more batch of jobs is in the queue.
  function scheduleRun() {
    if (eachBatchScheduler !== null) {
      eachBatchScheduler(runJobInCallerFrame);
      return;
    }
    if (batchScheduler === null) {
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
      batchScheduler(drainBatch);
    } catch (error) {
      batchScheduled = false;
      throw error;
    }
  }

  // A quiet job is in the queue.
  function scheduleQuietRun() {
    if (batchScheduler !== null) {
      // Batches: the next drain runs it first, and what it queues in the same drain, as
      // Bluebird's queue does (a backstop of its own would leave those for a later turn).
      scheduleDrain();
      return;
    }
    if (microtaskRuns === 0 && !backstopScheduled) {
      hostSetImmediate(runBackstop);
      backstopScheduled = true;
    }
  }

  // The default of each timing, as Promise.setScheduler hands it back: handing it back
  // restores it (in the ES timing, the microtask per batch that no user function can make).
  function esDefault(fn) {
    nativeThen.call(nativeResolved, fn);
  }

  function bluebirdDefault(fn) {
    hostSetImmediate(fn);
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
    const previous = batchScheduler === null ? esDefault : batchScheduler;
    batchScheduler = fn === esDefault ? null : fn;
    eachBatchScheduler = null;
    return previous;
  }

  // `fn(run)` is called for each batch, `run` running that batch (RSVP's `async`); null: back
  // to the timing's own scheduling.
  function setEachBatchScheduler(fn) {
    eachBatchScheduler = fn;
  }

  function setMode(name) {
    if (!MODES.includes(name)) throw new TypeError(badScheduling(MODES, name));
    if (name === mode) return;
    mode = name;
    batchScheduler = name === 'bluebird' ? bluebirdDefault : null;
  }

  return { schedule, setScheduler, setEachBatchScheduler, setMode, afterBatch, hasCustomScheduler, mode: () => mode };
}

module.exports = { createScheduler, MODES };
