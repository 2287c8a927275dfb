//! The N-API layer: thin entry points over one [`Engine`] per JS thread.
//!
//! Every entry point takes and returns integers (DESIGN.md rule 1), runs inside
//! `catch_unwind` so that no Rust panic crosses into Node (it becomes a JS `Error`), and
//! reports engine errors as JS errors. Each Node thread (main thread or `worker_thread`) gets
//! its own engine through a thread-local, so the addon is context-aware without a lookup.

mod ring;
mod timers;

use napi::{Env, Error, JsArrayBuffer, Result, Status};
use napi_derive::napi;

use crate::engine::{Engine, EngineError, State};
use crate::guard;

/// Bit set on `then`'s answer when the parent was an unhandled rejection until now.
const WAS_UNHANDLED: u32 = 1 << 30;

/// Runs `op` on this thread's engine (see [`guard`]), after freeing the nodes JS discarded
/// through the ring; a panic or engine error becomes a JS error.
fn with_engine<T>(
    op: impl FnOnce(&mut Engine) -> std::result::Result<T, EngineError>,
) -> Result<T> {
    guard::with_engine(|engine| {
        ring::apply_discards(engine)?;
        op(engine)
    })
    .map_err(|failure| Error::new(Status::GenericFailure, failure.to_string()))
}

fn settled_state(raw: u32) -> std::result::Result<State, EngineError> {
    State::from_u32(raw).ok_or(EngineError::BadState(raw))
}

/// A new pending node, for a promise that something is about to wait on.
#[napi]
pub fn create() -> Result<u32> {
    with_engine(|engine| engine.create())
}

/// Registers a reaction of `target` (0: a new node) on `parent` (0: a promise with no node,
/// whose state is `state`; a pending one gets its node now, and its id is the ring's answer).
/// Returns the target id, with bit 30 set when the parent was an unhandled rejection until
/// now.
#[napi]
pub fn then(parent: u32, state: u32, target: u32) -> Result<u32> {
    with_engine(|engine| {
        if parent == 0 && state == State::Pending as u32 {
            let (parent, target) = engine.create_then(target)?;
            ring::answer(parent);
            return Ok(target);
        }
        let outcome = engine.then(parent, settled_state(state)?, target)?;
        ring::flush(engine);
        Ok(outcome.target
            | if outcome.was_unhandled {
                WAS_UNHANDLED
            } else {
                0
            })
    })
}

/// Settles a pending node. Returns `jobs << 1 | unhandled`.
#[napi]
pub fn settle(id: u32, state: u32) -> Result<u32> {
    with_engine(|engine| {
        let outcome = engine.settle(id, settled_state(state)?)?;
        ring::flush(engine);
        Ok(outcome.jobs << 1 | u32::from(outcome.unhandled))
    })
}

/// A node for a promise rejected before anything observed it; tracked as unhandled.
#[napi]
pub fn reject_unobserved() -> Result<u32> {
    with_engine(|engine| engine.reject_unobserved())
}

/// Cancels a pending node; returns how many reject jobs its reactions became. `keep` keeps
/// the node until JS discards it (a job for it is still due).
#[napi]
pub fn cancel(id: u32, keep: bool) -> Result<u32> {
    with_engine(|engine| {
        let jobs = engine.cancel(id, keep)?;
        ring::flush(engine);
        Ok(jobs)
    })
}

/// Frees a node that `cancel` kept.
#[napi]
pub fn discard(id: u32) -> Result<()> {
    with_engine(|engine| engine.discard(id))
}

/// Resolves `target` (0: a new node) to a thenable and enqueues its thenable job.
#[napi]
pub fn lock(target: u32) -> Result<u32> {
    with_engine(|engine| {
        let target = engine.lock(target)?;
        ring::flush(engine);
        Ok(target)
    })
}

/// Frees the node of a promise that JS can no longer reach; returns the targets that waited
/// on it.
#[napi]
pub fn release(id: u32) -> Result<Vec<u32>> {
    with_engine(|engine| engine.release(id))
}

/// Hands the engine the shared job ring (see `ring.rs`): a four-slot header, room for
/// `discards` discarded ids, then `capacity` jobs.
#[napi]
pub fn attach_ring(env: Env, buffer: JsArrayBuffer, capacity: u32, discards: u32) -> Result<()> {
    ring::attach(env, buffer, capacity, discards)?;
    with_engine(|engine| {
        ring::flush(engine);
        Ok(())
    })
}

/// Moves jobs that did not fit into the ring; JS calls it when it finds the ring empty, and
/// when the ring's discards are full (every call frees them first).
#[napi]
pub fn refill() -> Result<()> {
    with_engine(|engine| {
        ring::flush(engine);
        Ok(())
    })
}

/// Whether any reaction waits on the node `id`.
#[napi]
pub fn has_reactions(id: u32) -> Result<bool> {
    with_engine(|engine| Ok(engine.has_reactions(id)))
}

/// Engine counters for tests and benchmarks: [live nodes, queued jobs, unhandled, bytes on
/// the Rust heap].
#[napi]
pub fn stats() -> Result<Vec<u32>> {
    with_engine(|engine| {
        Ok(vec![
            engine.live_nodes() as u32,
            engine.queued_jobs() as u32,
            engine.unhandled_count() as u32,
            engine.heap_bytes() as u32,
        ])
    })
}
