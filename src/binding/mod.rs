//! The N-API layer: thin shims over the pure Rust core.
//!
//! - `runtime`: one engine and ring per module instance, and their entry points.
//! - `timers`: the opt-in native timer service.

mod runtime;
mod timers;
