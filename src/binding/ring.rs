//! The job ring: engine jobs shared with JS without a call per job.
//!
//! JS allocates one `ArrayBuffer` at load time and hands it to [`attach_ring`]. Its layout, in
//! `i32` slots: `[head, tail, command count, arg0, arg1, arg2, result, commands x C,
//! spare count, spares x S, (kind, target) x capacity]`.
//! After every engine operation the binding moves newly enqueued jobs from the engine's queue
//! into the ring while it has space; JS reads them at `head` and advances it. Jobs that do not
//! fit stay in the engine's queue, in order, until JS finds the ring empty and calls `refill`.
//!
//! The same buffer carries more, so that it costs no call of its own: spare nodes, pending
//! nodes made ahead that JS takes as new promises need them (every call tops them up); and
//! the commands, changes to nodes whose result JS already knows. A command is `id << 3 | op`:
//! - op 0, discard: a node JS is done with (a terminal reaction whose job has run);
//! - op 1 or 2, settle fulfilled or rejected: a pending node with reactions, or fulfilled with
//!   none. JS holds the reactions' targets in the engine's order, so it knows how many jobs
//!   the settle enqueues and queues their arguments at once; only a rejection with no
//!   reaction (unhandled: the node stays) needs the engine's answer, and makes a call;
//! - op 3, link: `id` becomes a reaction of the pending node in the next slot (`then` on a
//!   pending promise, an element of `Promise.all` or `map`); with spare nodes, JS needs no
//!   answer;
//! - op 5 or 6, enqueue a fulfil or reject job for `id`: a reaction on a promise that settled
//!   with no node (`resolve(1).then(f)`);
//! - op 7, element: enqueue the job of a collection's element `id` (an index, not a node),
//!   whose promise settled with the state in the next slot; the element was its only reaction,
//!   and JS kept it without a node.
//!
//! The binding applies the commands, in order, at the start of the next call, before anything
//! can allocate or enqueue: so a discarded id is never handed out while JS may still hold it,
//! and a settle's jobs enter the queue before any job a later call enqueues, as if it had been
//! a call of its own. JS calls `refill` before it reads a job it has not seen in the ring.
//!
//! Measured: settle as a raw call ~48 ns (loop of 5e4); as a command ~5 ns in JS plus the
//! engine's work when applied. The raw calls that linked a map mapper's result were 3.6 ms of
//! a ~95 ms run (CPU profile of the benchmark's measured run).
//!
//! The hot entry points (`fast.rs`) also take their arguments from `arg0..arg2` and leave
//! their result in `result`, so their calls carry no JS values at all.
//!
//! Measured: a `takeJobs(Int32Array)` call cost ~120 ns, and a then-chain has one job queued
//! at a time, so "one call per batch" was one call per job. A `discard` call was one of the
//! four calls each pending `Promise.all` element or `map` mapper result cost.

use std::cell::Cell;
use std::ptr;

use napi::{sys, Env, JsArrayBuffer, NapiRaw, Result, Status};

use super::settled_state;
use crate::engine::{Engine, EngineError};

const HEAD: usize = 0;
const TAIL: usize = 1;
const COMMAND_COUNT: usize = 2;
const ARGS: usize = 3;
const RESULT: usize = 6;
const COMMANDS: usize = 7;
const LINK: u32 = 3;
/// Enqueue ops are 4 + the settled state (1 fulfilled, 2 rejected).
const ENQUEUE: u32 = 4;
const ELEMENT: u32 = 7;
/// Head and tail count modulo 2^30 so they stay small integers on the JS side.
const COUNTER_MASK: u32 = (1 << 30) - 1;

#[derive(Clone, Copy)]
pub struct Ring {
    slots: *mut i32,
    /// Jobs the ring holds.
    capacity: u32,
    /// Commands the ring holds.
    commands: u32,
    /// Spare nodes the ring holds.
    spares: u32,
}

thread_local! {
    static RING: Cell<Option<Ring>> = const { Cell::new(None) };
}

impl Ring {
    /// The slot of the spare count, followed by the spares.
    fn spare_count_slot(self) -> usize {
        COMMANDS + self.commands as usize
    }

    /// The first slot of the jobs.
    fn jobs(self) -> usize {
        self.spare_count_slot() + 1 + self.spares as usize
    }

    fn read(self, slot: usize) -> u32 {
        // SAFETY: `slot` < jobs() + 2 * capacity, the length checked in `attach`; the buffer
        // is alive (strong reference) and only this thread touches it.
        unsafe { ptr::read(self.slots.add(slot)) as u32 }
    }

    fn write(self, slot: usize, value: u32) {
        // SAFETY: as in `read`.
        unsafe { ptr::write(self.slots.add(slot), value as i32) }
    }

    /// Argument `index` (0 to 2) of the hot call being made.
    pub fn arg(self, index: usize) -> u32 {
        debug_assert!(index < RESULT - ARGS);
        self.read(ARGS + index)
    }

    /// The result of the hot call being made.
    pub fn set_result(self, value: u32) {
        self.write(RESULT, value);
    }

    /// Moves queued jobs into the ring while it has room.
    pub fn flush(self, engine: &mut Engine) {
        let head = self.read(HEAD);
        let mut tail = self.read(TAIL);
        let used = tail.wrapping_sub(head) & COUNTER_MASK;
        let room = self.capacity.saturating_sub(used) as usize;
        if room == 0 || engine.queued_jobs() == 0 {
            return;
        }
        let jobs = self.jobs();
        engine.take_jobs(room, |job| {
            let slot = jobs + 2 * (tail & (self.capacity - 1)) as usize;
            self.write(slot, job.kind as u32);
            self.write(slot + 1, job.target);
            tail = (tail + 1) & COUNTER_MASK;
        });
        self.write(TAIL, tail);
    }

    /// Runs an engine call's `op` the way every call runs: after the commands JS has written
    /// since the last call, and before the spare nodes are topped up.
    pub fn serve<T>(
        self,
        engine: &mut Engine,
        op: impl FnOnce(&mut Engine) -> std::result::Result<T, EngineError>,
    ) -> std::result::Result<T, EngineError> {
        self.apply_commands(engine)?;
        let done = op(engine);
        self.top_up_spares(engine);
        done
    }

    /// Applies the commands JS has written since the last call, in order. Every command is
    /// applied even if one fails; the first failure (a JS bookkeeping error) is reported.
    fn apply_commands(self, engine: &mut Engine) -> std::result::Result<(), EngineError> {
        let count = self.read(COMMAND_COUNT);
        if count == 0 {
            return Ok(());
        }
        self.write(COMMAND_COUNT, 0);
        let mut outcome = Ok(());
        let count = count.min(self.commands) as usize;
        let mut i = 0;
        while i < count {
            self.prefetch_ahead(engine, i, count);
            let command = self.read(COMMANDS + i);
            let id = command >> 3;
            let applied = match command & 7 {
                0 => engine.discard(id),
                LINK => {
                    i += 1;
                    engine.link(self.read(COMMANDS + i), id)
                }
                ELEMENT => {
                    i += 1;
                    settled_state(self.read(COMMANDS + i))
                        .and_then(|state| engine.enqueue_element(id, state))
                }
                op if op > ENQUEUE => {
                    settled_state(op - ENQUEUE).and_then(|state| engine.enqueue(id, state))
                }
                op => settled_state(op).and_then(|state| engine.settle_quietly(id, state)),
            };
            if outcome.is_ok() {
                outcome = applied;
            }
            i += 1;
        }
        outcome
    }

    /// Prefetches the nodes the commands a few slots after `i` will load: the node each names,
    /// and for a settle, its first reaction (known once the node itself has arrived, hence
    /// the shorter distance). A slot that is a link's parent id or an element's state is read
    /// as a command too, and an element's index as a node: their hints are wasted, and
    /// harmless.
    ///
    /// Measured: 5e4 settle commands on nodes scattered over a 3 MB slab, the call that
    /// applies them included, 15.6 -> 12.2 ns each (medians of 25 rounds, three processes
    /// each; a distance of 8 gave 13.2, of 32 the same as 16). perf on the Promise.all
    /// workload, 30 rounds in one process: samples in the addon 1277 -> 1042, of which
    /// `Engine::settle` (nearly all of it two cache misses) 538 -> 163, `apply_commands`
    /// 393 -> 490 (the hints themselves).
    fn prefetch_ahead(self, engine: &Engine, i: usize, count: usize) {
        if i + PREFETCH_DISTANCE < count {
            prefetch(engine.node_address(self.read(COMMANDS + i + PREFETCH_DISTANCE) >> 3));
        }
        if i + PREFETCH_DISTANCE / 2 < count {
            let command = self.read(COMMANDS + i + PREFETCH_DISTANCE / 2);
            if matches!(command & 7, 1 | 2) {
                prefetch(engine.node_address(engine.first_reaction(command >> 3)));
            }
        }
    }

    /// Spare nodes JS has not taken yet: pending nodes no promise has.
    pub fn spare_nodes(self) -> u32 {
        self.read(self.spare_count_slot())
    }

    /// Makes spare nodes until there are as many as the ring holds (fewer if the engine is
    /// full: JS then finds none and calls, and the call reports it).
    fn top_up_spares(self, engine: &mut Engine) {
        let slot = self.spare_count_slot();
        let mut count = self.read(slot);
        if count >= self.spares {
            return;
        }
        while count < self.spares {
            match engine.create() {
                Ok(id) => self.write(slot + 1 + count as usize, id),
                Err(_) => break,
            }
            count += 1;
        }
        self.write(slot, count);
    }
}

/// How many command slots ahead the nodes are prefetched.
const PREFETCH_DISTANCE: usize = 16;

/// Asks the CPU to bring `address` into the cache; a hint, nothing is read.
fn prefetch(address: Option<*const u8>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(address) = address {
        // SAFETY: PREFETCHT0 never faults, whatever the address; SSE is in the x86_64 baseline.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address.cast())
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// This thread's ring, once JS has attached it.
pub fn current() -> Option<Ring> {
    RING.with(Cell::get)
}

/// Takes the ring buffer: at least 28 + 4 x commands + 4 x (1 + spares) + 8 x capacity bytes,
/// capacity a power of two.
pub fn attach(
    env: Env,
    buffer: JsArrayBuffer,
    capacity: u32,
    commands: u32,
    spares: u32,
) -> Result<()> {
    if !capacity.is_power_of_two() || capacity > 1 << 20 || commands > 1 << 16 || spares > 1 << 16 {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "ring sizes out of range: jobs a power of two up to 2^20, commands and spares up to 2^16",
        ));
    }
    let mut data = ptr::null_mut();
    let mut length = 0usize;
    // SAFETY: `buffer` is a live ArrayBuffer value passed to this call in `env`.
    let status =
        unsafe { sys::napi_get_arraybuffer_info(env.raw(), buffer.raw(), &mut data, &mut length) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "expected an ArrayBuffer",
        ));
    }
    let needed = (COMMANDS + commands as usize + 1 + spares as usize + 2 * capacity as usize)
        * std::mem::size_of::<i32>();
    if data.is_null() || length < needed || (data as usize) % std::mem::align_of::<i32>() != 0 {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "ring buffer too small or misaligned",
        ));
    }
    let mut reference = ptr::null_mut();
    // SAFETY: same value and env. The strong reference (count 1) is never released: the buffer
    // must outlive every later call on this thread, and the env frees it at teardown.
    let status = unsafe { sys::napi_create_reference(env.raw(), buffer.raw(), 1, &mut reference) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            Status::GenericFailure,
            "could not keep the ring buffer",
        ));
    }
    let ring = Ring {
        slots: data.cast::<i32>(),
        capacity,
        commands,
        spares,
    };
    for slot in 0..COMMANDS {
        ring.write(slot, 0);
    }
    ring.write(ring.spare_count_slot(), 0);
    RING.with(|cell| cell.set(Some(ring)));
    Ok(())
}
