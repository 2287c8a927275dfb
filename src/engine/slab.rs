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

/// Entries a slab keeps however empty it gets: cheap to hold, and no regrowth for the
/// ordinary ebb and flow of promises.
const KEEP_ENTRIES: usize = 1 << 16;

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

    /// How many ids the slab spans, free ones included: every id handed out is at most this.
    pub fn id_space(&self) -> usize {
        self.entries.len()
    }

    /// Gives back the memory of the free ids past the last live one (a burst's, once its
    /// promises are gone), down to [`KEEP_ENTRIES`]. The free ids left are reused lowest
    /// first, so that ids in use stay low and the next compaction finds more to give back.
    /// Costs a scan of the ids kept when it gives anything back, else a scan of the free
    /// ones at the end only.
    pub fn compact(&mut self) {
        let end = self
            .entries
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |last| last + 1);
        if end == self.entries.len() && self.entries.capacity() <= KEEP_ENTRIES.max(2 * end) {
            return;
        }
        self.entries.truncate(end);
        self.entries.shrink_to(KEEP_ENTRIES.max(end));
        self.free.clear();
        let entries = &self.entries;
        // Descending, so that `pop` hands out the lowest first.
        self.free.extend(
            (0..end as u32)
                .rev()
                .filter(|&index| entries[index as usize].is_none()),
        );
        self.free.shrink_to(KEEP_ENTRIES.max(self.free.len()));
    }

    /// Bytes the slab holds on the Rust heap, free slots included.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Option<Node>>()
            + self.free.capacity() * std::mem::size_of::<u32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compaction_gives_back_the_free_ids_past_the_last_live_one() {
        let mut slab = Slab::default();
        let ids: Vec<NodeId> = (0..300_000)
            .map(|_| slab.insert(Node::pending()).unwrap())
            .collect();
        let big = slab.heap_bytes();
        // Keep a few low ones and one in the middle; free the rest.
        let kept = [ids[0], ids[5], ids[100_000]];
        for &id in &ids {
            if !kept.contains(&id) {
                slab.remove(id).unwrap();
            }
        }
        slab.compact();
        assert_eq!(slab.id_space(), 100_001);
        assert!(
            slab.heap_bytes() < big / 2,
            "{} of {big} bytes kept",
            slab.heap_bytes()
        );
        assert_eq!(slab.live(), 3);
        for id in kept {
            assert!(slab.get(id).is_some(), "live id {id} survives");
        }
        // Freed ids below the last live one are reused, lowest first; none past the id space.
        assert_eq!(slab.insert(Node::pending()), Some(2));
        assert_eq!(slab.insert(Node::pending()), Some(3));
        assert!(slab.get(ids[200_000]).is_none());
        // Everything freed: down to the slab's floor.
        for id in kept.into_iter().chain([2, 3]) {
            slab.remove(id).unwrap();
        }
        slab.compact();
        assert_eq!(slab.id_space(), 0);
        assert_eq!(slab.live(), 0);
        assert!(slab.heap_bytes() <= KEEP_ENTRIES * (std::mem::size_of::<Option<Node>>() + 4));
        assert_eq!(slab.insert(Node::pending()), Some(1));
    }

    #[test]
    fn compaction_of_a_full_slab_changes_nothing() {
        let mut slab = Slab::default();
        let ids: Vec<NodeId> = (0..1000)
            .map(|_| slab.insert(Node::pending()).unwrap())
            .collect();
        slab.remove(ids[10]).unwrap();
        slab.compact();
        assert_eq!(slab.id_space(), 1000);
        assert_eq!(slab.insert(Node::pending()), Some(ids[10]));
    }
}
