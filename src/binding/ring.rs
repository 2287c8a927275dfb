//! The job ring: engine jobs shared with JS without a call per job.
//!
//! JS allocates one `ArrayBuffer` at load time and hands it to [`attach_ring`]. Its layout, in
//! `i32` slots: `[head, tail, (kind, target) x capacity]`. After every engine operation the
//! binding moves newly enqueued jobs from the engine's queue into the ring while it has
//! space; JS reads them at `head` and advances it. Jobs that do not fit stay in the engine's
//! queue, in order, until JS finds the ring empty and calls `refill`.
//!
//! Measured: a `takeJobs(Int32Array)` call cost ~120 ns, and a then-chain has one job queued
//! at a time, so "one call per batch" was one call per job.

use std::cell::Cell;
use std::ptr;

use napi::{sys, Env, JsArrayBuffer, NapiRaw, Result, Status};

use crate::engine::Engine;

const HEAD: usize = 0;
const TAIL: usize = 1;
const HEADER: usize = 2;
/// Head and tail count modulo 2^30 so they stay small integers on the JS side.
const COUNTER_MASK: u32 = (1 << 30) - 1;

#[derive(Clone, Copy)]
struct Ring {
    slots: *mut i32,
    capacity: u32,
}

thread_local! {
    static RING: Cell<Option<Ring>> = const { Cell::new(None) };
}

impl Ring {
    fn read(self, slot: usize) -> u32 {
        // SAFETY: `slot` < HEADER + 2 * capacity, the length checked in `attach_ring`; the
        // buffer is alive (strong reference) and only this thread touches it.
        unsafe { ptr::read(self.slots.add(slot)) as u32 }
    }

    fn write(self, slot: usize, value: u32) {
        // SAFETY: as in `read`.
        unsafe { ptr::write(self.slots.add(slot), value as i32) }
    }
}

/// Takes the ring buffer: at least 8 + 8 x capacity bytes, capacity a power of two.
pub fn attach(env: Env, buffer: JsArrayBuffer, capacity: u32) -> Result<()> {
    if !capacity.is_power_of_two() || capacity > 1 << 20 {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "ring capacity must be a power of two",
        ));
    }
    let mut data = ptr::null_mut();
    let mut length = 0usize;
    // SAFETY: `buffer` is a live ArrayBuffer value passed to this call in `env`.
    let status =
        unsafe { sys::napi_get_arraybuffer_info(env.raw(), buffer.raw(), &mut data, &mut length) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "expected an ArrayBuffer",
        ));
    }
    let needed = (HEADER + 2 * capacity as usize) * std::mem::size_of::<i32>();
    if data.is_null() || length < needed || (data as usize) % std::mem::align_of::<i32>() != 0 {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "ring buffer too small or misaligned",
        ));
    }
    let mut reference = ptr::null_mut();
    // SAFETY: same value and env. The strong reference (count 1) is never released: the buffer
    // must outlive every later call on this thread, and the env frees it at teardown.
    let status = unsafe { sys::napi_create_reference(env.raw(), buffer.raw(), 1, &mut reference) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            Status::GenericFailure,
            "could not keep the ring buffer",
        ));
    }
    let ring = Ring {
        slots: data.cast::<i32>(),
        capacity,
    };
    ring.write(HEAD, 0);
    ring.write(TAIL, 0);
    RING.with(|cell| cell.set(Some(ring)));
    Ok(())
}

/// Moves queued jobs into the ring while it has room.
pub fn flush(engine: &mut Engine) {
    let Some(ring) = RING.with(Cell::get) else {
        return;
    };
    let head = ring.read(HEAD);
    let mut tail = ring.read(TAIL);
    let used = tail.wrapping_sub(head) & COUNTER_MASK;
    let room = ring.capacity.saturating_sub(used) as usize;
    if room == 0 || engine.queued_jobs() == 0 {
        return;
    }
    engine.take_jobs(room, |job| {
        let slot = HEADER + 2 * (tail & (ring.capacity - 1)) as usize;
        ring.write(slot, job.kind as u32);
        ring.write(slot + 1, job.target);
        tail = (tail + 1) & COUNTER_MASK;
    });
    ring.write(TAIL, tail);
}
