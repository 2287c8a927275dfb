//! The native timer service's entry points (see `src/timers.rs`).
//!
//! JS makes a service with `createNativeTimers(onExpired)`; `onExpired` becomes a threadsafe
//! function that the timer thread calls, without arguments, when expired ids are waiting.
//! It is unref'd while no timer is armed, so the service keeps the event loop alive only
//! while timers are pending: JS counts its armed timers and calls `ref` on the transitions
//! between none and some.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use napi::threadsafe_function::{ErrorStrategy, ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Error, JsFunction, JsUnknown, Result, Status};
use napi_derive::napi;

use crate::timers::{TimerId, TimerService};

/// One module instance's timers: each instance of `lib/clock.js` makes its own, so that
/// two instances in one thread (jest's registries, a reload) keep their ids and callbacks
/// apart. The timers themselves run on the one timer thread of `src/timers.rs`.
#[napi]
pub struct NativeTimers {
    timers: TimerService,
    wake: ThreadsafeFunction<(), ErrorStrategy::Fatal>,
}

/// Runs `op`, stopping any panic at the boundary.
fn guarded<T>(what: &str, op: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(op)).unwrap_or_else(|_| {
        Err(Error::new(
            Status::GenericFailure,
            format!("ferrobird: the native timer service panicked in {what}"),
        ))
    })
}

/// Starts a timer service; `on_expired` is called, without arguments, when ids are waiting.
#[napi]
pub fn create_native_timers(env: Env, on_expired: JsUnknown) -> Result<NativeTimers> {
    guarded("create", || create(env, on_expired))
}

fn create(env: Env, on_expired: JsUnknown) -> Result<NativeTimers> {
    // Checked here: napi-rs 2.16 does not check a `JsFunction` argument, and a failed
    // `napi_create_threadsafe_function` then aborts the process when its handle is dropped.
    let on_expired = JsFunction::try_from(on_expired).map_err(|_| {
        Error::new(
            Status::FunctionExpected,
            "ferrobird: the native timer service needs a function to call".to_owned(),
        )
    })?;
    let mut wake: ThreadsafeFunction<(), ErrorStrategy::Fatal> =
        on_expired.create_threadsafe_function(0, |_| Ok(Vec::<JsUnknown>::new()))?;
    wake.unref(&env)?;
    let caller = wake.clone();
    let timers = TimerService::new(move || {
        // Closing (the JS thread is going away) is the only failure; nothing is lost that
        // anyone could still receive.
        caller.call((), ThreadsafeFunctionCallMode::NonBlocking);
    });
    Ok(NativeTimers { timers, wake })
}

#[napi]
impl NativeTimers {
    /// Arms timer `id` for `ms` milliseconds (JS has already clamped it as setTimeout does).
    #[napi]
    pub fn arm(&self, id: u32, ms: f64) -> Result<()> {
        guarded("arm", || {
            self.timers
                .start(id as TimerId, Duration::from_secs_f64(ms / 1000.0));
            Ok(())
        })
    }

    /// Disarms timer `id`.
    #[napi]
    pub fn disarm(&self, id: u32) -> Result<()> {
        guarded("disarm", || {
            self.timers.cancel(id as TimerId);
            Ok(())
        })
    }

    /// The ids that expired since the last call, in expiry order.
    #[napi]
    pub fn take_expired(&self) -> Result<Vec<u32>> {
        guarded("take_expired", || Ok(self.timers.take_expired()))
    }

    /// Keeps the event loop alive (`true`, some timer is armed) or lets it end (`false`).
    #[napi(js_name = "ref")]
    pub fn set_ref(&mut self, env: Env, alive: bool) -> Result<()> {
        guarded("ref", || {
            if alive {
                self.wake.refer(&env)
            } else {
                self.wake.unref(&env)
            }
        })
    }
}
