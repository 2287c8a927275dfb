//! The engine's operations: what the JS surface asks of it, one call per promise operation.
//!
//! Life of a node: a promise gets a node only when something must be remembered about it in
//! Rust (a reaction waits on it, it is resolved to a thenable, or it was rejected with no
//! handler). The node is freed as soon as the promise settles, unless it settles rejected with
//! no reaction: then it stays, flagged unhandled, until a handler arrives or JS releases it.

use std::fmt;

use super::node::{Node, NodeId, State, LOCKED, UNHANDLED, WAITING};
use super::queue::{Job, JobKind, JobQueue};
use super::slab::Slab;

/// What went wrong. Every error is a misuse by the caller; none leaves the engine inconsistent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The id names no live node.
    NoNode(NodeId),
    /// The node was expected to be pending and is settled.
    NotPending(NodeId),
    /// The node is already waiting on another promise; a target waits on one at a time.
    AlreadyWaiting(NodeId),
    /// A settled state was required and `Pending` was given (or an unknown state number).
    BadState(u32),
    /// A promise cannot wait on itself.
    SelfReaction(NodeId),
    /// A settle sent without an answer (see [`Engine::settle_quietly`]) would leave an
    /// unhandled rejection nobody is told of: the node has no reaction.
    NoReaction(NodeId),
    /// The slab has handed out every id it can.
    Full,
    /// A ring was asked for with sizes out of range (see `ring::Layout::new`).
    BadRingSize,
    /// The host memory holding the ring is gone (its buffer was detached or collected).
    RingDetached,
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NoNode(id) => write!(f, "no engine node {id}"),
            EngineError::NotPending(id) => write!(f, "engine node {id} is already settled"),
            EngineError::AlreadyWaiting(id) => {
                write!(f, "engine node {id} already waits on a promise")
            }
            EngineError::BadState(raw) => write!(f, "{raw} is not a settled state"),
            EngineError::SelfReaction(id) => write!(f, "engine node {id} cannot wait on itself"),
            EngineError::NoReaction(id) => {
                write!(
                    f,
                    "engine node {id} was rejected quietly but has no reaction"
                )
            }
            EngineError::Full => write!(f, "too many live promises"),
            EngineError::BadRingSize => f.write_str(
                "ring sizes out of range: jobs a power of two up to 2^20, commands 2 to 2^16, spares up to 2^16",
            ),
            EngineError::RingDetached => f.write_str("the ring's buffer was detached or collected"),
        }
    }
}

impl std::error::Error for EngineError {}

pub type Result<T> = std::result::Result<T, EngineError>;

/// The answer to [`Engine::then`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThenOutcome {
    /// The reaction's target (newly allocated when none was given).
    pub target: NodeId,
    /// A job was enqueued because the parent had already settled.
    pub enqueued: bool,
    /// The parent was a rejection with no handler until now: JS reports it handled.
    pub was_unhandled: bool,
}

/// The answer to [`Engine::settle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettleOutcome {
    /// How many reaction jobs were enqueued, in reaction order.
    pub jobs: u32,
    /// The promise was rejected with no reaction: its node stays, tracked as unhandled.
    pub unhandled: bool,
}

/// The answer to [`Engine::release`]: targets that waited on the released node.
pub type Released = Vec<NodeId>;

#[derive(Default)]
pub struct Engine {
    slab: Slab,
    queue: JobQueue,
    unhandled: usize,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// A new pending node.
    pub fn create(&mut self) -> Result<NodeId> {
        self.slab.insert(Node::pending()).ok_or(EngineError::Full)
    }

    /// Registers a reaction of `target` (allocated when 0) on `parent`.
    ///
    /// `parent` 0 means the parent has no node: it is settled in `settled`, and the job is
    /// enqueued at once. A parent node that is still pending gets the target appended to its
    /// reactions; a settled one (only an unhandled rejection keeps its node) enqueues the job
    /// and is freed.
    pub fn then(&mut self, parent: NodeId, settled: State, target: NodeId) -> Result<ThenOutcome> {
        let (state, was_unhandled) = match parent {
            0 => (settled, false),
            _ => {
                let node = self.node(parent)?;
                (node.state, node.has(UNHANDLED))
            }
        };
        let kind = match state {
            State::Fulfilled => JobKind::Fulfill,
            State::Rejected => JobKind::Reject,
            State::Pending if parent == 0 => {
                return Err(EngineError::BadState(State::Pending as u32))
            }
            State::Pending => {
                if target == parent {
                    return Err(EngineError::SelfReaction(parent));
                }
                let target = self.waiting_target(target)?;
                self.append_reaction(parent, target);
                return Ok(ThenOutcome {
                    target,
                    enqueued: false,
                    was_unhandled: false,
                });
            }
        };
        let target = self.pending_target(target)?;
        self.queue.push(Job { kind, target });
        if parent != 0 {
            if was_unhandled {
                self.unhandled -= 1;
            }
            self.slab.remove(parent);
        }
        Ok(ThenOutcome {
            target,
            enqueued: true,
            was_unhandled,
        })
    }

    /// Appends `target` to the reactions of the pending node `parent`: what
    /// [`then`](Engine::then) does for a pending parent, for a caller that has both nodes and
    /// needs no answer.
    pub fn link(&mut self, parent: NodeId, target: NodeId) -> Result<()> {
        if self.node(parent)?.state != State::Pending {
            return Err(EngineError::NotPending(parent));
        }
        if target == parent {
            return Err(EngineError::SelfReaction(parent));
        }
        if target == 0 {
            return Err(EngineError::NoNode(0));
        }
        let target = self.waiting_target(target)?;
        self.append_reaction(parent, target);
        Ok(())
    }

    /// Moves every reaction of the pending node `from`, in order, to the end of the pending
    /// node `to`'s, and frees `from`: Bluebird's migration of a follower's callbacks onto the
    /// promise it follows, for a `from` that waits on nothing. Refused, with nothing changed,
    /// where it would make a cycle (`to` is `from`, or one of `from`'s targets).
    pub fn transfer(&mut self, from: NodeId, to: NodeId) -> Result<()> {
        if from == to {
            return Err(EngineError::SelfReaction(from));
        }
        let source = self.node(from)?;
        if source.state != State::Pending {
            return Err(EngineError::NotPending(from));
        }
        if source.has(WAITING) {
            return Err(EngineError::AlreadyWaiting(from));
        }
        let (head, tail) = (source.head, source.tail);
        if self.node(to)?.state != State::Pending {
            return Err(EngineError::NotPending(to));
        }
        let mut cursor = head;
        while cursor != 0 {
            if cursor == to {
                return Err(EngineError::SelfReaction(to));
            }
            cursor = self.node(cursor)?.next;
        }
        if head != 0 {
            match self.node(to)?.tail {
                0 => self.node_mut(to)?.head = head,
                last => self.node_mut(last)?.next = head,
            }
            self.node_mut(to)?.tail = tail;
        }
        self.slab.remove(from);
        Ok(())
    }

    /// Enqueues a reaction job of `kind` for the pending node `target`, whose parent has no
    /// node (it settled with nothing waiting): what [`then`](Engine::then) does with parent 0,
    /// for a caller that has the target's node and needs no answer.
    pub fn enqueue(&mut self, target: NodeId, state: State) -> Result<()> {
        if target == 0 {
            return Err(EngineError::NoNode(0));
        }
        self.then(0, state, target).map(drop)
    }

    /// Enqueues the job of element `index` of a collection, whose promise settled with
    /// `state` and never had a node: the element was its only reaction, and JS held it on the
    /// promise (`Promise.all` of pending promises, `map`'s mapper results). Only the job's place
    /// in the queue is the engine's; the index is JS's, handed back in the job.
    pub fn enqueue_element(&mut self, index: u32, state: State) -> Result<()> {
        let kind = match state {
            State::Fulfilled => JobKind::ElementFulfilled,
            State::Rejected => JobKind::ElementRejected,
            State::Pending => return Err(EngineError::BadState(state as u32)),
        };
        self.queue.push(Job {
            kind,
            target: index,
        });
        Ok(())
    }

    /// Settles a pending node: its reactions become jobs, in the order they were registered.
    pub fn settle(&mut self, id: NodeId, state: State) -> Result<SettleOutcome> {
        self.settle_reactions(id, state, true)
    }

    /// Fulfils a pending node whose reactions' jobs the caller runs at once, instead of the
    /// queue (Bluebird's async-guaranteed promises): they are unlinked as a settle unlinks
    /// them, and the targets stay pending, as when their jobs have been taken; a target kept
    /// by [`cancel`](Engine::cancel), whose job would only have freed it, is freed. Returns
    /// how many there were.
    pub fn deliver(&mut self, id: NodeId) -> Result<u32> {
        Ok(self.settle_reactions(id, State::Fulfilled, false)?.jobs)
    }

    fn settle_reactions(&mut self, id: NodeId, state: State, queue: bool) -> Result<SettleOutcome> {
        let kind = match state {
            State::Fulfilled => JobKind::Fulfill,
            State::Rejected => JobKind::Reject,
            State::Pending => return Err(EngineError::BadState(state as u32)),
        };
        let node = self.slab.get(id).ok_or(EngineError::NoNode(id))?;
        if node.state != State::Pending {
            return Err(EngineError::NotPending(id));
        }
        let mut jobs = 0;
        let mut cursor = node.head;
        while cursor != 0 {
            let target = self
                .slab
                .get_mut(cursor)
                .ok_or(EngineError::NoNode(cursor))?;
            target.flags &= !WAITING;
            let next = std::mem::take(&mut target.next);
            let kept_by_cancel = target.state != State::Pending;
            if queue {
                self.queue.push(Job {
                    kind,
                    target: cursor,
                });
            } else if kept_by_cancel {
                self.slab.remove(cursor);
            }
            jobs += 1;
            cursor = next;
        }
        let unhandled = state == State::Rejected && jobs == 0;
        if unhandled {
            let node = self.node_mut(id)?;
            node.state = State::Rejected;
            node.flags |= UNHANDLED;
            node.head = 0;
            node.tail = 0;
            self.unhandled += 1;
        } else {
            self.slab.remove(id);
        }
        Ok(SettleOutcome { jobs, unhandled })
    }

    /// [`settle`](Engine::settle) for a caller that will not read the outcome: it knows the
    /// jobs (the node's reactions). A rejection with no reaction is refused, untouched: it
    /// would be tracked as unhandled without the caller knowing.
    pub fn settle_quietly(&mut self, id: NodeId, state: State) -> Result<()> {
        if state == State::Rejected {
            let node = self.node(id)?;
            if node.state == State::Pending && node.head == 0 {
                return Err(EngineError::NoReaction(id));
            }
        }
        self.settle(id, state).map(drop)
    }

    /// A node for a promise rejected before anything observed it: tracked as unhandled.
    pub fn reject_unobserved(&mut self) -> Result<NodeId> {
        let id = self.create()?;
        self.settle(id, State::Rejected)?;
        Ok(id)
    }

    /// Resolves `target` (allocated when 0) to a thenable: enqueues its thenable job.
    /// Cancels a pending node (Bluebird's cancellation): each reaction becomes a reject job,
    /// and the node is never tracked as unhandled. A node that JS still expects a job for
    /// (it waits on a promise, or its thenable job is queued) stays allocated, settled and
    /// with no reactions, until that job arrives and JS [`discard`](Engine::discard)s it;
    /// freeing it now would leave a dangling link in its parent's list.
    pub fn cancel(&mut self, id: NodeId, keep: bool) -> Result<u32> {
        let node = self.node(id)?;
        if node.state != State::Pending {
            return Err(EngineError::NotPending(id));
        }
        let mut jobs = 0;
        let mut cursor = node.head;
        while cursor != 0 {
            let target = self.node_mut(cursor)?;
            target.flags &= !WAITING;
            let next = std::mem::take(&mut target.next);
            self.queue.push(Job {
                kind: JobKind::Reject,
                target: cursor,
            });
            jobs += 1;
            cursor = next;
        }
        if keep {
            let node = self.node_mut(id)?;
            node.state = State::Rejected;
            node.head = 0;
            node.tail = 0;
        } else {
            self.slab.remove(id);
        }
        Ok(jobs)
    }

    /// Frees a node kept by [`cancel`](Engine::cancel) once its last job has arrived.
    pub fn discard(&mut self, id: NodeId) -> Result<()> {
        let node = self.node(id)?;
        if node.has(WAITING) {
            return Err(EngineError::AlreadyWaiting(id));
        }
        if node.has(UNHANDLED) {
            self.unhandled -= 1;
        }
        self.slab.remove(id);
        Ok(())
    }

    pub fn lock(&mut self, target: NodeId) -> Result<NodeId> {
        let target = self.pending_target(target)?;
        self.node_mut(target)?.flags |= LOCKED;
        self.queue.push(Job {
            kind: JobKind::Thenable,
            target,
        });
        Ok(target)
    }

    /// Frees a node whose promise can no longer be reached from JS, and with it every node
    /// that waits on it, directly or through others: nothing can settle them any more. Returns
    /// the freed waiters' ids, parents before children, so JS can mark their promises dead.
    pub fn release(&mut self, id: NodeId) -> Result<Released> {
        let node = self.slab.get(id).ok_or(EngineError::NoNode(id))?;
        if node.has(WAITING) {
            return Err(EngineError::AlreadyWaiting(id));
        }
        let mut released = Vec::new();
        let mut freeing = vec![id];
        while let Some(next) = freeing.pop() {
            let Some(node) = self.slab.remove(next) else {
                continue;
            };
            if node.has(UNHANDLED) {
                self.unhandled -= 1;
            }
            if next != id {
                released.push(next);
            }
            let mut cursor = node.head;
            let first_child = freeing.len();
            while cursor != 0 {
                freeing.push(cursor);
                cursor = self.slab.get(cursor).map_or(0, |target| target.next);
            }
            freeing[first_child..].reverse();
        }
        Ok(released)
    }

    /// Moves up to `max` jobs from the head of the queue into `sink`, in order.
    pub fn take_jobs(&mut self, max: usize, mut sink: impl FnMut(Job)) -> usize {
        let mut taken = 0;
        while taken < max {
            match self.queue.pop() {
                Some(job) => sink(job),
                None => break,
            }
            taken += 1;
        }
        taken
    }

    pub fn state(&self, id: NodeId) -> Option<State> {
        self.slab.get(id).map(|node| node.state)
    }

    /// Where node `id` is in memory, for a caller that prefetches nodes ahead of a batch of
    /// operations on them (the binding, over the ring's commands). Settles, links and discards
    /// of unrelated nodes each start with a load from the slab, a cache miss in a large one.
    pub fn node_address(&self, id: NodeId) -> Option<*const u8> {
        self.slab.address(id)
    }

    /// The first target waiting on node `id` (0: none, or no such node): the second load of a
    /// settle, for the same prefetching.
    pub fn first_reaction(&self, id: NodeId) -> NodeId {
        self.slab.get(id).map_or(0, |node| node.head)
    }

    /// Whether anything waits on the node (Bluebird's forgotten-return warning asks).
    pub fn has_reactions(&self, id: NodeId) -> bool {
        self.slab.get(id).is_some_and(|node| node.head != 0)
    }

    pub fn is_locked(&self, id: NodeId) -> bool {
        self.slab.get(id).is_some_and(|node| node.has(LOCKED))
    }

    /// Live nodes: pending promises that something waits on, plus unhandled rejections.
    /// The ids the engine spans (at most this many): the length JS's tables by id need.
    pub fn id_space(&self) -> usize {
        self.slab.id_space()
    }

    /// Gives back the memory of the ids past the last live node (Slab::compact).
    pub fn compact(&mut self) {
        self.slab.compact();
        self.queue.shrink();
    }

    pub fn live_nodes(&self) -> usize {
        self.slab.live()
    }

    /// Bytes the engine holds on the Rust heap (nodes and queued jobs).
    pub fn heap_bytes(&self) -> usize {
        self.slab.heap_bytes() + self.queue.heap_bytes()
    }

    pub fn queued_jobs(&self) -> usize {
        self.queue.len()
    }

    pub fn unhandled_count(&self) -> usize {
        self.unhandled
    }

    fn node(&self, id: NodeId) -> Result<&Node> {
        self.slab.get(id).ok_or(EngineError::NoNode(id))
    }

    fn node_mut(&mut self, id: NodeId) -> Result<&mut Node> {
        self.slab.get_mut(id).ok_or(EngineError::NoNode(id))
    }

    /// The target of a new job: a given pending node, or a new one.
    fn pending_target(&mut self, target: NodeId) -> Result<NodeId> {
        if target == 0 {
            return self.create();
        }
        if self.node(target)?.state != State::Pending {
            return Err(EngineError::NotPending(target));
        }
        Ok(target)
    }

    /// The target of a new reaction: pending, and waiting on nothing else.
    fn waiting_target(&mut self, target: NodeId) -> Result<NodeId> {
        let target = self.pending_target(target)?;
        if self.node(target)?.has(WAITING) {
            return Err(EngineError::AlreadyWaiting(target));
        }
        Ok(target)
    }

    fn append_reaction(&mut self, parent: NodeId, target: NodeId) {
        let tail = match self.slab.get(parent) {
            Some(node) => node.tail,
            None => return,
        };
        if let Some(node) = self.slab.get_mut(target) {
            node.flags |= WAITING;
            node.next = 0;
        }
        if tail == 0 {
            if let Some(node) = self.slab.get_mut(parent) {
                node.head = target;
            }
        } else if let Some(node) = self.slab.get_mut(tail) {
            node.next = target;
        }
        if let Some(node) = self.slab.get_mut(parent) {
            node.tail = target;
        }
    }
}
