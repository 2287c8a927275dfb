//! Node storage with id recycling.
//!
//! Ids are dense so the JS side can keep its id-indexed tables as packed arrays; a freed id
//! is handed out again before the slab grows.

use super::node::{Node, NodeId};

#[derive(Default)]
pub struct Slab {
    entries: Vec<Option<Node>>,
    free: Vec<u32>,
    live: usize,
}

impl Slab {
    /// The largest number of ids the slab hands out: ids travel to JS in 28 bits, beside a
    /// three-bit operation in the binding's ring commands.
    pub const MAX_ID: u32 = (1 << 28) - 1;

    pub fn insert(&mut self, node: Node) -> Option<NodeId> {
        let index = match self.free.pop() {
            Some(index) => {
                self.entries[index as usize] = Some(node);
                index
            }
            None => {
                let index = u32::try_from(self.entries.len()).ok()?;
                if index >= Self::MAX_ID {
                    return None;
                }
                self.entries.push(Some(node));
                index
            }
        };
        self.live += 1;
        Some(index + 1)
    }

    pub fn get(&self, id: NodeId) -> Option<&Node> {
        let index = id.checked_sub(1)? as usize;
        self.entries.get(index)?.as_ref()
    }

    /// Where the entry of `id` is in memory, for prefetch hints; None past the end. (Forming
    /// the pointer is safe; nothing here reads through it.)
    pub fn address(&self, id: NodeId) -> Option<*const u8> {
        let index = id.checked_sub(1)? as usize;
        (index < self.entries.len()).then(|| self.entries.as_ptr().wrapping_add(index).cast())
    }

    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        let index = id.checked_sub(1)? as usize;
        self.entries.get_mut(index)?.as_mut()
    }

    pub fn remove(&mut self, id: NodeId) -> Option<Node> {
        let index = id.checked_sub(1)?;
        let node = self.entries.get_mut(index as usize)?.take()?;
        self.free.push(index);
        self.live -= 1;
        Some(node)
    }

    pub fn live(&self) -> usize {
        self.live
    }

    /// Bytes the slab holds on the Rust heap, free slots included.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Option<Node>>()
            + self.free.capacity() * std::mem::size_of::<u32>()
    }
}
