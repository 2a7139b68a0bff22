//! Unit tests of the barcamp scheduler (`schedule.rs`).

use super::*;

fn room(capacity: u32) -> Room {
    Room {
        capacity,
        equipment: 0,
    }
}

fn session(hosts: &[u32], interested: &[u32]) -> Session {
    Session {
        length: 1,
        hosts: hosts.to_vec(),
        needs: 0,
        pinned: None,
        interested: interested.to_vec(),
    }
}

#[test]
fn sessions_sharing_attendees_do_not_overlap() {
    // Two rooms, two slots; sessions 0 and 1 share everyone, 2 and 3 share nobody.
    let p = Problem {
        rooms: vec![room(10), room(10)],
        days: vec![2],
        sessions: vec![
            session(&[100], &[1, 2, 3]),
            session(&[101], &[1, 2, 3]),
            session(&[102], &[4]),
            session(&[103], &[5]),
        ],
    };
    let s = schedule(&p, 500, 7);
    assert!(violations(&p, &s.placements).is_empty());
    let (a, b) = (
        s.placements[0].expect("placed"),
        s.placements[1].expect("placed"),
    );
    assert_ne!(a.start, b.start, "{s:?}");
    assert_eq!(s.objective, 8);
}

#[test]
fn a_host_is_never_in_two_places() {
    let p = Problem {
        rooms: vec![room(10), room(10), room(10)],
        days: vec![2],
        sessions: vec![
            session(&[1], &[]),
            session(&[1], &[]),
            session(&[1, 2], &[]),
        ],
    };
    let s = schedule(&p, 200, 1);
    assert!(violations(&p, &s.placements).is_empty());
    assert_eq!(
        s.unplaced,
        vec![(2, Unplaced::NoFreePosition)],
        "three sessions of one host in two slots"
    );
}

#[test]
fn equipment_length_and_pins_are_respected_or_explained() {
    let mut projector = session(&[1], &[1]);
    projector.needs = 0b1;
    let mut long = session(&[2], &[]);
    long.length = 3;
    let mut pinned = session(&[3], &[]);
    pinned.pinned = Some(Placement { room: 1, start: 1 });
    let mut clash = session(&[4], &[]);
    clash.pinned = Some(Placement { room: 1, start: 1 });
    let p = Problem {
        rooms: vec![
            Room {
                capacity: 5,
                equipment: 0,
            },
            Room {
                capacity: 5,
                equipment: 0,
            },
        ],
        days: vec![2, 2],
        sessions: vec![projector, long, pinned, clash],
    };
    let s = schedule(&p, 100, 3);
    assert!(violations(&p, &s.placements).is_empty());
    assert_eq!(s.placements[2], Some(Placement { room: 1, start: 1 }));
    assert_eq!(
        s.unplaced,
        vec![
            (0, Unplaced::NoRoomWithEquipment),
            (1, Unplaced::LongerThanADay),
            (3, Unplaced::BadPin(Some(2)))
        ]
    );
}

#[test]
fn big_sessions_go_to_big_rooms() {
    let p = Problem {
        rooms: vec![room(5), room(50)],
        days: vec![1],
        sessions: vec![
            session(&[1], &(0..40).collect::<Vec<_>>()),
            session(&[2], &[100, 101]),
        ],
    };
    let s = schedule(&p, 100, 5);
    assert_eq!(s.placements[0].map(|p| p.room), Some(1));
    assert_eq!(s.objective, 42);
}

/// Exhaustive optimum over complete schedules, for tiny instances.
fn optimum(p: &Problem) -> Option<i64> {
    fn go(p: &Problem, s: usize, pl: &mut Vec<Option<Placement>>, best: &mut Option<i64>) {
        if s == p.sessions.len() {
            if violations(p, pl).is_empty() {
                let o = objective(p, pl);
                *best = Some(best.map_or(o, |b| b.max(o)));
            }
            return;
        }
        for at in positions(p) {
            pl[s] = Some(at);
            // Prune early: partial schedules must already be valid.
            if violations(
                p,
                &pl[..=s]
                    .iter()
                    .copied()
                    .chain(std::iter::repeat_n(None, p.sessions.len() - s - 1))
                    .collect::<Vec<_>>(),
            )
            .is_empty()
            {
                go(p, s + 1, pl, best);
            }
        }
        pl[s] = None;
    }
    let mut best = None;
    go(p, 0, &mut vec![None; p.sessions.len()], &mut best);
    best
}

fn random_problem(seed: u64, sessions: usize, rooms: usize, slots: usize, people: u32) -> Problem {
    let mut r = Rng(seed | 1);
    Problem {
        rooms: (0..rooms)
            .map(|_| Room {
                capacity: 2 + r.below(6) as u32,
                equipment: r.below(4) as u64,
            })
            .collect(),
        days: vec![slots],
        sessions: (0..sessions)
            .map(|_| {
                let n = r.below(people as usize);
                Session {
                    length: 1 + usize::from(r.below(4) == 0),
                    hosts: vec![r.below(4) as u32 + 1000],
                    needs: if r.below(3) == 0 { 1 } else { 0 },
                    pinned: None,
                    interested: (0..n)
                        .map(|_| r.below(people as usize) as u32)
                        .collect::<HashSet<_>>()
                        .into_iter()
                        .collect(),
                }
            })
            .collect(),
    }
}

#[test]
fn within_one_percent_of_the_optimum_on_small_instances() {
    let mut checked = 0;
    for seed in 1..=200u64 {
        let p = random_problem(seed, 5, 2, 3, 8);
        let Some(best) = optimum(&p) else { continue };
        let s = schedule(&p, 3000, seed);
        if !s.unplaced.is_empty() {
            continue;
        }
        checked += 1;
        assert!(violations(&p, &s.placements).is_empty());
        assert!(
            s.objective * 100 >= best * 99,
            "seed {seed}: {} vs optimum {best}",
            s.objective
        );
    }
    assert!(checked >= 20, "only {checked} instances were comparable");
}

#[test]
fn random_instances_never_break_a_hard_constraint() {
    for seed in 1..=60u64 {
        let mut p = random_problem(seed, 30, 4, 8, 40);
        p.days = vec![4, 4];
        if seed % 3 == 0 {
            p.sessions[0].pinned = Some(Placement { room: 0, start: 2 });
        }
        for s in [schedule(&p, 2000, seed), greedy_baseline(&p)] {
            let v = violations(&p, &s.placements);
            assert!(v.is_empty(), "seed {seed}: {v:?}");
            let placed = s.placements.iter().filter(|x| x.is_some()).count();
            assert_eq!(
                placed + s.unplaced.len(),
                p.sessions.len(),
                "every session is placed or explained"
            );
        }
    }
}

#[test]
fn local_search_beats_the_simple_greedy() {
    for seed in [99, 7, 1234] {
        // Room for everyone, so both place every session and only the objective differs.
        let mut p = random_problem(seed, 40, 8, 8, 60);
        for r in &mut p.rooms {
            r.equipment = 1;
        }
        for (i, session) in p.sessions.iter_mut().enumerate() {
            session.hosts = vec![2000 + i as u32 / 2];
        }
        let smart = schedule(&p, 5000, 11);
        let simple = greedy_baseline(&p);
        assert!(smart.unplaced.is_empty() && simple.unplaced.is_empty());
        assert!(
            smart.objective > simple.objective,
            "seed {seed}: {} <= {}",
            smart.objective,
            simple.objective
        );
    }
}
