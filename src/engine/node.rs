//! One promise as the engine sees it: a state, a few flags and a reaction list.
//!
//! The list is intrusive: `head`/`tail` name the first and last target waiting on this node,
//! and each target's `next` names its sibling. Sixteen bytes a node, no heap per reaction.

/// A node id as it crosses the boundary: slab index + 1, so that 0 means "no node".
pub type NodeId = u32;

/// Settlement state of a promise. The discriminants are shared with the JS surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    Pending = 0,
    Fulfilled = 1,
    Rejected = 2,
}

impl State {
    /// Decodes a state sent from JS; anything else is not a state.
    pub fn from_u32(raw: u32) -> Option<State> {
        match raw {
            0 => Some(State::Pending),
            1 => Some(State::Fulfilled),
            2 => Some(State::Rejected),
            _ => None,
        }
    }
}

/// Set once the promise is resolved to a thenable: it can no longer be resolved again, though
/// it is still pending until the thenable settles it.
pub const LOCKED: u8 = 1;
/// Set while this node is a target in some other node's reaction list.
pub const WAITING: u8 = 2;
/// Set on a rejected node that had no reaction when it was rejected and has none yet.
pub const UNHANDLED: u8 = 4;

#[derive(Clone, Debug)]
pub struct Node {
    pub state: State,
    pub flags: u8,
    pub head: NodeId,
    pub tail: NodeId,
    pub next: NodeId,
}

impl Node {
    pub fn pending() -> Node {
        Node {
            state: State::Pending,
            flags: 0,
            head: 0,
            tail: 0,
            next: 0,
        }
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}
