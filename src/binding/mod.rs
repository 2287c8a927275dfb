//! The N-API layer: thin entry points over one [`Engine`] per JS thread.
//!
//! Every entry point takes and returns integers (DESIGN.md rule 1); the hot ones (`fast.rs`)
//! take them through the shared ring instead of as JS arguments. Each runs inside
//! `catch_unwind` so that no Rust panic crosses into Node (it becomes a JS `Error`), and
//! reports engine errors as JS errors. Each Node thread (main thread or `worker_thread`) gets
//! its own engine through a thread-local, so the addon is context-aware without a lookup.

mod fast;
mod ring;
mod timers;

use napi::{Env, Error, JsArrayBuffer, Result, Status};
use napi_derive::napi;

use crate::engine::{Engine, EngineError, State};
use crate::guard;

/// Bit set on `then`'s answer when the parent was an unhandled rejection until now.
pub(crate) const WAS_UNHANDLED: u32 = 1 << 30;

/// Runs `op` on this thread's engine (see [`guard`]), after the commands JS wrote to the ring
/// and before its spare nodes are topped up; a panic or engine error becomes a JS error.
fn with_engine<T>(
    op: impl FnOnce(&mut Engine) -> std::result::Result<T, EngineError>,
) -> Result<T> {
    guard::with_engine(|engine| match ring::current() {
        Some(ring) => ring.serve(engine, op),
        None => op(engine),
    })
    .map_err(|failure| Error::new(Status::GenericFailure, failure.to_string()))
}

pub(crate) fn settled_state(raw: u32) -> std::result::Result<State, EngineError> {
    State::from_u32(raw).ok_or(EngineError::BadState(raw))
}

/// A new pending node, for a promise that something is about to wait on.
#[napi]
pub fn create() -> Result<u32> {
    with_engine(|engine| engine.create())
}

/// Cancels a pending node; returns how many reject jobs its reactions became. `keep` keeps
/// the node until JS discards it (a job for it is still due).
#[napi]
pub fn cancel(id: u32, keep: bool) -> Result<u32> {
    with_engine(|engine| {
        let jobs = engine.cancel(id, keep)?;
        if let Some(ring) = ring::current() {
            ring.flush(engine);
        }
        Ok(jobs)
    })
}

/// Frees a node that `cancel` kept.
#[napi]
pub fn discard(id: u32) -> Result<()> {
    with_engine(|engine| engine.discard(id))
}

/// Frees the node of a promise that JS can no longer reach; returns the targets that waited
/// on it.
#[napi]
pub fn release(id: u32) -> Result<Vec<u32>> {
    with_engine(|engine| engine.release(id))
}

/// Hands the engine the shared job ring (see `ring.rs`): a seven-slot header, room for
/// `commands` commands, a count and `spares` spare nodes, then `capacity` jobs.
#[napi]
pub fn attach_ring(
    env: Env,
    buffer: JsArrayBuffer,
    capacity: u32,
    commands: u32,
    spares: u32,
) -> Result<()> {
    ring::attach(env, buffer, capacity, commands, spares)?;
    with_engine(|engine| {
        if let Some(ring) = ring::current() {
            ring.flush(engine);
        }
        Ok(())
    })
}

/// Whether any reaction waits on the node `id`.
#[napi]
pub fn has_reactions(id: u32) -> Result<bool> {
    with_engine(|engine| Ok(engine.has_reactions(id)))
}

/// Engine counters for tests and benchmarks: [live nodes, queued jobs, unhandled, bytes on
/// the Rust heap]. Live nodes leave out the spare ones, which no promise has yet.
#[napi]
pub fn stats() -> Result<Vec<u32>> {
    with_engine(|engine| {
        let spares = ring::current().map_or(0, |ring| ring.spare_nodes());
        Ok(vec![
            (engine.live_nodes() as u32).saturating_sub(spares),
            engine.queued_jobs() as u32,
            engine.unhandled_count() as u32,
            engine.heap_bytes() as u32,
        ])
    })
}
