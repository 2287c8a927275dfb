//! The commands JS writes to the ring: changes to nodes whose result JS already knows, applied
//! in order at the start of the engine's next call (so a discarded id is never handed out
//! while JS may still hold it, and a settle's jobs enter the queue before any job a later call
//! enqueues, as if it had been a call of its own).
//!
//! A command is `id << 3 | op` in one slot, and for a link or an element one more slot.

use crate::engine::{Engine, EngineError, NodeId, State};

/// The bits of a command's first slot that hold its operation.
pub const OP_BITS: u32 = 3;
const OP_MASK: u32 = (1 << OP_BITS) - 1;

/// The operation codes, as JS writes them (the binding exports them with the layout).
pub const DISCARD: u32 = 0;
/// A settle's code is the state: 1 fulfilled, 2 rejected.
pub const SETTLE_FULFILLED: u32 = 1;
pub const SETTLE_REJECTED: u32 = 2;
pub const LINK: u32 = 3;
/// An enqueue's code is 4 + the state; 4 itself (no state) is a delivery.
pub const ENQUEUE: u32 = 4;
pub const DELIVER: u32 = ENQUEUE;
pub const ELEMENT: u32 = 7;
/// Set in a link's second slot (a parent id, below 2^28) to make it a transfer.
pub const TRANSFER: u32 = 1 << 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// A node JS is done with (a terminal reaction whose job has run).
    Discard(NodeId),
    /// A pending node with reactions, or fulfilled with none: JS holds the reactions' targets
    /// in the engine's order, so it knows the jobs this enqueues and needs no answer.
    Settle(NodeId, State),
    /// `target` becomes a reaction of the pending node `parent` (`then` on a pending promise,
    /// a collection's element).
    Link { target: NodeId, parent: NodeId },
    /// Every reaction of the pending node `from` moves to the end of `to`'s, and `from` is
    /// freed (Bluebird's migration of a follower's callbacks; `Engine::transfer`). A link
    /// whose second slot has the TRANSFER bit.
    Transfer { from: NodeId, to: NodeId },
    /// A reaction job for `target` on a promise that settled with no node
    /// (`resolve(1).then(f)`).
    Enqueue(NodeId, State),
    /// The job of a collection's element `index` (an index, not a node), whose promise settled
    /// with no node; the element was its only reaction.
    Element { index: u32, state: State },
    /// A pending node fulfilled whose reactions JS ran at once, without the queue (Bluebird's
    /// async-guaranteed promises, `Engine::deliver`).
    Deliver(NodeId),
}

impl Command {
    /// Decodes the command whose first slot is `first`; `second` is the slot after it (read
    /// only by the two-slot commands).
    pub fn decode(first: u32, second: u32) -> Result<Command, EngineError> {
        let id = first >> OP_BITS;
        let settled = |raw: u32| match State::from_u32(raw) {
            Some(State::Pending) | None => Err(EngineError::BadState(raw)),
            Some(state) => Ok(state),
        };
        Ok(match first & OP_MASK {
            DISCARD => Command::Discard(id),
            LINK if second & TRANSFER != 0 => Command::Transfer {
                from: id,
                to: second & !TRANSFER,
            },
            LINK => Command::Link {
                target: id,
                parent: second,
            },
            ELEMENT => Command::Element {
                index: id,
                state: settled(second)?,
            },
            DELIVER => Command::Deliver(id),
            op if op > ENQUEUE => Command::Enqueue(id, settled(op - ENQUEUE)?),
            op => Command::Settle(id, settled(op)?),
        })
    }

    /// Encodes the command in the slots JS would write.
    pub fn encode(self) -> Vec<u32> {
        match self {
            Command::Discard(id) => vec![id << OP_BITS | DISCARD],
            Command::Settle(id, state) => vec![id << OP_BITS | state as u32],
            Command::Link { target, parent } => vec![target << OP_BITS | LINK, parent],
            Command::Transfer { from, to } => vec![from << OP_BITS | LINK, to | TRANSFER],
            Command::Enqueue(id, state) => vec![id << OP_BITS | (ENQUEUE + state as u32)],
            Command::Element { index, state } => vec![index << OP_BITS | ELEMENT, state as u32],
            Command::Deliver(id) => vec![id << OP_BITS | DELIVER],
        }
    }

    /// How many slots the command takes.
    pub fn slots(self) -> usize {
        match self {
            Command::Link { .. } | Command::Transfer { .. } | Command::Element { .. } => 2,
            _ => 1,
        }
    }

    pub fn apply(self, engine: &mut Engine) -> Result<(), EngineError> {
        match self {
            Command::Discard(id) => engine.discard(id),
            Command::Settle(id, state) => engine.settle_quietly(id, state),
            Command::Link { target, parent } => engine.link(parent, target),
            Command::Transfer { from, to } => engine.transfer(from, to),
            Command::Enqueue(id, state) => engine.enqueue(id, state),
            Command::Element { index, state } => engine.enqueue_element(index, state),
            Command::Deliver(id) => engine.deliver(id).map(drop),
        }
    }
}

/// Whether the raw first slot is a settle (for the prefetch, which reads slots blind).
pub fn is_settle(raw: u32) -> bool {
    matches!(raw & OP_MASK, SETTLE_FULFILLED | SETTLE_REJECTED)
}
