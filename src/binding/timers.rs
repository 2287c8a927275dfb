//! The native timer service's entry points (see `src/timers.rs`).
//!
//! JS turns the service on with `timersStart(onExpired)`; `onExpired` becomes a threadsafe
//! function that the timer thread calls, without arguments, when expired ids are waiting.
//! It is unref'd while no timer is armed, so the service keeps the event loop alive only
//! while timers are pending: JS counts its armed timers and calls `timersRef` on the
//! transitions between none and some.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use napi::threadsafe_function::{ErrorStrategy, ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Error, JsFunction, JsUnknown, Result, Status};
use napi_derive::napi;

use crate::timers::{TimerId, TimerService};

struct Service {
    timers: TimerService,
    wake: ThreadsafeFunction<(), ErrorStrategy::Fatal>,
}

thread_local! {
    // Per JS thread, like the engine: a worker's timers wake the worker.
    static SERVICE: RefCell<Option<Service>> = const { RefCell::new(None) };
}

/// Runs `op` on this thread's service, stopping any panic at the boundary.
fn with_service<T>(op: impl FnOnce(&mut Service) -> Result<T>) -> Result<T> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        SERVICE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut slot) => match slot.as_mut() {
                Some(service) => op(service),
                None => Err(Error::new(
                    Status::GenericFailure,
                    "ferrobird: the native timer service is not started".to_owned(),
                )),
            },
            Err(_) => Err(Error::new(
                Status::GenericFailure,
                "ferrobird: the native timer service re-entered".to_owned(),
            )),
        })
    }));
    outcome.unwrap_or_else(|_| {
        Err(Error::new(
            Status::GenericFailure,
            "ferrobird: the native timer service panicked".to_owned(),
        ))
    })
}

/// Starts this thread's service (once); `on_expired` is called when ids are waiting.
#[napi]
pub fn timers_start(env: Env, on_expired: JsUnknown) -> Result<()> {
    catch_unwind(AssertUnwindSafe(|| start(env, on_expired))).unwrap_or_else(|_| {
        Err(Error::new(
            Status::GenericFailure,
            "ferrobird: the native timer service could not start".to_owned(),
        ))
    })
}

fn start(env: Env, on_expired: JsUnknown) -> Result<()> {
    // Checked here: napi-rs 2.16 does not check a `JsFunction` argument, and a failed
    // `napi_create_threadsafe_function` then aborts the process when its handle is dropped.
    let on_expired = JsFunction::try_from(on_expired).map_err(|_| {
        Error::new(
            Status::FunctionExpected,
            "ferrobird: the native timer service needs a function to call".to_owned(),
        )
    })?;
    if SERVICE.with(|cell| cell.borrow().is_some()) {
        return Ok(());
    }
    let mut wake: ThreadsafeFunction<(), ErrorStrategy::Fatal> =
        on_expired.create_threadsafe_function(0, |_| Ok(Vec::<JsUnknown>::new()))?;
    wake.unref(&env)?;
    let caller = wake.clone();
    let timers = TimerService::new(move || {
        // Closing (the JS thread is going away) is the only failure; nothing is lost that
        // anyone could still receive.
        caller.call((), ThreadsafeFunctionCallMode::NonBlocking);
    });
    SERVICE.with(|cell| *cell.borrow_mut() = Some(Service { timers, wake }));
    Ok(())
}

/// Arms timer `id` for `ms` milliseconds (JS has already clamped it as setTimeout does).
#[napi]
pub fn timers_arm(id: u32, ms: f64) -> Result<()> {
    with_service(|service| {
        service
            .timers
            .start(id as TimerId, Duration::from_secs_f64(ms / 1000.0));
        Ok(())
    })
}

/// Disarms timer `id`.
#[napi]
pub fn timers_disarm(id: u32) -> Result<()> {
    with_service(|service| {
        service.timers.cancel(id as TimerId);
        Ok(())
    })
}

/// The ids that expired since the last call, in expiry order.
#[napi]
pub fn timers_take_expired() -> Result<Vec<u32>> {
    with_service(|service| Ok(service.timers.take_expired()))
}

/// Keeps the event loop alive (`true`, some timer is armed) or lets it end (`false`).
#[napi]
pub fn timers_ref(env: Env, alive: bool) -> Result<()> {
    with_service(|service| {
        if alive {
            service.wake.refer(&env)
        } else {
            service.wake.unref(&env)
        }
    })
}
