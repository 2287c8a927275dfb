//! ferrobird: a promise engine in Rust for Node.js.
//!
//! Two layers, each in its own module:
//! - [`engine`] is pure Rust: the promise state machine, reactions, the job queue and the
//!   unhandled-rejection tracker. It knows nothing of Node and is unit-tested with `cargo test`.
//! - `guard` holds each thread's engine and stops any panic inside it (tested with `cargo test`).
//! - `timers` is the opt-in native timer service on tokio (pure Rust, tested with `cargo test`).
//! - `binding` is the N-API layer (only in the addon build): thin entry points that pass integers
//!   across the boundary, as `DESIGN.md` explains.

pub mod engine;
mod guard;
mod timers;

#[cfg(not(test))]
mod binding;
