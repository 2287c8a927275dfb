//! The hot entry points as raw N-API callbacks (DESIGN.md rule 4), handed to JS by
//! `fastEntryPoints()`.
//!
//! `then`, `settle`, `lock`, `rejectUnobserved` and `refill` take their arguments from the
//! ring's argument slots and leave their result in its result slot (`ring.rs`), so a call
//! passes no JS values: no `napi_get_cb_info`, no `napi_get_value_uint32` per argument, no
//! result handle. They return `undefined`, or throw a JS `Error` when the engine refuses.
//!
//! Measured (perf, a loop of 5e4 `then` + `settle` through napi-rs's `#[napi]` glue): the
//! argument and result conversions were a quarter of the samples, ~20 ns of a ~75 ns call.

use std::ffi::CString;
use std::ptr;

use napi::{sys, Env, JsObject, Result};
use napi_derive::napi;

use super::ring::{self, Ring};
use super::WAS_UNHANDLED;
use crate::engine::{Engine, EngineError};
use crate::guard;

type Op = fn(&mut Engine, Ring) -> std::result::Result<(), EngineError>;

/// Registers (parent: arg0, state: arg1, target: arg2) as in the `#[napi]` surface's `then`:
/// result = the target id, with bit 30 set when the parent was an unhandled rejection until
/// now. The runtime calls it only for that parent (a settled one with a node); a pending
/// parent is linked by a ring command.
fn then(engine: &mut Engine, ring: Ring) -> std::result::Result<(), EngineError> {
    let (parent, state, target) = (ring.arg(0), ring.arg(1), ring.arg(2));
    let outcome = engine.then(parent, super::settled_state(state)?, target)?;
    ring.flush(engine);
    let unhandled = if outcome.was_unhandled {
        WAS_UNHANDLED
    } else {
        0
    };
    ring.set_result(outcome.target | unhandled);
    Ok(())
}

/// Settles node arg0 with state arg1: result = `jobs << 1 | unhandled`.
fn settle(engine: &mut Engine, ring: Ring) -> std::result::Result<(), EngineError> {
    let outcome = engine.settle(ring.arg(0), super::settled_state(ring.arg(1))?)?;
    ring.flush(engine);
    ring.set_result(outcome.jobs << 1 | u32::from(outcome.unhandled));
    Ok(())
}

/// Resolves node arg0 (0: a new node) to a thenable: result = its id.
fn lock(engine: &mut Engine, ring: Ring) -> std::result::Result<(), EngineError> {
    let target = engine.lock(ring.arg(0))?;
    ring.flush(engine);
    ring.set_result(target);
    Ok(())
}

/// A node for a promise rejected before anything observed it: result = its id.
fn reject_unobserved(engine: &mut Engine, ring: Ring) -> std::result::Result<(), EngineError> {
    ring.set_result(engine.reject_unobserved()?);
    Ok(())
}

/// Moves jobs that did not fit into the ring (and, like every call, applies the commands and
/// tops up the spare nodes).
fn refill(engine: &mut Engine, ring: Ring) -> std::result::Result<(), EngineError> {
    ring.flush(engine);
    Ok(())
}

/// Runs `op` on this thread's engine and ring, after the commands and before the spare nodes
/// are topped up; a refusal or a panic is thrown as a JS `Error`.
fn call(env: sys::napi_env, op: Op) -> sys::napi_value {
    let outcome = match ring::current() {
        Some(ring) => guard::with_engine(|engine| ring.serve(engine, |engine| op(engine, ring)))
            .map_err(|failure| failure.to_string()),
        None => Err("ferrobird engine: the job ring is not attached".to_owned()),
    };
    if let Err(message) = outcome {
        let message = CString::new(message).unwrap_or_default();
        // SAFETY: `env` is the env of the callback being run, on its own thread; both strings
        // outlive the call (N-API copies the message).
        unsafe { sys::napi_throw_error(env, ptr::null(), message.as_ptr()) };
    }
    ptr::null_mut()
}

macro_rules! raw_callbacks {
    ($($name:literal => $callback:ident($op:path)),* $(,)?) => {
        $(
            unsafe extern "C" fn $callback(
                env: sys::napi_env,
                _info: sys::napi_callback_info,
            ) -> sys::napi_value {
                call(env, $op)
            }
        )*
        const CALLBACKS: &[(&str, napi::Callback)] = &[$(($name, $callback)),*];
    };
}

raw_callbacks! {
    "then" => then_callback(then),
    "settle" => settle_callback(settle),
    "lock" => lock_callback(lock),
    "rejectUnobserved" => reject_unobserved_callback(reject_unobserved),
    "refill" => refill_callback(refill),
}

/// The raw entry points, as an object JS keeps: `{then, settle, lock, rejectUnobserved,
/// refill}`.
#[napi]
pub fn fast_entry_points(env: Env) -> Result<JsObject> {
    let mut entry_points = env.create_object()?;
    for &(name, callback) in CALLBACKS {
        entry_points.set_named_property(name, env.create_function(name, callback)?)?;
    }
    Ok(entry_points)
}
