//! Engine tests: each operation's contract, then random programs run on the engine and on the
//! reference [`Model`] with the same observable results (outcomes, job order, live nodes).

use std::collections::HashMap;

use proptest::prelude::*;

use super::core::{Engine, EngineError, Released, Result, SettleOutcome, ThenOutcome};
use super::model::Model;
use super::node::{NodeId, State};
use super::queue::{Job, JobKind};

fn drain(engine: &mut Engine) -> Vec<Job> {
    let mut jobs = Vec::new();
    engine.take_jobs(usize::MAX, |job| jobs.push(job));
    jobs
}

fn job(kind: JobKind, target: NodeId) -> Job {
    Job { kind, target }
}

#[test]
fn reactions_run_in_registration_order() {
    let mut engine = Engine::new();
    let parent = engine.create().unwrap();
    let a = engine.then(parent, State::Pending, 0).unwrap();
    let b = engine.then(parent, State::Pending, 0).unwrap();
    let c = engine.then(parent, State::Pending, 0).unwrap();
    assert!(!a.enqueued && !b.enqueued && !c.enqueued);
    assert_eq!(engine.queued_jobs(), 0);
    let outcome = engine.settle(parent, State::Fulfilled).unwrap();
    assert_eq!(
        outcome,
        SettleOutcome {
            jobs: 3,
            unhandled: false
        }
    );
    let order: Vec<_> = drain(&mut engine).into_iter().map(|j| j.target).collect();
    assert_eq!(order, vec![a.target, b.target, c.target]);
}

#[test]
fn link_appends_like_then_on_a_pending_parent_and_refuses_what_then_refuses() {
    let mut engine = Engine::new();
    let parent = engine.create().unwrap();
    let first = engine.create().unwrap();
    let second = engine.create().unwrap();
    engine.link(parent, first).unwrap();
    let third = engine.then(parent, State::Pending, 0).unwrap().target;
    engine.link(parent, second).unwrap();
    assert_eq!(
        engine.link(parent, first),
        Err(EngineError::AlreadyWaiting(first))
    );
    assert_eq!(
        engine.link(parent, parent),
        Err(EngineError::SelfReaction(parent))
    );
    assert_eq!(engine.link(parent, 0), Err(EngineError::NoNode(0)));
    assert_eq!(engine.settle(parent, State::Fulfilled).unwrap().jobs, 3);
    let order: Vec<_> = drain(&mut engine).into_iter().map(|j| j.target).collect();
    assert_eq!(order, vec![first, third, second]);
    let done = engine.create().unwrap();
    engine.settle(done, State::Fulfilled).unwrap();
    let settled = engine.reject_unobserved().unwrap();
    let target = engine.create().unwrap();
    assert_eq!(
        engine.link(settled, target),
        Err(EngineError::NotPending(settled))
    );
}

#[test]
fn enqueue_is_then_on_a_settled_parent_with_no_node() {
    let mut engine = Engine::new();
    let target = engine.create().unwrap();
    engine.enqueue(target, State::Rejected).unwrap();
    assert_eq!(drain(&mut engine), vec![job(JobKind::Reject, target)]);
    assert_eq!(
        engine.enqueue(0, State::Fulfilled),
        Err(EngineError::NoNode(0))
    );
    assert_eq!(
        engine.enqueue(target, State::Pending),
        Err(EngineError::BadState(0))
    );
    let settled = engine.reject_unobserved().unwrap();
    assert_eq!(
        engine.enqueue(settled, State::Fulfilled),
        Err(EngineError::NotPending(settled))
    );
}

#[test]
fn an_element_job_carries_its_index_in_queue_order_and_takes_no_node() {
    let mut engine = Engine::new();
    let parent = engine.create().unwrap();
    let child = engine.create().unwrap();
    engine.link(parent, child).unwrap();
    engine.enqueue_element(7, State::Rejected).unwrap();
    engine.settle(parent, State::Fulfilled).unwrap();
    engine.enqueue_element(0, State::Fulfilled).unwrap();
    assert_eq!(
        drain(&mut engine),
        vec![
            job(JobKind::ElementRejected, 7),
            job(JobKind::Fulfill, child),
            job(JobKind::ElementFulfilled, 0),
        ]
    );
    assert_eq!(engine.live_nodes(), 1, "only the child's node");
    assert_eq!(
        engine.enqueue_element(1, State::Pending),
        Err(EngineError::BadState(0))
    );
    assert_eq!(engine.queued_jobs(), 0);
}

#[test]
fn then_on_a_settled_promise_enqueues_at_once() {
    let mut engine = Engine::new();
    let outcome = engine.then(0, State::Rejected, 0).unwrap();
    assert!(outcome.enqueued && !outcome.was_unhandled);
    assert_eq!(
        drain(&mut engine),
        vec![job(JobKind::Reject, outcome.target)]
    );
}

#[test]
fn then_on_a_nodeless_pending_promise_is_refused() {
    let mut engine = Engine::new();
    assert_eq!(
        engine.then(0, State::Pending, 0),
        Err(EngineError::BadState(0))
    );
    assert_eq!(engine.live_nodes(), 0);
}

#[test]
fn settled_nodes_are_freed_and_ids_recycled() {
    let mut engine = Engine::new();
    let first = engine.create().unwrap();
    engine.settle(first, State::Fulfilled).unwrap();
    assert_eq!(engine.live_nodes(), 0);
    assert_eq!(engine.state(first), None);
    assert_eq!(engine.create().unwrap(), first);
}

#[test]
fn settling_twice_is_an_error_not_a_panic() {
    let mut engine = Engine::new();
    let id = engine.reject_unobserved().unwrap();
    assert_eq!(
        engine.settle(id, State::Fulfilled),
        Err(EngineError::NotPending(id))
    );
    assert_eq!(
        engine.settle(99, State::Fulfilled),
        Err(EngineError::NoNode(99))
    );
    assert_eq!(
        engine.settle(id, State::Pending),
        Err(EngineError::BadState(0))
    );
}

#[test]
fn a_rejection_without_reactions_is_tracked_until_handled() {
    let mut engine = Engine::new();
    let id = engine.create().unwrap();
    let outcome = engine.settle(id, State::Rejected).unwrap();
    assert!(outcome.unhandled);
    assert_eq!(engine.unhandled_count(), 1);
    assert_eq!(engine.state(id), Some(State::Rejected));
    let handled = engine.then(id, State::Pending, 0).unwrap();
    assert!(handled.enqueued && handled.was_unhandled);
    assert_eq!(engine.unhandled_count(), 0);
    assert_eq!(engine.live_nodes(), 1, "only the new target remains");
}

#[test]
fn a_quiet_settle_refuses_a_rejection_nobody_would_hear_of() {
    let mut engine = Engine::new();
    let lonely = engine.create().unwrap();
    assert_eq!(
        engine.settle_quietly(lonely, State::Rejected),
        Err(EngineError::NoReaction(lonely))
    );
    assert_eq!(engine.state(lonely), Some(State::Pending), "left untouched");
    assert_eq!(engine.unhandled_count(), 0);
    engine.settle_quietly(lonely, State::Fulfilled).unwrap();
    assert_eq!(engine.live_nodes(), 0);
    let parent = engine.create().unwrap();
    let reaction = engine.then(parent, State::Pending, 0).unwrap();
    engine.settle_quietly(parent, State::Rejected).unwrap();
    assert_eq!(
        drain(&mut engine),
        vec![job(JobKind::Reject, reaction.target)]
    );
}

#[test]
fn a_rejection_with_reactions_is_not_tracked() {
    let mut engine = Engine::new();
    let id = engine.create().unwrap();
    engine.then(id, State::Pending, 0).unwrap();
    assert!(!engine.settle(id, State::Rejected).unwrap().unhandled);
    assert_eq!(engine.unhandled_count(), 0);
}

#[test]
fn lock_enqueues_a_thenable_job_and_keeps_the_node_pending() {
    let mut engine = Engine::new();
    let target = engine.lock(0).unwrap();
    assert!(engine.is_locked(target));
    assert_eq!(engine.state(target), Some(State::Pending));
    assert_eq!(drain(&mut engine), vec![job(JobKind::Thenable, target)]);
    let source = engine.create().unwrap();
    engine.then(source, State::Pending, target).unwrap();
    engine.settle(source, State::Fulfilled).unwrap();
    assert_eq!(drain(&mut engine), vec![job(JobKind::Fulfill, target)]);
}

#[test]
fn a_target_waits_on_one_promise_at_a_time() {
    let mut engine = Engine::new();
    let a = engine.create().unwrap();
    let b = engine.create().unwrap();
    let target = engine.then(a, State::Pending, 0).unwrap().target;
    assert_eq!(
        engine.then(b, State::Pending, target),
        Err(EngineError::AlreadyWaiting(target))
    );
    assert_eq!(
        engine.then(a, State::Pending, a),
        Err(EngineError::SelfReaction(a))
    );
}

#[test]
fn release_frees_everything_that_waits_on_the_node() {
    let mut engine = Engine::new();
    let root = engine.create().unwrap();
    let a = engine.then(root, State::Pending, 0).unwrap().target;
    let b = engine.then(root, State::Pending, 0).unwrap().target;
    assert_eq!(engine.release(a), Err(EngineError::AlreadyWaiting(a)));
    let a1 = engine.then(a, State::Pending, 0).unwrap().target;
    assert_eq!(engine.release(root).unwrap(), vec![a, a1, b]);
    assert_eq!(engine.live_nodes(), 0);
    assert_eq!(engine.release(a), Err(EngineError::NoNode(a)));
}

#[test]
fn cancel_rejects_the_reactions_and_never_tracks_unhandled() {
    let mut engine = Engine::new();
    let root = engine.create().unwrap();
    let a = engine.then(root, State::Pending, 0).unwrap().target;
    let b = engine.then(root, State::Pending, 0).unwrap().target;
    assert!(engine.has_reactions(root));
    assert!(!engine.has_reactions(a));
    assert_eq!(engine.cancel(root, false), Ok(2));
    assert_eq!(
        drain(&mut engine),
        vec![job(JobKind::Reject, a), job(JobKind::Reject, b)]
    );
    assert_eq!(engine.unhandled_count(), 0);
    assert_eq!(engine.state(root), None);
    assert_eq!(engine.cancel(root, false), Err(EngineError::NoNode(root)));
}

#[test]
fn a_kept_cancelled_node_stays_linked_until_discarded() {
    let mut engine = Engine::new();
    let root = engine.create().unwrap();
    let waiter = engine.then(root, State::Pending, 0).unwrap().target;
    let child = engine.then(waiter, State::Pending, 0).unwrap().target;
    assert_eq!(engine.cancel(waiter, true), Ok(1));
    assert_eq!(drain(&mut engine), vec![job(JobKind::Reject, child)]);
    assert_eq!(engine.state(waiter), Some(State::Rejected));
    assert_eq!(
        engine.discard(waiter),
        Err(EngineError::AlreadyWaiting(waiter))
    );
    // The parent's settlement still reaches the kept node: its job is how JS learns to
    // discard it.
    assert_eq!(engine.settle(root, State::Fulfilled).unwrap().jobs, 1);
    assert_eq!(drain(&mut engine), vec![job(JobKind::Fulfill, waiter)]);
    engine.settle(child, State::Fulfilled).unwrap();
    assert_eq!(engine.discard(waiter), Ok(()));
    assert_eq!(engine.live_nodes(), 0);
    assert_eq!(engine.unhandled_count(), 0);
}

#[test]
fn deliver_frees_a_kept_cancelled_target_and_leaves_the_others_pending() {
    let mut engine = Engine::new();
    let root = engine.create().unwrap();
    let live = engine.then(root, State::Pending, 0).unwrap().target;
    let cancelled = engine.then(root, State::Pending, 0).unwrap().target;
    assert_eq!(engine.cancel(cancelled, true), Ok(0));
    // Delivered at once, no job: the cancelled target would only have been discarded.
    assert_eq!(engine.deliver(root), Ok(2));
    assert_eq!(drain(&mut engine), vec![]);
    assert_eq!(engine.state(cancelled), None);
    assert_eq!(engine.state(live), Some(State::Pending));
    engine.settle(live, State::Fulfilled).unwrap();
    assert_eq!(engine.live_nodes(), 0);
}

#[test]
fn take_jobs_moves_at_most_max() {
    let mut engine = Engine::new();
    let parent = engine.create().unwrap();
    for _ in 0..5 {
        engine.then(parent, State::Pending, 0).unwrap();
    }
    engine.settle(parent, State::Fulfilled).unwrap();
    let mut seen = 0;
    assert_eq!(engine.take_jobs(3, |_| seen += 1), 3);
    assert_eq!(engine.take_jobs(3, |_| seen += 1), 2);
    assert_eq!(seen, 5);
}

#[test]
fn a_million_reactions_settle_without_recursion() {
    let mut engine = Engine::new();
    let parent = engine.create().unwrap();
    for _ in 0..1_000_000 {
        engine.then(parent, State::Pending, 0).unwrap();
    }
    assert_eq!(
        engine.settle(parent, State::Fulfilled).unwrap().jobs,
        1_000_000
    );
    assert_eq!(engine.queued_jobs(), 1_000_000);
}

/// The engine and the model behind one interface, so one driver runs both.
trait Api {
    fn create(&mut self) -> Result<NodeId>;
    fn then(&mut self, parent: NodeId, settled: State, target: NodeId) -> Result<ThenOutcome>;
    fn settle(&mut self, id: NodeId, state: State) -> Result<SettleOutcome>;
    fn deliver(&mut self, id: NodeId) -> Result<u32>;
    fn lock(&mut self, target: NodeId) -> Result<NodeId>;
    fn enqueue_element(&mut self, index: u32, state: State) -> Result<()>;
    fn link(&mut self, parent: NodeId, target: NodeId) -> Result<()>;
    fn enqueue(&mut self, target: NodeId, state: State) -> Result<()>;
    fn settle_quietly(&mut self, id: NodeId, state: State) -> Result<()>;
    fn cancel(&mut self, id: NodeId, keep: bool) -> Result<u32>;
    fn discard(&mut self, id: NodeId) -> Result<()>;
    fn release(&mut self, id: NodeId) -> Result<Released>;
    fn take_job(&mut self) -> Option<Job>;
    fn live_nodes(&self) -> usize;
}

macro_rules! impl_api {
    ($ty:ty) => {
        impl Api for $ty {
            fn create(&mut self) -> Result<NodeId> {
                <$ty>::create(self)
            }
            fn then(
                &mut self,
                parent: NodeId,
                settled: State,
                target: NodeId,
            ) -> Result<ThenOutcome> {
                <$ty>::then(self, parent, settled, target)
            }
            fn settle(&mut self, id: NodeId, state: State) -> Result<SettleOutcome> {
                <$ty>::settle(self, id, state)
            }
            fn deliver(&mut self, id: NodeId) -> Result<u32> {
                <$ty>::deliver(self, id)
            }
            fn lock(&mut self, target: NodeId) -> Result<NodeId> {
                <$ty>::lock(self, target)
            }
            fn enqueue_element(&mut self, index: u32, state: State) -> Result<()> {
                <$ty>::enqueue_element(self, index, state)
            }
            fn link(&mut self, parent: NodeId, target: NodeId) -> Result<()> {
                <$ty>::link(self, parent, target)
            }
            fn enqueue(&mut self, target: NodeId, state: State) -> Result<()> {
                <$ty>::enqueue(self, target, state)
            }
            fn settle_quietly(&mut self, id: NodeId, state: State) -> Result<()> {
                <$ty>::settle_quietly(self, id, state)
            }
            fn cancel(&mut self, id: NodeId, keep: bool) -> Result<u32> {
                <$ty>::cancel(self, id, keep)
            }
            fn discard(&mut self, id: NodeId) -> Result<()> {
                <$ty>::discard(self, id)
            }
            fn release(&mut self, id: NodeId) -> Result<Released> {
                <$ty>::release(self, id)
            }
            fn take_job(&mut self) -> Option<Job> {
                let mut taken = None;
                <$ty>::take_jobs(self, 1, |job| taken = Some(job));
                taken
            }
            fn live_nodes(&self) -> usize {
                <$ty>::live_nodes(self)
            }
        }
    };
}

impl_api!(Engine);
impl_api!(Model);

/// One step of a random program; promise operands are indices into the handles made so far.
#[derive(Clone, Debug)]
enum Op {
    New,
    Then(usize),
    Settle(usize, bool),
    Adopt(usize, usize),
    RunJob(bool),
    Release(usize),
    /// A collection element settles on a promise with no node (`Promise.all`'s pending inputs).
    Element(u16, bool),
    /// Bluebird's cancellation of a pending promise.
    Cancel(usize),
    /// An async-guaranteed promise is fulfilled and its reactions run at once, outside the
    /// queue (Bluebird's timing).
    Deliver(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::New),
        4 => any::<usize>().prop_map(Op::Then),
        3 => (any::<usize>(), any::<bool>()).prop_map(|(h, f)| Op::Settle(h, f)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(h, s)| Op::Adopt(h, s)),
        5 => any::<bool>().prop_map(Op::RunJob),
        1 => any::<usize>().prop_map(Op::Release),
        1 => (any::<u16>(), any::<bool>()).prop_map(|(i, f)| Op::Element(i, f)),
        1 => any::<usize>().prop_map(Op::Cancel),
        1 => any::<usize>().prop_map(Op::Deliver),
    ]
}

/// What JS would know of one promise.
#[derive(Clone)]
struct Handle {
    id: NodeId,
    state: State,
    /// Settled or locked by its resolvers, or a `then` child (only its job settles it).
    resolved: bool,
    /// The promise whose reaction list holds it; JS keeps such a promise reachable.
    waits_on: Option<usize>,
    /// A job targeting it is queued; JS keeps such a promise reachable too.
    queued: bool,
    /// Collected by the GC (released): no further operation names it.
    gone: bool,
    /// Nothing in the engine keeps it reachable: made by `new`.
    root: bool,
    /// Cancelled: a job still due for it is discarded when it comes.
    cancelled: bool,
}

/// Events a run produces; engine and model must produce the same list.
#[derive(Debug, PartialEq)]
enum Event {
    Then(usize, bool, bool),
    Settle(usize, u32, bool),
    Job(JobKind, usize),
    Element(JobKind, u32),
    Released(usize, Vec<usize>),
    Cancel(usize, u32),
    Live(usize),
}

/// Plays a program the way the JS surface drives the engine.
struct Driver<A: Api> {
    api: A,
    handles: Vec<Handle>,
    by_id: HashMap<NodeId, usize>,
    adoptions: HashMap<usize, usize>,
    events: Vec<Event>,
}

impl<A: Api> Driver<A> {
    fn new(api: A) -> Self {
        Driver {
            api,
            handles: Vec::new(),
            by_id: HashMap::new(),
            adoptions: HashMap::new(),
            events: Vec::new(),
        }
    }

    fn pick(&self, raw: usize) -> Option<usize> {
        let live: Vec<usize> = (0..self.handles.len())
            .filter(|&h| !self.handles[h].gone)
            .collect();
        (!live.is_empty()).then(|| live[raw % live.len()])
    }

    fn add(&mut self, id: NodeId, resolved: bool) -> usize {
        let handle = self.handles.len();
        let root = !resolved;
        self.handles.push(Handle {
            id,
            state: State::Pending,
            resolved,
            waits_on: None,
            queued: false,
            gone: false,
            root,
            cancelled: false,
        });
        if id != 0 {
            self.by_id.insert(id, handle);
        }
        handle
    }

    fn forget_node(&mut self, h: usize) {
        let id = std::mem::take(&mut self.handles[h].id);
        self.by_id.remove(&id);
    }

    /// `then` with `target` as the reaction's promise (a new child when None), the way the
    /// runtime sends it: a pending parent by a link command (nodes from the spares), a settled
    /// parent with no node by an enqueue command, and only an unhandled rejection (a settled
    /// parent with a node) by the `then` call.
    fn react(&mut self, parent: usize, target: Option<usize>) {
        let target_id = target.map_or(0, |t| self.handles[t].id);
        let p = self.handles[parent].clone();
        let outcome = if p.state == State::Pending {
            let parent_id = if p.id == 0 {
                let id = self.api.create().unwrap();
                self.handles[parent].id = id;
                self.by_id.insert(id, parent);
                id
            } else {
                p.id
            };
            let target_id = if target_id == 0 {
                self.api.create().unwrap()
            } else {
                target_id
            };
            self.api.link(parent_id, target_id).unwrap();
            ThenOutcome {
                target: target_id,
                enqueued: false,
                was_unhandled: false,
            }
        } else if p.id == 0 {
            let target_id = if target_id == 0 {
                self.api.create().unwrap()
            } else {
                target_id
            };
            self.api.enqueue(target_id, p.state).unwrap();
            ThenOutcome {
                target: target_id,
                enqueued: true,
                was_unhandled: false,
            }
        } else {
            self.api.then(p.id, p.state, target_id).unwrap()
        };
        let p = self.handles[parent].clone();
        let target = match target {
            Some(t) => t,
            None => self.add(outcome.target, true),
        };
        if outcome.enqueued {
            self.handles[target].queued = true;
        } else {
            self.handles[target].waits_on = Some(parent);
        }
        if outcome.enqueued && p.id != 0 {
            self.forget_node(parent);
        }
        self.events
            .push(Event::Then(target, outcome.enqueued, outcome.was_unhandled));
    }

    fn settle(&mut self, h: usize, state: State) {
        self.handles[h].state = state;
        self.handles[h].resolved = true;
        let id = self.handles[h].id;
        if id == 0 {
            if state == State::Rejected {
                let id = self.api.create().unwrap();
                let outcome = self.api.settle(id, state).unwrap();
                self.handles[h].id = id;
                self.by_id.insert(id, h);
                self.events
                    .push(Event::Settle(h, outcome.jobs, outcome.unhandled));
            }
            return;
        }
        // The runtime knows the node's reactions (the promises waiting on it): with some, or
        // fulfilled, it sends a quiet settle command; only a rejection nothing waits on
        // (unhandled) makes the call.
        let waiters = self
            .handles
            .iter()
            .filter(|handle| handle.waits_on == Some(h))
            .count() as u32;
        let outcome = if waiters > 0 || state == State::Fulfilled {
            self.api.settle_quietly(id, state).unwrap();
            SettleOutcome {
                jobs: waiters,
                unhandled: false,
            }
        } else {
            self.api.settle(id, state).unwrap()
        };
        if !outcome.unhandled {
            self.forget_node(h);
        }
        for handle in &mut self.handles {
            if handle.waits_on == Some(h) {
                handle.waits_on = None;
                handle.queued = true;
            }
        }
        self.events
            .push(Event::Settle(h, outcome.jobs, outcome.unhandled));
    }

    /// Whether the GC could collect this promise with its node still live: nothing in the
    /// engine or a queued job refers to it, and it can still change or be observed.
    fn collectable(&self, h: usize) -> bool {
        let handle = &self.handles[h];
        handle.root
            && handle.waits_on.is_none()
            && !handle.queued
            && handle.id != 0
            && !self.adoptions.contains_key(&h)
            && !self.adoptions.values().any(|&source| source == h)
    }

    fn step(&mut self, op: &Op) {
        match *op {
            Op::New => {
                self.add(0, false);
            }
            Op::Then(raw) => {
                if let Some(h) = self.pick(raw) {
                    self.react(h, None);
                }
            }
            Op::Settle(raw, fulfil) => match self.pick(raw) {
                Some(h) if !self.handles[h].resolved => self.settle(
                    h,
                    if fulfil {
                        State::Fulfilled
                    } else {
                        State::Rejected
                    },
                ),
                _ => {}
            },
            Op::Adopt(raw, raw_source) => match (self.pick(raw), self.pick(raw_source)) {
                (Some(h), Some(source)) if !self.handles[h].resolved && h != source => {
                    self.handles[h].resolved = true;
                    let id = self.api.lock(self.handles[h].id).unwrap();
                    self.handles[h].id = id;
                    self.handles[h].queued = true;
                    self.by_id.insert(id, h);
                    self.adoptions.insert(h, source);
                }
                _ => {}
            },
            Op::RunJob(flip) => {
                let Some(job) = self.api.take_job() else {
                    return;
                };
                if job.kind.is_element() {
                    self.events.push(Event::Element(job.kind, job.target));
                    return;
                }
                let target = self.by_id[&job.target];
                self.handles[target].queued = false;
                self.events.push(Event::Job(job.kind, target));
                if self.handles[target].cancelled {
                    // Cancelled while this job was due: the node was kept for it.
                    self.api.discard(job.target).unwrap();
                    self.by_id.remove(&job.target);
                    self.adoptions.remove(&target);
                    return;
                }
                match job.kind {
                    JobKind::Thenable => {
                        let source = self.adoptions.remove(&target).unwrap();
                        self.react(source, Some(target));
                    }
                    _ => {
                        let rejected = (job.kind == JobKind::Reject) != flip;
                        self.settle(
                            target,
                            if rejected {
                                State::Rejected
                            } else {
                                State::Fulfilled
                            },
                        );
                    }
                }
            }
            Op::Deliver(raw) => {
                let Some(h) = self.pick(raw) else {
                    return;
                };
                let targets: Vec<usize> = (0..self.handles.len())
                    .filter(|&other| self.handles[other].waits_on == Some(h))
                    .collect();
                // As core.js: a promise with a node and waiters.
                if self.handles[h].resolved || self.handles[h].id == 0 || targets.is_empty() {
                    return;
                }
                let jobs = self.api.deliver(self.handles[h].id).unwrap();
                self.handles[h].state = State::Fulfilled;
                self.handles[h].resolved = true;
                self.forget_node(h);
                self.events.push(Event::Settle(h, jobs, false));
                for target in targets {
                    self.handles[target].waits_on = None;
                    if self.handles[target].cancelled {
                        // Its kept node went with the delivery: nothing more comes for it.
                        self.by_id.retain(|_, handle| *handle != target);
                        self.adoptions.remove(&target);
                        continue;
                    }
                    // Its job runs now: a handler that fulfils it.
                    self.events.push(Event::Job(JobKind::Fulfill, target));
                    self.settle(target, State::Fulfilled);
                }
            }
            Op::Element(index, fulfil) => {
                let state = if fulfil {
                    State::Fulfilled
                } else {
                    State::Rejected
                };
                self.api.enqueue_element(u32::from(index), state).unwrap();
            }
            Op::Cancel(raw) => match self.pick(raw) {
                Some(h)
                    if self.handles[h].state == State::Pending
                        && self.handles[h].id != 0
                        && !self.handles[h].cancelled =>
                {
                    // As core.cancel: the node is kept while a job for it is due (it waits on
                    // a promise, or its job is queued); the promise lets go of its id either way.
                    let handle = self.handles[h].clone();
                    let keep = handle.waits_on.is_some() || handle.queued;
                    let jobs = self.api.cancel(handle.id, keep).unwrap();
                    if keep {
                        self.handles[h].id = 0;
                    } else {
                        self.forget_node(h);
                    }
                    self.handles[h].state = State::Rejected;
                    self.handles[h].resolved = true;
                    self.handles[h].cancelled = true;
                    for other in &mut self.handles {
                        if other.waits_on == Some(h) {
                            other.waits_on = None;
                            other.queued = true;
                        }
                    }
                    self.events.push(Event::Cancel(h, jobs));
                }
                _ => {}
            },
            Op::Release(raw) => match self.pick(raw) {
                Some(h) if self.collectable(h) => {
                    let released = self.api.release(self.handles[h].id).unwrap();
                    self.forget_node(h);
                    self.handles[h].gone = true;
                    let released: Vec<usize> = released.iter().map(|id| self.by_id[id]).collect();
                    for &r in &released {
                        // Dead: forever pending, no node; JS answers for it without the engine.
                        self.forget_node(r);
                        self.handles[r].gone = true;
                    }
                    self.events.push(Event::Released(h, released));
                }
                _ => {}
            },
        }
        self.events.push(Event::Live(self.api.live_nodes()));
    }
}

/// 512 programs in `cargo test`; `npm run fuzz` sets PROPTEST_CASES for a longer run.
fn proptest_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    #[test]
    fn engine_matches_the_reference_model(program in proptest::collection::vec(op(), 1..200)) {
        let mut engine = Driver::new(Engine::new());
        let mut model = Driver::new(Model::default());
        for op in &program {
            engine.step(op);
            model.step(op);
        }
        prop_assert_eq!(&engine.events, &model.events);
    }
}

#[test]
fn a_node_takes_sixteen_bytes_and_heap_bytes_counts_the_slab() {
    assert_eq!(std::mem::size_of::<Option<super::node::Node>>(), 16);
    let mut engine = Engine::new();
    let empty = engine.heap_bytes();
    let ids: Vec<_> = (0..1000).map(|_| engine.create().unwrap()).collect();
    let full = engine.heap_bytes();
    assert!(full >= empty + 1000 * 16, "{empty} -> {full}");
    for id in ids {
        engine.discard(id).unwrap();
    }
    // Freed slots stay allocated for reuse (plus the free list): new nodes take them.
    let freed = engine.heap_bytes();
    assert!(freed >= full);
    for _ in 0..1000 {
        engine.create().unwrap();
    }
    assert_eq!(engine.heap_bytes(), freed);
}

#[test]
fn transfer_moves_reactions_in_order_and_frees_the_source() {
    let mut engine = Engine::new();
    let from = engine.create().unwrap();
    let to = engine.create().unwrap();
    let (a, b, c) = (
        engine.create().unwrap(),
        engine.create().unwrap(),
        engine.create().unwrap(),
    );
    engine.link(to, a).unwrap();
    engine.link(from, b).unwrap();
    engine.link(from, c).unwrap();
    let live = engine.live_nodes();
    engine.transfer(from, to).unwrap();
    assert_eq!(engine.live_nodes(), live - 1, "the source is freed");
    assert_eq!(engine.state(from), None);
    engine.settle(to, State::Fulfilled).unwrap();
    let mut jobs = Vec::new();
    engine.take_jobs(10, |job| jobs.push(job.target));
    assert_eq!(
        jobs,
        vec![a, b, c],
        "the moved reactions follow the ones already there"
    );
}

#[test]
fn transfer_refuses_cycles_waiting_sources_and_settled_nodes_changing_nothing() {
    let mut engine = Engine::new();
    let from = engine.create().unwrap();
    let target = engine.create().unwrap();
    engine.link(from, target).unwrap();
    assert_eq!(
        engine.transfer(from, from),
        Err(EngineError::SelfReaction(from))
    );
    assert_eq!(
        engine.transfer(from, target),
        Err(EngineError::SelfReaction(target))
    );
    let parent = engine.create().unwrap();
    let waiting = engine.create().unwrap();
    engine.link(parent, waiting).unwrap();
    assert_eq!(
        engine.transfer(waiting, from),
        Err(EngineError::AlreadyWaiting(waiting))
    );
    // (An unhandled rejection keeps its node, settled.)
    let settled = engine.reject_unobserved().unwrap();
    assert_eq!(
        engine.transfer(from, settled),
        Err(EngineError::NotPending(settled))
    );
    assert_eq!(engine.transfer(from, 0), Err(EngineError::NoNode(0)));
    // Nothing changed: `from` still holds its reaction.
    engine.settle(from, State::Rejected).unwrap();
    let mut jobs = Vec::new();
    engine.take_jobs(10, |job| jobs.push(job.target));
    assert_eq!(jobs, vec![target]);
}

#[test]
fn transfer_of_a_source_with_no_reactions_only_frees_it() {
    let mut engine = Engine::new();
    let from = engine.create().unwrap();
    let to = engine.create().unwrap();
    engine.transfer(from, to).unwrap();
    assert_eq!(engine.state(from), None);
    assert!(!engine.has_reactions(to));
}
