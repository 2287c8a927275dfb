//! The job queue: FIFO, like ECMA-262's HostEnqueuePromiseJob.
//!
//! A job names its target and what to do with it. The JS surface keeps a queue of the jobs'
//! arguments (values, thenables) in lockstep: every operation that enqueues jobs reports how
//! many, and JS pushes that many arguments.

use std::collections::VecDeque;

use super::node::NodeId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum JobKind {
    /// Run the target's fulfillment handler (or pass the value through) and resolve the target.
    Fulfill = 1,
    /// Run the target's rejection handler (or pass the reason through).
    Reject = 2,
    /// ECMA-262 PromiseResolveThenableJob: call the thenable's `then` for the target.
    Thenable = 3,
    /// Report a fulfilled element to a collection (`Promise.all`, `map`): its promise had no
    /// other reaction and no node, and the job names the element's index, not a node.
    ElementFulfilled = 5,
    /// Report a rejected element to a collection, as `ElementFulfilled` does a fulfilled one.
    ElementRejected = 6,
}

impl JobKind {
    /// Whether the job's `target` is an element's index rather than a node.
    pub fn is_element(self) -> bool {
        matches!(self, JobKind::ElementFulfilled | JobKind::ElementRejected)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    pub kind: JobKind,
    /// The node of the promise the job settles; for an element job, the element's index.
    pub target: NodeId,
}

#[derive(Default)]
pub struct JobQueue {
    jobs: VecDeque<Job>,
}

impl JobQueue {
    pub fn push(&mut self, job: Job) {
        self.jobs.push_back(job);
    }

    pub fn pop(&mut self) -> Option<Job> {
        self.jobs.pop_front()
    }

    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Gives back the room a burst of jobs left, keeping a little.
    pub fn shrink(&mut self) {
        self.jobs.shrink_to(1024);
    }

    pub fn heap_bytes(&self) -> usize {
        self.jobs.capacity() * std::mem::size_of::<Job>()
    }
}
