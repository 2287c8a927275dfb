//! The N-API layer: thin shims over the pure Rust core.
//!
//! - `runtime`: one engine and ring per module instance, and their entry points.
//! - `timers`: the opt-in native timer service.
//! - `async_context`: the async context frame (`AsyncLocalStorage` on Node 24+), read and set.

mod async_context;
mod runtime;
mod timers;
