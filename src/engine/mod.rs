//! The promise engine: pure Rust, no Node types, no `unsafe` (forbidden below).
//!
//! The engine never sees a JavaScript value. It works on *node ids* (one per promise that
//! something in Rust must remember) and answers three questions for the JS surface:
//! which promises are pending, which reactions wait on them, and in what order reaction jobs
//! run. Values, handlers and receivers stay on JS objects, where V8's GC traces them.
//!
//! - [`slab`] stores nodes and recycles their ids.
//! - [`node`] is one promise's state and its intrusive list of reactions.
//! - [`queue`] is the FIFO job queue (ECMA-262 HostEnqueuePromiseJob).
//! - [`engine`](Engine) ties them into the operations the binding exposes.
//!
//! A reaction is identified by the id of the promise it settles (its *target*): the child of
//! `then`, or a promise adopting another through a thenable job. A target waits on at most one
//! promise at a time, so the reaction list threads through the targets' own nodes and
//! registering a reaction allocates nothing.

#![forbid(unsafe_code)]

mod core;
mod node;
mod queue;
mod slab;

#[cfg(test)]
mod model;
#[cfg(test)]
mod tests;

pub use self::core::{Engine, EngineError, Released, SettleOutcome, ThenOutcome};
pub use node::{NodeId, State};
pub use queue::{Job, JobKind};
