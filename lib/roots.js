'use strict';
// Pending promises nobody can reach.
//
// A pending promise with a node that no engine list holds (a root) is registered with a
// FinalizationRegistry once it has stayed pending for at least SWEEP_DELAY_MS. Most promises
// settle sooner and never pay for registration. When the GC collects a root, its node is
// released, and so is everything that waited on it: the GC has collected those too, since
// each waiting promise holds the one it waits on.
//
// `createRoots(engine, forgetElement)`: `forgetElement(id)` is told of each node released with
// a collected root, for the tables by node id outside this module (core.js's element indexes).

const hostTimers = require('./host-timers');
const { TARGET, SWEEP, REGISTERED } = require('./promise-state');

module.exports = function createRoots(engine, forgetElement) {
  const registry = new FinalizationRegistry(collected);
  // How long a root may stay pending before it is registered: registration and its weak cell
  // are the costly part, and most promises settle within a few turns of I/O.
  const SWEEP_DELAY_MS = 50;
  // Two generations, so that every root waits a whole period (between one and two of them)
  // before it is registered; with one list, a root noted just before the sweep was
  // registered at once.
  let youngRoots = listOfObjects();
  let youngCount = 0;
  let oldRoots = listOfObjects();
  let oldCount = 0;
  let sweepScheduled = false;
  // A root that settles only clears its SWEEP bit; the lists drop such entries when the young
  // one reaches `compactAt`, in one pass over it (and over the old one), so that they keep no
  // settled promise alive for long (a settled mapper promise held to the next sweep survived
  // scavenges and was promoted). The threshold is twice the roots kept by the last pass, so a
  // pass costs O(1) per root noted, and a pass is made only when at least half the entries
  // have settled since the last one (`forgottenRoots` counts the settles).
  //
  // The lists are filled up to a count and emptied by writing `undefined`, never by setting
  // their length lower: V8 gives back most of an array's store when its length drops below
  // half of it, and the next pushes allocate it again. Only a list that a burst of roots made
  // long is cut down, at the sweep. (benches/README.md: roots, for the measurements.)
  const MIN_COMPACT_AT = 256;
  const LONG_LIST = 4096;
  let compactAt = MIN_COMPACT_AT;
  let forgottenRoots = 0;

  // An empty array of the elements kind that holds objects: an empty literal holds small
  // integers, and the first push of a promise changes its hidden class (a deopt of the code
  // that was optimized for it).
  function listOfObjects() {
    const list = [listOfObjects];
    list.length = 0;
    return list;
  }

  function noteRoot(promise) {
    if ((promise._bits & (SWEEP | REGISTERED)) !== 0) return;
    promise._bits |= SWEEP;
    if (youngCount < youngRoots.length) youngRoots[youngCount] = promise;
    else youngRoots.push(promise);
    youngCount++;
    if (youngCount >= compactAt) compactRoots();
    if (!sweepScheduled) {
      sweepScheduled = true;
      hostTimers.setTimeout(sweep, SWEEP_DELAY_MS).unref();
    }
  }

  // A root settled: it has no node left to release. The next pass drops it.
  function forgetRoot(promise) {
    promise._bits &= ~SWEEP;
    forgottenRoots++;
  }

  function compactRoots() {
    if (2 * forgottenRoots < youngCount + oldCount) {
      compactAt = 2 * youngCount;
      return;
    }
    forgottenRoots = 0;
    youngCount = keepRoots(youngRoots, youngCount);
    oldCount = keepRoots(oldRoots, oldCount);
    compactAt = Math.max(MIN_COMPACT_AT, 2 * youngCount);
  }

  // Drops the first `count` entries of `list` that are no longer roots (settled, or lost their
  // node to cancellation or a late handler), in place and in order; returns how many are left.
  function keepRoots(list, count) {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const promise = list[i];
      if ((promise._bits & SWEEP) !== 0 && promise._id !== 0) list[kept++] = promise;
    }
    for (let i = kept; i < count; i++) list[i] = undefined;
    return kept;
  }

  // The two lists swap places and the swept one is emptied, not replaced: code optimized for
  // one array's hidden class (noteRoot, forgetRoot, and settle and link, which inline them)
  // was thrown away when a new `[]` took its place, at every sweep ("wrong map" deopts of
  // settle, link and noteRoot in each run of map c16; settle compiled three times).
  function sweep() {
    const list = oldRoots;
    const count = oldCount;
    oldRoots = youngRoots;
    oldCount = youngCount;
    youngRoots = list;
    youngCount = 0;
    compactAt = MIN_COMPACT_AT;
    forgottenRoots = 0; // an undercount from here on: those in the old list are not known
    sweepScheduled = oldCount !== 0;
    if (sweepScheduled) hostTimers.setTimeout(sweep, SWEEP_DELAY_MS).unref();
    for (let i = 0; i < count; i++) {
      const promise = list[i];
      list[i] = undefined;
      const bits = promise._bits & ~SWEEP;
      const wasRoot = bits !== promise._bits; // not settled since it was noted
      const unheld = wasRoot && promise._id !== 0 && (bits & (TARGET | REGISTERED)) === 0;
      try {
        promise._bits = unheld ? bits | REGISTERED : bits;
      } catch (error) {
        // Frozen by the user since it was noted: it can never settle (settling writes to it),
        // and holds no bit now; its node still goes when the GC collects it. (A throw here
        // ended the sweep, and the process, from a timer.)
      }
      if (unheld) {
        const id = promise._id;
        registry.register(promise, nextGeneration(id) * ID_SPACE + id);
      }
    }
    if (list.length > LONG_LIST) list.length = 0;
  }

  // A registration is never withdrawn from the FinalizationRegistry: its unregister-token
  // table is a V8 hash table that shrinks lazily, and with 1e6 roots in flight it swung the
  // heap between 41 and 70 MB from one run to the next (memory.test.js). Instead each
  // registration carries its node id and a generation number; settling or freeing the node
  // moves the id's generation on, and a finalizer whose generation is not the current one is
  // ignored. So a node id that was freed and reused is never released by a stale finalizer.
  const ID_SPACE = 2 ** 30; // node ids are below this (ID_MASK)
  const GENERATION_MASK = 2 ** 22 - 1; // generation * ID_SPACE + id stays an exact double
  const registrations = []; // by node id: the generation of its current registration
  // The table is cut when the engine gives ids back (engine.js, onCompaction). An id past the
  // cut starts again above every generation given so far (`floor`), so that a registration
  // made before the cut, still waiting for its finalizer, stays stale.
  let floor = 0;
  let highestGeneration = 0;

  // Moves the id's generation on, so that every registration made before is stale.
  function nextGeneration(id) {
    const current = registrations[id];
    const generation = ((current === undefined ? floor : current) + 1) & GENERATION_MASK;
    registrations[id] = generation;
    if (generation > highestGeneration) highestGeneration = generation;
    return generation;
  }

  engine.onCompaction((space) => {
    if (registrations.length <= 2 * (space + 1)) return;
    floor = highestGeneration;
    registrations.length = space + 1;
  });

  function unregister(promise, id) {
    promise._bits &= ~REGISTERED;
    nextGeneration(id);
  }

  // The GC collected a registered root.
  function collected(held) {
    const id = held % ID_SPACE;
    if (registrations[id] !== (held - id) / ID_SPACE) return;
    nextGeneration(id);
    releaseNode(id);
  }

  // Frees a collected root's node and everything waiting on it. None of those can be reached
  // any more (each holds the promise it waits on), so nothing needs telling, except the tables
  // by node id: an element's index, and the generation of an id that was ever registered (a
  // root that later came to wait, by adoption, keeps its registration).
  function releaseNode(id) {
    let freed;
    try {
      freed = engine.release(id);
    } catch (error) {
      return;
    }
    for (let i = 0; i < freed.length; i++) {
      const waiterId = freed[i];
      forgetElement(waiterId);
      if (registrations[waiterId] !== undefined) nextGeneration(waiterId);
    }
  }

  return { noteRoot, forgetRoot, unregister };
};
