//! The ring: the memory one runtime shares with its JS side, so that most promise operations
//! cost no call across the boundary.
//!
//! Pure Rust, like the engine: the N-API layer only hands JS a view of [`Ring::slots`]. The
//! ring owns its memory, so nothing JS does to its view (detaching or transferring the
//! buffer) can make Rust touch freed memory. On a host that refuses to show JS memory it does
//! not own (external buffers: Electron with V8's sandbox), the slots are instead an
//! `ArrayBuffer` of the host's, which the binding checks and attaches anew at the start of
//! every call ([`Ring::attach`]).
//!
//! - [`layout`] is where each part of the ring lies; the binding exports it to JS, the one
//!   source of the slot numbers.
//! - [`command`] decodes what JS writes into the command slots.
//! - [`Ring`] applies the commands to an engine, moves its jobs out, and keeps spare nodes.

pub mod command;
pub mod layout;

#[cfg(test)]
mod tests;

use std::cell::Cell;

use crate::engine::{Engine, EngineError};
pub use command::Command;
pub use layout::Layout;

/// The shared memory and the operations on it. JS reads and writes the same slots between
/// calls; every access here is a `Cell` read or write, so Rust never holds a reference that
/// JS's writes could invalidate.
pub struct Ring {
    owned: Box<[Cell<i32>]>,
    /// Where the slots are: `owned`, or the host's memory that [`Ring::attach`] checked for
    /// the call being served.
    slots: Cell<*const Cell<i32>>,
    layout: Layout,
}

impl Ring {
    /// A ring of `jobs` jobs (a power of two), `commands` command slots and `spares` spare
    /// nodes, all slots zero.
    pub fn new(jobs: u32, commands: u32, spares: u32) -> Result<Ring, EngineError> {
        let layout = Layout::new(jobs, commands, spares).ok_or(EngineError::BadRingSize)?;
        let owned: Box<[Cell<i32>]> = (0..layout.slot_count()).map(|_| Cell::new(0)).collect();
        let slots = Cell::new(owned.as_ptr());
        Ok(Ring {
            owned,
            slots,
            layout,
        })
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The ring's own slots, for the binding to show JS (as an `Int32Array`).
    pub fn slots(&self) -> &[Cell<i32>] {
        &self.owned
    }

    /// Makes the host's memory at `data`, `bytes` long, the slots, after checking that it can
    /// be: not null (a detached buffer's is), aligned, and as long as the layout; else the
    /// slots stay where they were. The first time, the slots are copied over.
    ///
    /// # Safety
    /// `data` stays valid, and is used by nothing but JS's view of the same buffer, until the
    /// next `attach` or the end of the call being served, whichever comes first.
    pub unsafe fn attach(&self, data: *mut u8, bytes: usize) -> Result<(), EngineError> {
        let wanted = self.layout.slot_count() * std::mem::size_of::<i32>();
        if data.is_null() || bytes < wanted || data.align_offset(std::mem::align_of::<i32>()) != 0 {
            return Err(EngineError::RingDetached);
        }
        let host = data.cast::<Cell<i32>>().cast_const();
        if self.slots.get() == self.owned.as_ptr() {
            for (i, cell) in self.owned.iter().enumerate() {
                // SAFETY: `host` has room for every slot (checked above) and is the caller's.
                unsafe { (*host.add(i)).set(cell.get()) };
            }
        }
        self.slots.set(host);
        Ok(())
    }

    fn cells(&self) -> &[Cell<i32>] {
        // SAFETY: `slots` is `owned`, which lives as long as `self`, or memory `attach`
        // checked for the call being served (its contract), `slot_count` cells long either way.
        unsafe { std::slice::from_raw_parts(self.slots.get(), self.layout.slot_count()) }
    }

    pub fn read(&self, slot: usize) -> u32 {
        self.cells()[slot].get() as u32
    }

    pub fn write(&self, slot: usize, value: u32) {
        self.cells()[slot].set(value as i32);
    }

    /// Argument `index` (0 to 2) of the hot call being made.
    pub fn arg(&self, index: usize) -> u32 {
        debug_assert!(index < layout::ARG_COUNT);
        self.read(layout::ARGS + index)
    }

    /// The result of the hot call being made.
    pub fn set_result(&self, value: u32) {
        self.write(layout::RESULT, value);
    }

    /// Runs an engine call's `op` the way every call runs: after the commands JS has written
    /// since the last call, and before the spare nodes are topped up.
    pub fn serve<T>(
        &self,
        engine: &mut Engine,
        op: impl FnOnce(&mut Engine) -> Result<T, EngineError>,
    ) -> Result<T, EngineError> {
        self.apply_commands(engine)?;
        let done = op(engine);
        self.top_up_spares(engine);
        done
    }

    /// Moves queued jobs into the ring while it has room.
    pub fn flush(&self, engine: &mut Engine) {
        let head = self.read(layout::HEAD);
        let mut tail = self.read(layout::TAIL);
        let capacity = self.layout.jobs();
        let used = tail.wrapping_sub(head) & layout::COUNTER_MASK;
        let room = capacity.saturating_sub(used) as usize;
        if room == 0 || engine.queued_jobs() == 0 {
            return;
        }
        let first = self.layout.job_slots();
        engine.take_jobs(room, |job| {
            let slot = first + 2 * (tail & (capacity - 1)) as usize;
            self.write(slot, job.kind as u32);
            self.write(slot + 1, job.target);
            tail = (tail + 1) & layout::COUNTER_MASK;
        });
        self.write(layout::TAIL, tail);
    }

    /// Applies the commands JS has written since the last call, in order. Every command is
    /// applied even if one fails; the first failure (a JS bookkeeping error) is reported.
    pub fn apply_commands(&self, engine: &mut Engine) -> Result<(), EngineError> {
        let count = self.read(layout::COMMAND_COUNT);
        if count == 0 {
            return Ok(());
        }
        self.write(layout::COMMAND_COUNT, 0);
        let count = (count as usize).min(self.layout.commands() as usize);
        let mut outcome = Ok(());
        let mut i = 0;
        while i < count {
            self.prefetch_ahead(engine, i, count);
            let first = self.read(layout::COMMANDS + i);
            let second = if i + 1 < count {
                self.read(layout::COMMANDS + i + 1)
            } else {
                0
            };
            let applied = match Command::decode(first, second) {
                Ok(command) => {
                    i += command.slots();
                    command.apply(engine)
                }
                Err(error) => {
                    i += 1;
                    Err(error)
                }
            };
            if outcome.is_ok() {
                outcome = applied;
            }
        }
        outcome
    }

    /// Prefetches the nodes the commands a few slots after `i` will load: the node each names,
    /// and for a settle, its first reaction (known once the node itself has arrived, hence
    /// the shorter distance). A slot that is a link's parent id or an element's state is read
    /// as a command too, and an element's index as a node: their hints are wasted, and
    /// harmless. (The measurements are in benches/README.md, session 9.)
    fn prefetch_ahead(&self, engine: &Engine, i: usize, count: usize) {
        if i + PREFETCH_DISTANCE < count {
            let id = self.read(layout::COMMANDS + i + PREFETCH_DISTANCE) >> command::OP_BITS;
            prefetch(engine.node_address(id));
        }
        if i + PREFETCH_DISTANCE / 2 < count {
            let raw = self.read(layout::COMMANDS + i + PREFETCH_DISTANCE / 2);
            if command::is_settle(raw) {
                prefetch(engine.node_address(engine.first_reaction(raw >> command::OP_BITS)));
            }
        }
    }

    /// Gives the spare nodes back, compacts the engine (Engine::compact), and tops the
    /// spares up again: from the lowest free ids now, where spares made during a burst would
    /// have pinned its highest.
    pub fn compact(&self, engine: &mut Engine) {
        let slot = self.layout.spare_count();
        let count = self.read(slot).min(self.layout.spares());
        for i in 0..count as usize {
            // A spare is a pending node with no reaction: discarding it cannot fail, and if
            // JS wrote junk there, the engine refuses it and the slot is dropped all the same.
            let _ = engine.discard(self.read(slot + 1 + i));
        }
        self.write(slot, 0);
        engine.compact();
        self.top_up_spares(engine);
    }

    /// Spare nodes JS has not taken yet: pending nodes no promise has.
    pub fn spare_nodes(&self) -> u32 {
        self.read(self.layout.spare_count())
    }

    /// Makes spare nodes until there are as many as the ring holds (fewer if the engine is
    /// full: JS then finds none and calls, and the call reports it).
    pub fn top_up_spares(&self, engine: &mut Engine) {
        let slot = self.layout.spare_count();
        let spares = self.layout.spares();
        let mut count = self.read(slot).min(spares);
        if count >= spares {
            return;
        }
        while count < spares {
            match engine.create() {
                Ok(id) => self.write(slot + 1 + count as usize, id),
                Err(_) => break,
            }
            count += 1;
        }
        self.write(slot, count);
    }
}

/// How many command slots ahead the nodes are prefetched.
const PREFETCH_DISTANCE: usize = 16;

/// Asks the CPU to bring `address` into the cache; a hint, nothing is read.
fn prefetch(address: Option<*const u8>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(address) = address {
        // SAFETY: PREFETCHT0 never faults, whatever the address; SSE is in the x86_64 baseline.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address.cast())
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}
