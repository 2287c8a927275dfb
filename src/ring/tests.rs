use super::*;
use crate::engine::{JobKind, State};

fn write_commands(ring: &Ring, commands: &[Command]) {
    let mut count = ring.read(layout::COMMAND_COUNT) as usize;
    for command in commands {
        for slot in command.encode() {
            ring.write(layout::COMMANDS + count, slot);
            count += 1;
        }
    }
    ring.write(layout::COMMAND_COUNT, count as u32);
}

fn jobs_in_ring(ring: &Ring) -> Vec<(u32, u32)> {
    let mut head = ring.read(layout::HEAD);
    let tail = ring.read(layout::TAIL);
    let mut jobs = Vec::new();
    while head != tail {
        let slot = ring.layout().job_slots() + 2 * (head & (ring.layout().jobs() - 1)) as usize;
        jobs.push((ring.read(slot), ring.read(slot + 1)));
        head = (head + 1) & layout::COUNTER_MASK;
    }
    ring.write(layout::HEAD, head);
    jobs
}

#[test]
fn every_command_round_trips_through_its_slots() {
    let commands = [
        Command::Discard(9),
        Command::Settle(10, State::Fulfilled),
        Command::Settle(11, State::Rejected),
        Command::Link {
            target: 12,
            parent: 13,
        },
        Command::Enqueue(14, State::Fulfilled),
        Command::Enqueue(15, State::Rejected),
        Command::Element {
            index: 16,
            state: State::Rejected,
        },
        Command::Deliver(17),
        Command::Transfer { from: 18, to: 19 },
    ];
    for command in commands {
        let slots = command.encode();
        assert_eq!(slots.len(), command.slots());
        let second = slots.get(1).copied().unwrap_or(0);
        assert_eq!(Command::decode(slots[0], second), Ok(command));
    }
}

#[test]
fn a_command_with_a_pending_state_is_refused() {
    // Op 4 (an enqueue with no state) is a delivery, not a pending enqueue.
    assert_eq!(Command::decode(5 << 3 | 4, 0), Ok(Command::Deliver(5)));
    assert_eq!(
        Command::decode(5 << 3 | command::ELEMENT, 0),
        Err(EngineError::BadState(0))
    );
    assert_eq!(
        Command::decode(5 << 3 | command::ELEMENT, 3),
        Err(EngineError::BadState(3))
    );
}

#[test]
fn layout_refuses_sizes_out_of_range() {
    assert!(Layout::new(4096, 1024, 64).is_some());
    assert!(Layout::new(3, 1024, 64).is_none());
    assert!(Layout::new(1 << 21, 1024, 64).is_none());
    assert!(Layout::new(16, 1, 64).is_none());
    assert!(Layout::new(16, 1 << 17, 64).is_none());
    let layout = Layout::new(16, 8, 4).unwrap();
    assert_eq!(layout.spare_count(), layout::COMMANDS + 8);
    assert_eq!(layout.job_slots(), layout::COMMANDS + 8 + 1 + 4);
    assert_eq!(layout.slot_count(), layout.job_slots() + 32);
}

#[test]
fn commands_apply_in_order_and_their_jobs_reach_the_ring() {
    let ring = Ring::new(16, 8, 4).unwrap();
    let mut engine = Engine::new();
    ring.serve(&mut engine, |_| Ok(())).unwrap();
    assert_eq!(ring.spare_nodes(), 4, "every call tops up the spares");
    let spare = |i: usize| ring.read(ring.layout().spare_count() + 1 + i);
    let (parent, child, other) = (spare(3), spare(2), spare(1));
    ring.write(ring.layout().spare_count(), 1);
    write_commands(
        &ring,
        &[
            Command::Link {
                target: child,
                parent,
            },
            Command::Settle(parent, State::Fulfilled),
            Command::Enqueue(other, State::Rejected),
            Command::Element {
                index: 77,
                state: State::Fulfilled,
            },
        ],
    );
    ring.serve(&mut engine, |engine| {
        ring.flush(engine);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        jobs_in_ring(&ring),
        vec![
            (JobKind::Fulfill as u32, child),
            (JobKind::Reject as u32, other),
            (JobKind::ElementFulfilled as u32, 77),
        ]
    );
    assert_eq!(ring.read(layout::COMMAND_COUNT), 0);
    write_commands(&ring, &[Command::Discard(child), Command::Discard(other)]);
    ring.serve(&mut engine, |_| Ok(())).unwrap();
    assert_eq!(engine.live_nodes(), 4, "only the spares are left");
}

#[test]
fn a_failing_command_does_not_stop_the_ones_after_it() {
    let ring = Ring::new(16, 8, 4).unwrap();
    let mut engine = Engine::new();
    let id = engine.create().unwrap();
    write_commands(&ring, &[Command::Discard(12345), Command::Discard(id)]);
    let outcome = ring.serve(&mut engine, |_| Ok(()));
    assert_eq!(outcome, Err(EngineError::NoNode(12345)));
    assert_eq!(engine.state(id), None, "the second discard was applied");
}

#[test]
fn jobs_that_do_not_fit_wait_in_the_engine_until_a_refill() {
    let ring = Ring::new(2, 8, 0).unwrap();
    let mut engine = Engine::new();
    let ids: Vec<_> = (0..3).map(|_| engine.create().unwrap()).collect();
    write_commands(
        &ring,
        &ids.iter()
            .map(|&id| Command::Enqueue(id, State::Fulfilled))
            .collect::<Vec<_>>(),
    );
    ring.serve(&mut engine, |engine| {
        ring.flush(engine);
        Ok(())
    })
    .unwrap();
    assert_eq!(jobs_in_ring(&ring).len(), 2);
    assert_eq!(engine.queued_jobs(), 1);
    ring.flush(&mut engine);
    assert_eq!(jobs_in_ring(&ring), vec![(JobKind::Fulfill as u32, ids[2])]);
}

#[test]
fn a_command_count_beyond_the_capacity_is_clamped() {
    let ring = Ring::new(16, 2, 0).unwrap();
    let mut engine = Engine::new();
    ring.write(layout::COMMAND_COUNT, 1_000_000);
    // Slots past the command area are never read as commands: the two that are are zero,
    // a discard of node 0, which does not exist.
    assert_eq!(
        ring.serve(&mut engine, |_| Ok(())),
        Err(EngineError::NoNode(0))
    );
    assert_eq!(ring.read(layout::COMMAND_COUNT), 0);
}

#[test]
fn a_transfer_command_moves_the_reactions_and_frees_its_source() {
    let mut engine = Engine::new();
    let ring = Ring::new(8, 16, 4).unwrap();
    ring.serve(&mut engine, |_| Ok(())).unwrap();
    let spare = |i: usize| ring.read(ring.layout().spare_count() + 1 + i);
    let (from, to, child) = (spare(3), spare(2), spare(1));
    ring.write(ring.layout().spare_count(), 1);
    write_commands(
        &ring,
        &[
            Command::Link {
                target: child,
                parent: from,
            },
            Command::Transfer { from, to },
            Command::Settle(to, State::Rejected),
        ],
    );
    ring.serve(&mut engine, |engine| {
        ring.flush(engine);
        Ok(())
    })
    .unwrap();
    assert_eq!(jobs_in_ring(&ring), vec![(JobKind::Reject as u32, child)]);
    let spares: Vec<u32> = (0..ring.spare_nodes() as usize).map(spare).collect();
    assert!(
        spares.contains(&from),
        "the source was freed, and is a spare again: {spares:?}"
    );
}
