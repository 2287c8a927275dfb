//! A reference model of the engine for property tests: the same operations written the
//! obvious way (a map of nodes, a `Vec` of reactions each, ids never reused), so that the
//! engine's slab, intrusive lists and id recycling can be checked against it.

use std::collections::{HashMap, VecDeque};

use super::core::{EngineError, Released, Result, SettleOutcome, ThenOutcome};
use super::node::{NodeId, State};
use super::queue::{Job, JobKind};

struct ModelNode {
    state: State,
    waiting: bool,
    unhandled: bool,
    reactions: Vec<NodeId>,
}

#[derive(Default)]
pub struct Model {
    next_id: NodeId,
    nodes: HashMap<NodeId, ModelNode>,
    queue: VecDeque<Job>,
}

fn kind_of(state: State) -> Result<JobKind> {
    match state {
        State::Fulfilled => Ok(JobKind::Fulfill),
        State::Rejected => Ok(JobKind::Reject),
        State::Pending => Err(EngineError::BadState(0)),
    }
}

impl Model {
    pub fn create(&mut self) -> Result<NodeId> {
        self.next_id += 1;
        let node = ModelNode {
            state: State::Pending,
            waiting: false,
            unhandled: false,
            reactions: Vec::new(),
        };
        self.nodes.insert(self.next_id, node);
        Ok(self.next_id)
    }

    fn pending_target(&mut self, target: NodeId) -> Result<NodeId> {
        if target == 0 {
            return self.create();
        }
        match self.nodes.get(&target) {
            None => Err(EngineError::NoNode(target)),
            Some(node) if node.state != State::Pending => Err(EngineError::NotPending(target)),
            Some(_) => Ok(target),
        }
    }

    pub fn then(&mut self, parent: NodeId, settled: State, target: NodeId) -> Result<ThenOutcome> {
        let parent_state = match parent {
            0 => settled,
            _ => {
                self.nodes
                    .get(&parent)
                    .ok_or(EngineError::NoNode(parent))?
                    .state
            }
        };
        if parent != 0 && parent_state == State::Pending {
            if target == parent {
                return Err(EngineError::SelfReaction(parent));
            }
            let target = self.pending_target(target)?;
            let node = self
                .nodes
                .get_mut(&target)
                .ok_or(EngineError::NoNode(target))?;
            if node.waiting {
                return Err(EngineError::AlreadyWaiting(target));
            }
            node.waiting = true;
            self.nodes
                .get_mut(&parent)
                .ok_or(EngineError::NoNode(parent))?
                .reactions
                .push(target);
            return Ok(ThenOutcome {
                target,
                enqueued: false,
                was_unhandled: false,
            });
        }
        let kind = kind_of(parent_state)?;
        let target = self.pending_target(target)?;
        self.queue.push_back(Job { kind, target });
        let was_unhandled = match parent {
            0 => false,
            _ => self
                .nodes
                .remove(&parent)
                .is_some_and(|node| node.unhandled),
        };
        Ok(ThenOutcome {
            target,
            enqueued: true,
            was_unhandled,
        })
    }

    pub fn settle(&mut self, id: NodeId, state: State) -> Result<SettleOutcome> {
        self.settle_reactions(id, state, true)
    }

    pub fn deliver(&mut self, id: NodeId) -> Result<u32> {
        Ok(self.settle_reactions(id, State::Fulfilled, false)?.jobs)
    }

    fn settle_reactions(&mut self, id: NodeId, state: State, queue: bool) -> Result<SettleOutcome> {
        let kind = kind_of(state)?;
        let node = self.nodes.get_mut(&id).ok_or(EngineError::NoNode(id))?;
        if node.state != State::Pending {
            return Err(EngineError::NotPending(id));
        }
        let reactions = std::mem::take(&mut node.reactions);
        let unhandled = state == State::Rejected && reactions.is_empty();
        if unhandled {
            node.state = State::Rejected;
            node.unhandled = true;
        } else {
            self.nodes.remove(&id);
        }
        for &target in &reactions {
            let mut kept_by_cancel = false;
            if let Some(node) = self.nodes.get_mut(&target) {
                node.waiting = false;
                kept_by_cancel = node.state != State::Pending;
            }
            if queue {
                self.queue.push_back(Job { kind, target });
            } else if kept_by_cancel {
                self.nodes.remove(&target);
            }
        }
        Ok(SettleOutcome {
            jobs: reactions.len() as u32,
            unhandled,
        })
    }

    pub fn link(&mut self, parent: NodeId, target: NodeId) -> Result<()> {
        let parent_node = self.nodes.get(&parent).ok_or(EngineError::NoNode(parent))?;
        if parent_node.state != State::Pending {
            return Err(EngineError::NotPending(parent));
        }
        if target == parent {
            return Err(EngineError::SelfReaction(parent));
        }
        if target == 0 {
            return Err(EngineError::NoNode(0));
        }
        self.then(parent, State::Pending, target).map(drop)
    }

    pub fn enqueue(&mut self, target: NodeId, state: State) -> Result<()> {
        if target == 0 {
            return Err(EngineError::NoNode(0));
        }
        self.then(0, state, target).map(drop)
    }

    pub fn settle_quietly(&mut self, id: NodeId, state: State) -> Result<()> {
        if state == State::Rejected {
            let node = self.nodes.get(&id).ok_or(EngineError::NoNode(id))?;
            if node.state == State::Pending && node.reactions.is_empty() {
                return Err(EngineError::NoReaction(id));
            }
        }
        self.settle(id, state).map(drop)
    }

    pub fn cancel(&mut self, id: NodeId, keep: bool) -> Result<u32> {
        let node = self.nodes.get_mut(&id).ok_or(EngineError::NoNode(id))?;
        if node.state != State::Pending {
            return Err(EngineError::NotPending(id));
        }
        let reactions = std::mem::take(&mut node.reactions);
        if keep {
            node.state = State::Rejected;
        } else {
            self.nodes.remove(&id);
        }
        for &target in &reactions {
            if let Some(node) = self.nodes.get_mut(&target) {
                node.waiting = false;
            }
            self.queue.push_back(Job {
                kind: JobKind::Reject,
                target,
            });
        }
        Ok(reactions.len() as u32)
    }

    pub fn discard(&mut self, id: NodeId) -> Result<()> {
        let node = self.nodes.get(&id).ok_or(EngineError::NoNode(id))?;
        if node.waiting {
            return Err(EngineError::AlreadyWaiting(id));
        }
        self.nodes.remove(&id);
        Ok(())
    }

    pub fn enqueue_element(&mut self, index: u32, state: State) -> Result<()> {
        let kind = match kind_of(state)? {
            JobKind::Fulfill => JobKind::ElementFulfilled,
            _ => JobKind::ElementRejected,
        };
        self.queue.push_back(Job {
            kind,
            target: index,
        });
        Ok(())
    }

    pub fn lock(&mut self, target: NodeId) -> Result<NodeId> {
        let target = self.pending_target(target)?;
        self.queue.push_back(Job {
            kind: JobKind::Thenable,
            target,
        });
        Ok(target)
    }

    pub fn release(&mut self, id: NodeId) -> Result<Released> {
        let node = self.nodes.get(&id).ok_or(EngineError::NoNode(id))?;
        if node.waiting {
            return Err(EngineError::AlreadyWaiting(id));
        }
        let mut released = Vec::new();
        self.release_tree(id, &mut released);
        released.remove(0);
        Ok(released)
    }

    fn release_tree(&mut self, id: NodeId, released: &mut Vec<NodeId>) {
        if let Some(node) = self.nodes.remove(&id) {
            released.push(id);
            for target in node.reactions {
                self.release_tree(target, released);
            }
        }
    }

    pub fn take_jobs(&mut self, max: usize, mut sink: impl FnMut(Job)) -> usize {
        let mut taken = 0;
        while taken < max {
            match self.queue.pop_front() {
                Some(job) => sink(job),
                None => break,
            }
            taken += 1;
        }
        taken
    }

    pub fn live_nodes(&self) -> usize {
        self.nodes.len()
    }
}
