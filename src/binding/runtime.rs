//! One runtime per module instance: an [`Engine`] and the [`Ring`] it shares with the JS
//! side that made it (`createRuntime`).
//!
//! Each time ferrobird's `lib/` is evaluated (a `require`, a jest module registry, a
//! `delete require.cache` and `require` again, a `vm` context) it makes a runtime of its own,
//! so one instance's promises never meet another's bookkeeping. The runtime is held by an
//! `Rc`: one reference for each entry point and one for the ring's `ArrayBuffer`, each
//! dropped by that JS object's finalizer, so the memory JS can see lives as long as JS can
//! see it, whatever JS does with the buffer (detaching it included).
//!
//! The entry points are raw N-API callbacks whose data is the runtime. The hot ones (`then`,
//! `settle`, `lock`, `rejectUnobserved`, `refill`) take their arguments from the ring's
//! argument slots and leave their result in its result slot, so their calls carry no JS
//! values (the costs that decided this are in ARCHITECTURE.md). Every callback stops a Rust
//! panic at the boundary and throws engine refusals as JS `Error`s.

use std::cell::{Cell, RefCell};
use std::ffi::{c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::rc::Rc;

use napi::{sys, Env, JsObject, JsUnknown, NapiRaw, NapiValue, Result, Status};
use napi_derive::napi;

use crate::engine::{Engine, EngineError, JobKind, State};
use crate::guard::{self, Failure};
use crate::ring::{command, layout, Ring};

/// Bit set on `then`'s answer when the parent was an unhandled rejection until now.
const WAS_UNHANDLED: u32 = 1 << 30;

struct Runtime {
    engine: RefCell<Engine>,
    ring: Ring,
    /// On a host that refuses external buffers: a weak reference to the `ArrayBuffer` of the
    /// host's that holds the ring (null otherwise).
    host_ring: Cell<sys::napi_ref>,
}

impl Runtime {
    /// Where the ring lives in host memory, checks that memory and attaches it for this call
    /// (Ring::attach): the buffer may have been detached or collected since the last one.
    ///
    /// # Safety
    /// `env` is the env of the callback being run.
    unsafe fn attach_host_ring(&self, env: sys::napi_env) -> std::result::Result<(), EngineError> {
        let reference = self.host_ring.get();
        if reference.is_null() {
            return Ok(());
        }
        let mut buffer = ptr::null_mut();
        let mut data = ptr::null_mut();
        let mut bytes = 0;
        // SAFETY: `reference` was made in this env (weak: `buffer` is null once collected);
        // N-API gives a detached buffer's data as null.
        let found = unsafe {
            sys::napi_get_reference_value(env, reference, &mut buffer) == sys::Status::napi_ok
                && !buffer.is_null()
                && sys::napi_get_arraybuffer_info(env, buffer, &mut data, &mut bytes)
                    == sys::Status::napi_ok
        };
        if !found {
            return Err(EngineError::RingDetached);
        }
        // SAFETY: V8 does not move an ArrayBuffer's memory while it is attached; the call
        // being served runs no JS that could detach it.
        unsafe { self.ring.attach(data.cast(), bytes) }
    }

    /// Runs `op` after the commands JS wrote to the ring and before its spare nodes are
    /// topped up, as every call does.
    fn serve<T>(
        &self,
        op: impl FnOnce(&mut Engine, &Ring) -> std::result::Result<T, EngineError>,
    ) -> std::result::Result<T, Failure> {
        guard::with_engine(&self.engine, |engine| {
            self.ring.serve(engine, |engine| op(engine, &self.ring))
        })
    }
}

fn settled_state(raw: u32) -> std::result::Result<State, EngineError> {
    match State::from_u32(raw) {
        Some(State::Pending) | None => Err(EngineError::BadState(raw)),
        Some(state) => Ok(state),
    }
}

// ---- the hot entry points: arguments and result in the ring ----------------------------

/// (parent: arg0, state: arg1, target: arg2): result = the target id, with bit 30 set when
/// the parent was an unhandled rejection until now. Called only for a settled parent with a
/// node; a pending parent is linked by a command.
fn then(engine: &mut Engine, ring: &Ring) -> std::result::Result<(), EngineError> {
    let outcome = engine.then(ring.arg(0), settled_state(ring.arg(1))?, ring.arg(2))?;
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
fn settle(engine: &mut Engine, ring: &Ring) -> std::result::Result<(), EngineError> {
    let outcome = engine.settle(ring.arg(0), settled_state(ring.arg(1))?)?;
    ring.flush(engine);
    ring.set_result(outcome.jobs << 1 | u32::from(outcome.unhandled));
    Ok(())
}

/// Resolves node arg0 (0: a new node) to a thenable: result = its id.
fn lock(engine: &mut Engine, ring: &Ring) -> std::result::Result<(), EngineError> {
    let target = engine.lock(ring.arg(0))?;
    ring.flush(engine);
    ring.set_result(target);
    Ok(())
}

/// A node for a promise rejected before anything observed it: result = its id.
fn reject_unobserved(engine: &mut Engine, ring: &Ring) -> std::result::Result<(), EngineError> {
    ring.set_result(engine.reject_unobserved()?);
    Ok(())
}

/// Moves jobs that did not fit into the ring (and, like every call, applies the commands and
/// tops up the spare nodes).
fn refill(engine: &mut Engine, ring: &Ring) -> std::result::Result<(), EngineError> {
    ring.flush(engine);
    Ok(())
}

// ---- the cold entry points: JS arguments and results ------------------------------------

/// The arguments of a cold call, read as the entry point needs them.
struct Args {
    env: Env,
    values: [sys::napi_value; 2],
}

impl Args {
    fn u32(&self, index: usize) -> Result<u32> {
        // SAFETY: `values[index]` is an argument of the callback being run in `env` (or
        // `undefined`, which N-API fills in for a missing one).
        let number = unsafe { napi::JsNumber::from_raw(self.env.raw(), self.values[index]) }?;
        number.get_uint32()
    }

    fn bool(&self, index: usize) -> Result<bool> {
        // SAFETY: as in `u32`.
        let flag = unsafe { napi::JsBoolean::from_raw(self.env.raw(), self.values[index]) }?;
        flag.get_value()
    }
}

type Cold = fn(&Runtime, &Args) -> Result<JsUnknown>;

fn engine_error(failure: Failure) -> napi::Error {
    napi::Error::new(Status::GenericFailure, failure.to_string())
}

/// Cancels pending node (id, keep): returns how many reject jobs its reactions became.
/// `keep` keeps the node until JS discards it (a job for it is still due).
fn cancel(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let (id, keep) = (args.u32(0)?, args.bool(1)?);
    let jobs = runtime
        .serve(|engine, ring| {
            let jobs = engine.cancel(id, keep)?;
            ring.flush(engine);
            Ok(jobs)
        })
        .map_err(engine_error)?;
    Ok(args.env.create_uint32(jobs)?.into_unknown())
}

/// Frees a node that `cancel` kept.
fn discard(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let id = args.u32(0)?;
    runtime
        .serve(|engine, _| engine.discard(id))
        .map_err(engine_error)?;
    Ok(args.env.get_undefined()?.into_unknown())
}

/// Frees the node of a promise JS can no longer reach: returns the targets that waited on it.
fn release(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let id = args.u32(0)?;
    let freed = runtime
        .serve(|engine, _| engine.release(id))
        .map_err(engine_error)?;
    let mut array = args.env.create_array_with_length(freed.len())?;
    for (i, waiter) in freed.iter().enumerate() {
        array.set_element(i as u32, args.env.create_uint32(*waiter)?)?;
    }
    Ok(array.into_unknown())
}

/// A new pending node (tests).
fn create(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let id = runtime
        .serve(|engine, _| engine.create())
        .map_err(engine_error)?;
    Ok(args.env.create_uint32(id)?.into_unknown())
}

/// Whether any reaction waits on the node `id`.
fn has_reactions(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let id = args.u32(0)?;
    let has = runtime
        .serve(|engine, _| Ok(engine.has_reactions(id)))
        .map_err(engine_error)?;
    Ok(args.env.get_boolean(has)?.into_unknown())
}

/// Gives back the memory of ids past the last live node (Ring::compact): the answer is the
/// id space left, the length JS's tables by id need.
fn compact(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let space = runtime
        .serve(|engine, ring| {
            ring.compact(engine);
            Ok(engine.id_space() as u32)
        })
        .map_err(engine_error)?;
    Ok(args.env.create_uint32(space)?.into_unknown())
}

/// Engine counters for tests and benchmarks: [live nodes, queued jobs, unhandled, bytes on
/// the Rust heap]. Live nodes leave out the spare ones, which no promise has yet.
fn stats(runtime: &Runtime, args: &Args) -> Result<JsUnknown> {
    let counts = runtime
        .serve(|engine, ring| {
            Ok([
                (engine.live_nodes() as u32).saturating_sub(ring.spare_nodes()),
                engine.queued_jobs() as u32,
                engine.unhandled_count() as u32,
                engine.heap_bytes() as u32,
            ])
        })
        .map_err(engine_error)?;
    let mut array = args.env.create_array_with_length(counts.len())?;
    for (i, count) in counts.iter().enumerate() {
        array.set_element(i as u32, args.env.create_uint32(*count)?)?;
    }
    Ok(array.into_unknown())
}

// ---- callbacks ----------------------------------------------------------------------------

/// The runtime a callback was made for, and its first two arguments.
///
/// # Safety
/// `env` and `info` are those of a callback made by [`entry_point`], being run.
unsafe fn callback_info(
    env: sys::napi_env,
    info: sys::napi_callback_info,
    argc: usize,
) -> Option<(*const Runtime, [sys::napi_value; 2])> {
    let mut values = [ptr::null_mut(); 2];
    let mut count = argc;
    let mut data = ptr::null_mut();
    let argv = if argc == 0 {
        ptr::null_mut()
    } else {
        values.as_mut_ptr()
    };
    let count_ptr = if argc == 0 {
        ptr::null_mut()
    } else {
        &mut count as *mut usize
    };
    // SAFETY: per the caller; `values` has room for `argc` (at most 2) values.
    let status =
        unsafe { sys::napi_get_cb_info(env, info, count_ptr, argv, ptr::null_mut(), &mut data) };
    if status != sys::Status::napi_ok || data.is_null() {
        return None;
    }
    // SAFETY: the data of every entry point is a live `Rc<Runtime>` (see `entry_point`).
    let runtime: &Rc<Runtime> = unsafe { &*data.cast::<Rc<Runtime>>() };
    Some((Rc::as_ptr(runtime), values))
}

fn throw(env: sys::napi_env, message: &str) {
    let message = CString::new(message).unwrap_or_default();
    // SAFETY: `env` is the env of the callback being run; N-API copies the message.
    unsafe { sys::napi_throw_error(env, ptr::null(), message.as_ptr()) };
}

macro_rules! hot_callbacks {
    ($($name:literal => $callback:ident($op:path)),* $(,)?) => {
        $(
            unsafe extern "C" fn $callback(
                env: sys::napi_env,
                info: sys::napi_callback_info,
            ) -> sys::napi_value {
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    // SAFETY: N-API is running this callback, made by `entry_point`.
                    let Some((runtime, _)) = (unsafe { callback_info(env, info, 0) }) else {
                        return Err("ferrobird engine: an entry point lost its runtime".to_owned());
                    };
                    // SAFETY: the function being called holds a reference to the runtime.
                    let runtime = unsafe { &*runtime };
                    // SAFETY: `env` is this callback's.
                    unsafe { runtime.attach_host_ring(env) }.map_err(|error| error.to_string())?;
                    runtime.serve($op).map_err(|failure| failure.to_string())
                }));
                match outcome {
                    Ok(Ok(())) => {}
                    Ok(Err(message)) => throw(env, &message),
                    Err(_) => throw(env, "ferrobird engine panicked; the promise operation was not carried out"),
                }
                ptr::null_mut()
            }
        )*
        const HOT: &[(&str, sys::napi_callback)] = &[$(($name, Some($callback))),*];
    };
}

hot_callbacks! {
    "then" => then_callback(then),
    "settle" => settle_callback(settle),
    "lock" => lock_callback(lock),
    "rejectUnobserved" => reject_unobserved_callback(reject_unobserved),
    "refill" => refill_callback(refill),
}

macro_rules! cold_callbacks {
    ($($name:literal => $callback:ident($op:path)),* $(,)?) => {
        $(
            unsafe extern "C" fn $callback(
                env: sys::napi_env,
                info: sys::napi_callback_info,
            ) -> sys::napi_value {
                // SAFETY: N-API is running this callback, made by `entry_point`.
                unsafe { run_cold(env, info, $op) }
            }
        )*
        const COLD: &[(&str, sys::napi_callback)] = &[$(($name, Some($callback))),*];
    };
}

cold_callbacks! {
    "cancel" => cancel_callback(cancel),
    "discard" => discard_callback(discard),
    "release" => release_callback(release),
    "create" => create_callback(create),
    "hasReactions" => has_reactions_callback(has_reactions),
    "stats" => stats_callback(stats),
    "compact" => compact_callback(compact),
}

/// # Safety
/// `env` and `info` are those of a cold callback being run.
unsafe fn run_cold(env: sys::napi_env, info: sys::napi_callback_info, op: Cold) -> sys::napi_value {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: per the caller.
        let Some((runtime, values)) = (unsafe { callback_info(env, info, 2) }) else {
            return Err(napi::Error::new(
                Status::GenericFailure,
                "ferrobird engine: an entry point lost its runtime",
            ));
        };
        // SAFETY: the function being called holds a reference to the runtime.
        let runtime = unsafe { &*runtime };
        // SAFETY: `env` is this callback's.
        unsafe { runtime.attach_host_ring(env) }.map_err(|error| {
            napi::Error::new(Status::GenericFailure, format!("ferrobird engine: {error}"))
        })?;
        // SAFETY: `env` is the callback's env.
        let env = unsafe { Env::from_raw(env) };
        op(runtime, &Args { env, values })
    }));
    match outcome {
        // SAFETY: the value was made in this callback's env.
        Ok(Ok(value)) => unsafe { value.raw() },
        Ok(Err(error)) => {
            throw(env, &error.reason);
            ptr::null_mut()
        }
        Err(_) => {
            throw(
                env,
                "ferrobird engine panicked; the promise operation was not carried out",
            );
            ptr::null_mut()
        }
    }
}

/// Drops the `Rc<Runtime>` an entry point held, when the GC collects it.
unsafe extern "C" fn drop_reference(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the `Box<Rc<Runtime>>` leaked for this function alone, dropped once.
    drop(unsafe { Box::from_raw(data.cast::<Rc<Runtime>>()) });
}

/// Drops the `Rc<Runtime>` the ring's buffer held, when V8 frees the buffer's memory. An
/// external buffer's finalizer gets the buffer's data first and the hint second.
unsafe extern "C" fn drop_buffer_reference(
    _env: sys::napi_env,
    _slots: *mut c_void,
    hint: *mut c_void,
) {
    // SAFETY: `hint` is the `Box<Rc<Runtime>>` leaked for this buffer alone, dropped once.
    drop(unsafe { Box::from_raw(hint.cast::<Rc<Runtime>>()) });
}

fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::GenericFailure,
            format!("ferrobird: could not make {what}"),
        ))
    }
}

/// A JS function running `callback` on `runtime`, which it keeps alive.
fn entry_point(
    env: Env,
    name: &str,
    callback: sys::napi_callback,
    runtime: &Rc<Runtime>,
) -> Result<sys::napi_value> {
    let data = Box::into_raw(Box::new(Rc::clone(runtime)));
    let mut function = ptr::null_mut();
    // SAFETY: a live env; `name` is valid for its length; `data` lives until the finalizer.
    let made = unsafe {
        sys::napi_create_function(
            env.raw(),
            name.as_ptr().cast(),
            name.len(),
            callback,
            data.cast(),
            &mut function,
        )
    };
    if made != sys::Status::napi_ok {
        // SAFETY: nothing else took `data`.
        drop(unsafe { Box::from_raw(data) });
        return Err(napi::Error::new(
            Status::GenericFailure,
            "ferrobird: could not make an entry point",
        ));
    }
    // SAFETY: `function` was just made in `env`; its finalizer frees `data`, once.
    let status = unsafe {
        sys::napi_add_finalizer(
            env.raw(),
            function,
            data.cast(),
            Some(drop_reference),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    check(status, "an entry point's finalizer")?;
    Ok(function)
}

/// The ring's memory as an `ArrayBuffer` JS can view; the buffer keeps `runtime` alive.
fn ring_buffer(env: Env, runtime: &Rc<Runtime>) -> Result<sys::napi_value> {
    // FERROBIRD_HOST_RING=1 takes the fallback where external buffers would do: how the
    // tests reach it on Node.
    let forced = std::env::var_os("FERROBIRD_HOST_RING").is_some_and(|value| value == "1");
    if !forced {
        if let Some(buffer) = external_ring_buffer(env, runtime) {
            return Ok(buffer);
        }
    }
    host_ring_buffer(env, runtime)
}

/// The ring's own memory as an external `ArrayBuffer`, or None where the host refuses one.
fn external_ring_buffer(env: Env, runtime: &Rc<Runtime>) -> Option<sys::napi_value> {
    let slots = runtime.ring.slots();
    let data = Box::into_raw(Box::new(Rc::clone(runtime)));
    let mut buffer = ptr::null_mut();
    // SAFETY: the slots are `Cell<i32>`s (the layout of `i32`) owned by the runtime, which
    // the finalizer keeps alive until V8 frees the buffer's backing store.
    let status = unsafe {
        sys::napi_create_external_arraybuffer(
            env.raw(),
            slots.as_ptr() as *mut c_void,
            std::mem::size_of_val(slots),
            Some(drop_buffer_reference),
            data.cast(),
            &mut buffer,
        )
    };
    if status != sys::Status::napi_ok {
        // SAFETY: nothing else took `data`.
        drop(unsafe { Box::from_raw(data) });
        // (The failed call left a pending exception on some hosts: cleared, for the fallback.)
        let mut error = ptr::null_mut();
        // SAFETY: a live env.
        unsafe { sys::napi_get_and_clear_last_exception(env.raw(), &mut error) };
        return None;
    }
    Some(buffer)
}

/// The fallback: an `ArrayBuffer` the host owns holds the ring, which each call attaches
/// (Runtime::attach_host_ring). The runtime keeps a weak reference to it: JS's view keeps it
/// alive, and a call after it is gone is refused.
fn host_ring_buffer(env: Env, runtime: &Rc<Runtime>) -> Result<sys::napi_value> {
    let bytes = std::mem::size_of_val(runtime.ring.slots());
    let mut data = ptr::null_mut();
    let mut buffer = ptr::null_mut();
    // SAFETY: a live env; V8 allocates (and zeroes) `bytes` bytes.
    let status = unsafe { sys::napi_create_arraybuffer(env.raw(), bytes, &mut data, &mut buffer) };
    check(status, "the ring's buffer")?;
    let mut reference = ptr::null_mut();
    // SAFETY: `buffer` was just made in `env`; a weak reference (count 0).
    let status = unsafe { sys::napi_create_reference(env.raw(), buffer, 0, &mut reference) };
    check(status, "a reference to the ring's buffer")?;
    // SAFETY: `data` is the new buffer's memory, `bytes` long, which only JS's view (not made
    // yet) shares; the runtime re-attaches it at every call.
    unsafe { runtime.ring.attach(data.cast(), bytes) }.map_err(|error| {
        napi::Error::new(Status::GenericFailure, format!("ferrobird engine: {error}"))
    })?;
    runtime.host_ring.set(reference);
    Ok(buffer)
}

/// The ring's layout for JS: every slot number, command code and job kind, and the bit of
/// `then`'s answer; JS reads them here and writes none of them.
fn layout_object(env: Env, ring: &Ring) -> Result<JsObject> {
    let layout = ring.layout();
    let mut object = env.create_object()?;
    let entries: [(&str, u32); 25] = [
        ("HEAD", layout::HEAD as u32),
        ("TAIL", layout::TAIL as u32),
        ("COMMAND_COUNT", layout::COMMAND_COUNT as u32),
        ("ARG0", layout::ARGS as u32),
        ("RESULT", layout::RESULT as u32),
        ("COMMANDS", layout::COMMANDS as u32),
        ("COMMAND_CAPACITY", layout.commands()),
        ("SPARE_COUNT", layout.spare_count() as u32),
        ("SPARE_CAPACITY", layout.spares()),
        ("JOB_SLOTS", layout.job_slots() as u32),
        ("JOBS", layout.jobs()),
        ("COUNTER_MASK", layout::COUNTER_MASK),
        ("OP_BITS", command::OP_BITS),
        ("LINK", command::LINK),
        ("TRANSFER", command::TRANSFER),
        ("ENQUEUE", command::ENQUEUE),
        ("DELIVER", command::DELIVER),
        ("ELEMENT", command::ELEMENT),
        ("DISCARD", command::DISCARD),
        ("JOB_FULFILL", JobKind::Fulfill as u32),
        ("JOB_REJECT", JobKind::Reject as u32),
        ("JOB_THENABLE", JobKind::Thenable as u32),
        ("JOB_ELEMENT_FULFILLED", JobKind::ElementFulfilled as u32),
        ("JOB_ELEMENT_REJECTED", JobKind::ElementRejected as u32),
        ("WAS_UNHANDLED", WAS_UNHANDLED),
    ];
    for (name, value) in entries {
        object.set_named_property(name, env.create_uint32(value)?)?;
    }
    Ok(object)
}

/// A new runtime for one module instance: `{ buffer, layout, then, settle, lock,
/// rejectUnobserved, refill, cancel, discard, release, create, hasReactions, stats, compact }`,
/// with a
/// ring of `jobs` jobs (a power of two), `commands` command slots and `spares` spare nodes.
#[napi]
pub fn create_runtime(env: Env, jobs: u32, commands: u32, spares: u32) -> Result<JsObject> {
    let ring = Ring::new(jobs, commands, spares)
        .map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))?;
    let runtime = Rc::new(Runtime {
        engine: RefCell::new(Engine::new()),
        ring,
        host_ring: Cell::new(ptr::null_mut()),
    });
    runtime
        .serve(|engine, ring| {
            ring.top_up_spares(engine);
            Ok(())
        })
        .map_err(engine_error)?;
    let mut object = env.create_object()?;
    // SAFETY: both values were made in `env` just now.
    object.set_named_property("buffer", unsafe {
        JsUnknown::from_raw_unchecked(env.raw(), ring_buffer(env, &runtime)?)
    })?;
    object.set_named_property("layout", layout_object(env, &runtime.ring)?)?;
    // Where the ring lives: 'external' (the runtime's own memory) or 'host' (the fallback).
    let mode = if runtime.host_ring.get().is_null() {
        "external"
    } else {
        "host"
    };
    object.set_named_property("ringMemory", env.create_string(mode)?)?;
    for &(name, callback) in HOT.iter().chain(COLD) {
        let function = entry_point(env, name, callback, &runtime)?;
        // SAFETY: as above.
        object.set_named_property(name, unsafe {
            JsUnknown::from_raw_unchecked(env.raw(), function)
        })?;
    }
    Ok(object)
}
