//! ferrobird: a promise engine in Rust for Node.js.
//!
//! Two layers, each in its own module:
//! - [`engine`] is pure Rust: the promise state machine, reactions, the job queue and the
//!   unhandled-rejection tracker. It knows nothing of Node and is unit-tested with `cargo test`.
//! - [`ring`] is the memory a runtime shares with JS and the commands JS writes into it (pure
//!   Rust, tested with `cargo test`).
//! - `guard` stops any panic inside an engine operation (tested with `cargo test`).
//! - `timers` is the opt-in native timer service on tokio (pure Rust, tested with `cargo test`).
//! - `binding` is the N-API layer (only in the addon build): one runtime (engine and ring) per
//!   module instance, with thin entry points that pass integers across the boundary.

pub mod engine;
mod guard;
pub mod ring;
mod timers;

#[cfg(not(test))]
mod binding;
