//! Where each part of the ring lies, in `i32` slots:
//! `[head, tail, command count, arg0, arg1, arg2, result, commands x C, spare count,
//! spares x S, (kind, target) x J]`.
//!
//! The header slots are fixed; the rest depend on the sizes a runtime is made with. The
//! binding exports all of it to JS (`layout` of a runtime), so the numbers are written once.

/// The index of the next job JS will read (JS advances it).
pub const HEAD: usize = 0;
/// The index after the last job Rust wrote.
pub const TAIL: usize = 1;
/// How many command slots JS has filled since the last call.
pub const COMMAND_COUNT: usize = 2;
/// The hot calls' arguments.
pub const ARGS: usize = 3;
pub const ARG_COUNT: usize = 3;
/// The hot calls' result.
pub const RESULT: usize = 6;
/// The first command slot.
pub const COMMANDS: usize = 7;
/// Head and tail count modulo 2^30, so they stay small integers on the JS side.
pub const COUNTER_MASK: u32 = (1 << 30) - 1;

const MAX_JOBS: u32 = 1 << 20;
const MAX_COMMANDS: u32 = 1 << 16;
const MAX_SPARES: u32 = 1 << 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    jobs: u32,
    commands: u32,
    spares: u32,
}

impl Layout {
    /// `jobs` a power of two up to 2^20, `commands` (at least 2: a link takes two) and
    /// `spares` up to 2^16; `None` otherwise.
    pub fn new(jobs: u32, commands: u32, spares: u32) -> Option<Layout> {
        let fits = jobs.is_power_of_two()
            && jobs <= MAX_JOBS
            && (2..=MAX_COMMANDS).contains(&commands)
            && spares <= MAX_SPARES;
        fits.then_some(Layout {
            jobs,
            commands,
            spares,
        })
    }

    pub fn jobs(self) -> u32 {
        self.jobs
    }

    pub fn commands(self) -> u32 {
        self.commands
    }

    pub fn spares(self) -> u32 {
        self.spares
    }

    /// The slot of the spare count; the spares follow it.
    pub fn spare_count(self) -> usize {
        COMMANDS + self.commands as usize
    }

    /// The first slot of the jobs, two slots each (kind, target).
    pub fn job_slots(self) -> usize {
        self.spare_count() + 1 + self.spares as usize
    }

    /// Slots in all.
    pub fn slot_count(self) -> usize {
        self.job_slots() + 2 * self.jobs as usize
    }
}
