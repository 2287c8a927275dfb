//! The opt-in native timer service: very many concurrent timers on one tokio thread, their
//! expiries handed to the JS thread in batches.
//!
//! Each JS thread that turns the service on gets a [`TimerService`]: a driver task on a
//! shared one-worker tokio runtime, fed through a channel. The driver keeps its timers in a
//! binary heap ordered by deadline, then by start order, and sleeps until the first one.
//! Expired ids go into a shared list; `wake` runs only when that list goes from empty to
//! non-empty, so however many timers expire before JS gets to them, JS is woken once and
//! takes them all with [`TimerService::take_expired`].
//!
//! No Node types here: the binding supplies `wake` (a threadsafe function), and `cargo test`
//! drives the service with a plain closure.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::time::{sleep_until, Instant};

/// A timer's id, chosen by the caller. An id may be reused once its timer expired or was
/// cancelled.
pub type TimerId = u32;

/// The runtime that every JS thread's driver task shares: one worker thread is plenty for
/// a heap per driver, and it is started only when some thread turns the service on.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ferrobird-timers")
            .enable_time()
            .build()
            .expect("the ferrobird timer runtime could not start a thread")
    })
}

enum Command {
    Start { id: TimerId, deadline: Instant },
    Cancel(TimerId),
}

/// What the driver and the JS thread share.
struct Expired {
    ids: Mutex<Vec<TimerId>>,
    wake: Box<dyn Fn() + Send + Sync>,
}

impl Expired {
    fn deliver(&self, batch: &[TimerId]) {
        let was_empty = {
            let mut ids = self
                .ids
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let was_empty = ids.is_empty();
            ids.extend_from_slice(batch);
            was_empty
        };
        if was_empty {
            (self.wake)();
        }
    }
}

/// One JS thread's timers. Dropping it stops its driver task.
pub struct TimerService {
    commands: UnboundedSender<Command>,
    expired: Arc<Expired>,
}

impl TimerService {
    /// Starts a driver task; `wake` is called (from the timer thread) whenever expired ids
    /// are waiting and none were before.
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> TimerService {
        let (commands, receiver) = unbounded_channel();
        let expired = Arc::new(Expired {
            ids: Mutex::new(Vec::new()),
            wake: Box::new(wake),
        });
        runtime().spawn(drive(receiver, Arc::clone(&expired)));
        TimerService { commands, expired }
    }

    /// Arms timer `id` to expire after `delay`, measured from now.
    pub fn start(&self, id: TimerId, delay: Duration) {
        let deadline = Instant::now() + delay;
        // The driver only stops once this service is dropped, so the send cannot fail while
        // `self` exists; if it ever did, the timer would simply never fire.
        let _ = self.commands.send(Command::Start { id, deadline });
    }

    /// Disarms timer `id`. If it expired already, its id may still be in the next batch: the
    /// caller ignores ids it no longer waits for.
    pub fn cancel(&self, id: TimerId) {
        let _ = self.commands.send(Command::Cancel(id));
    }

    /// The ids that expired since the last call, in expiry order.
    pub fn take_expired(&self) -> Vec<TimerId> {
        let mut ids = self
            .expired
            .ids
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        std::mem::take(&mut *ids)
    }
}

/// A heap entry: earliest deadline first, then the order the timers were started in.
type Entry = Reverse<(Instant, u64, TimerId)>;

/// The timers of one service, with cancellation by id. A cancelled timer's entry stays in
/// the heap until it comes to the top or the heap is rebuilt, which happens once cancelled
/// entries outnumber armed ones, so memory stays proportional to the armed timers.
#[derive(Default)]
struct Timers {
    heap: BinaryHeap<Entry>,
    /// Start sequence numbers of armed timers, by id: an entry whose sequence is not the
    /// armed one for its id is stale.
    armed: HashMap<TimerId, u64>,
    next_sequence: u64,
}

impl Timers {
    fn start(&mut self, id: TimerId, deadline: Instant) {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        self.armed.insert(id, sequence);
        self.heap.push(Reverse((deadline, sequence, id)));
    }

    fn cancel(&mut self, id: TimerId) {
        if self.armed.remove(&id).is_some() && self.heap.len() > 2 * self.armed.len() + 64 {
            let armed: HashSet<u64> = self.armed.values().copied().collect();
            self.heap
                .retain(|Reverse((_, sequence, _))| armed.contains(sequence));
        }
    }

    fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(Reverse((deadline, sequence, id))) = self.heap.peek().copied() {
            if self.armed.get(&id) == Some(&sequence) {
                return Some(deadline);
            }
            self.heap.pop();
        }
        None
    }

    /// Removes every armed timer due at `now` and appends its id to `batch`.
    fn expire(&mut self, now: Instant, batch: &mut Vec<TimerId>) {
        while let Some(Reverse((deadline, sequence, id))) = self.heap.peek().copied() {
            if deadline > now {
                break;
            }
            self.heap.pop();
            if self.armed.get(&id) == Some(&sequence) {
                self.armed.remove(&id);
                batch.push(id);
            }
        }
    }
}

async fn drive(mut commands: UnboundedReceiver<Command>, expired: Arc<Expired>) {
    let mut timers = Timers::default();
    let mut batch = Vec::new();
    loop {
        let next = timers.next_deadline();
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Start { id, deadline }) => timers.start(id, deadline),
                Some(Command::Cancel(id)) => timers.cancel(id),
                None => return,
            },
            _ = sleep_until(next.unwrap_or_else(Instant::now)), if next.is_some() => {
                timers.expire(Instant::now(), &mut batch);
                if !batch.is_empty() {
                    expired.deliver(&batch);
                    batch.clear();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::time::Instant as StdInstant;

    /// A service whose wake-ups arrive on a channel, and a counter of them.
    fn service() -> (TimerService, mpsc::Receiver<()>, Arc<AtomicUsize>) {
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let wakes = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&wakes);
        let service = TimerService::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = tx.lock().unwrap().send(());
        });
        (service, rx, wakes)
    }

    /// Collects expired ids until `count` have arrived.
    fn collect(service: &TimerService, rx: &mpsc::Receiver<()>, count: usize) -> Vec<TimerId> {
        let mut ids = Vec::new();
        while ids.len() < count {
            rx.recv_timeout(Duration::from_secs(5))
                .expect("timers did not expire in 5 s");
            ids.extend(service.take_expired());
        }
        ids
    }

    #[test]
    fn timers_expire_in_deadline_order_and_equal_deadlines_in_start_order() {
        let (service, rx, _) = service();
        service.start(1, Duration::from_millis(30));
        service.start(2, Duration::from_millis(5));
        service.start(3, Duration::from_millis(15));
        service.start(4, Duration::ZERO);
        service.start(5, Duration::ZERO);
        assert_eq!(collect(&service, &rx, 5), vec![4, 5, 2, 3, 1]);
    }

    #[test]
    fn a_timer_does_not_expire_before_its_delay() {
        let (service, rx, _) = service();
        let started = StdInstant::now();
        service.start(7, Duration::from_millis(20));
        assert_eq!(collect(&service, &rx, 1), vec![7]);
        assert!(started.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn a_cancelled_timer_never_expires_and_its_id_can_be_armed_again() {
        let (service, rx, _) = service();
        service.start(1, Duration::from_millis(10));
        service.start(2, Duration::from_millis(10));
        service.cancel(1);
        service.start(3, Duration::from_millis(20));
        service.cancel(3);
        service.start(3, Duration::from_millis(25));
        assert_eq!(collect(&service, &rx, 2), vec![2, 3]);
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(service.take_expired(), Vec::<TimerId>::new());
    }

    #[test]
    fn many_timers_expiring_together_wake_the_caller_once_per_batch() {
        let (service, rx, wakes) = service();
        for id in 0..10_000 {
            service.start(id, Duration::from_millis(20));
        }
        // Nobody takes the ids for a while: every expiry after the first joins one batch.
        std::thread::sleep(Duration::from_millis(100));
        let ids = collect(&service, &rx, 10_000);
        assert_eq!(ids, (0..10_000).collect::<Vec<_>>());
        assert_eq!(wakes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn cancelled_entries_do_not_pile_up_in_the_heap() {
        let mut timers = Timers::default();
        let far = Instant::now() + Duration::from_secs(3600);
        for id in 0..100_000 {
            timers.start(id, far);
            timers.cancel(id);
        }
        assert!(
            timers.heap.len() <= 64 + 1,
            "heap holds {}",
            timers.heap.len()
        );
        assert_eq!(timers.next_deadline(), None);
    }
}
