//! The barcamp scheduler: places sessions in (room, consecutive slots).
//!
//! Hard constraints, never broken: no host in two sessions at once, no two sessions in a room
//! at once, a multi-slot session stays in one room and within one day, the room has the
//! equipment the session needs, pinned sessions stay where pinned.
//!
//! Objective (maximised): the number of (attendee, wanted session) pairs the attendee can
//! actually attend — for each attendee, the largest set of their wanted sessions that do not
//! overlap — minus the interest that does not fit in the rooms (a session with 80 interested
//! people in a 30-seat room loses 50). So sessions sharing many attendees are kept apart, and
//! big sessions go to big rooms.
//!
//! Method: pinned sessions first; then a greedy pass (most wanted first, best position for
//! the objective); then local search (moves and swaps, accepted when they do not lower the
//! objective), deterministic for a given seed. Pure: no I/O, builds for wasm32 so the page
//! could preview it.

use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub capacity: u32,
    /// Equipment the room has, as a bit set (bit i = equipment i).
    pub equipment: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Length in slots (at least 1).
    pub length: usize,
    /// People hosting it (ids chosen by the caller).
    pub hosts: Vec<u32>,
    /// Equipment needed, as a bit set.
    pub needs: u64,
    /// (room, first slot) it must stay in.
    pub pinned: Option<Placement>,
    /// Attendees who want to attend (ids chosen by the caller).
    pub interested: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Placement {
    pub room: usize,
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub rooms: Vec<Room>,
    /// Slots per day, in order: `[4, 4]` is two days of four slots (slots 0-3, then 4-7).
    pub days: Vec<usize>,
    pub sessions: Vec<Session>,
}

/// Why a session could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// No room has the equipment it needs.
    NoRoomWithEquipment,
    /// It is longer than a day.
    LongerThanADay,
    /// Its pin is outside the grid, crosses a day, lacks equipment, or clashes with another
    /// pin (the other session's index).
    BadPin(Option<usize>),
    /// Every position with the right equipment is taken or a host is busy.
    NoFreePosition,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub placements: Vec<Option<Placement>>,
    pub unplaced: Vec<(usize, Unplaced)>,
    pub objective: i64,
}

impl Problem {
    pub fn slots(&self) -> usize {
        self.days.iter().sum()
    }

    /// True when `start..start+len` stays within one day.
    fn within_a_day(&self, start: usize, len: usize) -> bool {
        let mut day_start = 0;
        for d in &self.days {
            if start >= day_start && start < day_start + d {
                return start + len <= day_start + d;
            }
            day_start += d;
        }
        false
    }

    fn fits_equipment(&self, s: usize, room: usize) -> bool {
        let need = self.sessions[s].needs;
        self.rooms[room].equipment & need == need
    }
}

/// The objective of a complete or partial schedule (see the module documentation).
pub fn objective(p: &Problem, placements: &[Option<Placement>]) -> i64 {
    let mut wanted: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (s, session) in p.sessions.iter().enumerate() {
        for a in &session.interested {
            wanted.entry(*a).or_default().push(s);
        }
    }
    let pairs: i64 = wanted.values().map(|w| attendable(p, placements, w)).sum();
    pairs - overflow(p, placements)
}

fn overflow(p: &Problem, placements: &[Option<Placement>]) -> i64 {
    placements
        .iter()
        .enumerate()
        .filter_map(|(s, pl)| pl.map(|pl| (s, pl)))
        .map(|(s, pl)| {
            (p.sessions[s].interested.len() as i64 - i64::from(p.rooms[pl.room].capacity)).max(0)
        })
        .sum()
}

/// Largest set of non-overlapping placed sessions among `wanted` (interval scheduling:
/// earliest end first is optimal).
fn attendable(p: &Problem, placements: &[Option<Placement>], wanted: &[usize]) -> i64 {
    let mut spans: Vec<(usize, usize)> = wanted
        .iter()
        .filter_map(|&s| placements[s].map(|pl| (pl.start + p.sessions[s].length, pl.start)))
        .collect();
    spans.sort_unstable();
    let mut free_from = 0;
    let mut n = 0;
    for (end, start) in spans {
        if start >= free_from {
            n += 1;
            free_from = end;
        }
    }
    n
}

/// Occupancy of rooms and hosts, to test positions in O(length).
struct Grid {
    slots: usize,
    room: Vec<Option<usize>>,
    host: std::collections::HashMap<u32, Vec<Option<usize>>>,
}

impl Grid {
    fn new(p: &Problem) -> Self {
        let slots = p.slots();
        let mut host = std::collections::HashMap::new();
        for s in &p.sessions {
            for h in &s.hosts {
                host.entry(*h).or_insert_with(|| vec![None; slots]);
            }
        }
        Self {
            slots,
            room: vec![None; p.rooms.len() * slots],
            host,
        }
    }

    /// Free for session `s` (ignoring `s` itself and `except`).
    fn free(&self, p: &Problem, s: usize, at: Placement, except: Option<usize>) -> bool {
        let len = p.sessions[s].length;
        if at.start + len > self.slots
            || !p.within_a_day(at.start, len)
            || !p.fits_equipment(s, at.room)
        {
            return false;
        }
        let ok =
            |o: Option<usize>| o.is_none() || o == Some(s) || (except.is_some() && o == except);
        (at.start..at.start + len).all(|t| {
            ok(self.room[at.room * self.slots + t])
                && p.sessions[s]
                    .hosts
                    .iter()
                    .all(|h| self.host.get(h).is_none_or(|v| ok(v[t])))
        })
    }

    fn set(&mut self, p: &Problem, s: usize, at: Placement, value: Option<usize>) {
        let slots = self.slots;
        for t in at.start..at.start + p.sessions[s].length {
            self.room[at.room * slots + t] = value;
            for h in &p.sessions[s].hosts {
                if let Some(v) = self.host.get_mut(h) {
                    v[t] = value;
                }
            }
        }
    }
}

/// Checks the hard constraints of a schedule; the list of violations (empty when valid).
pub fn violations(p: &Problem, placements: &[Option<Placement>]) -> Vec<String> {
    let mut out = vec![];
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut busy: HashSet<(u32, usize)> = HashSet::new();
    for (s, pl) in placements.iter().enumerate() {
        let Some(pl) = pl else { continue };
        let session = &p.sessions[s];
        if pl.room >= p.rooms.len()
            || pl.start + session.length > p.slots()
            || !p.within_a_day(pl.start, session.length)
        {
            out.push(format!("session {s} outside the grid or across a day"));
            continue;
        }
        if !p.fits_equipment(s, pl.room) {
            out.push(format!("session {s} lacks equipment in room {}", pl.room));
        }
        if session.pinned.is_some_and(|pin| pin != *pl) {
            out.push(format!("session {s} moved from its pin"));
        }
        for t in pl.start..pl.start + session.length {
            if !used.insert((pl.room, t)) {
                out.push(format!("room {} double-booked at slot {t}", pl.room));
            }
            for h in &session.hosts {
                if !busy.insert((*h, t)) {
                    out.push(format!("host {h} in two sessions at slot {t}"));
                }
            }
        }
    }
    out
}

/// A tiny deterministic generator (xorshift64*): the same seed gives the same schedule.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Incremental objective: only attendees interested in the moved sessions are re-counted.
struct Scorer {
    wanted: Vec<Vec<usize>>,
    by_session: Vec<Vec<usize>>,
}

impl Scorer {
    fn new(p: &Problem) -> Self {
        let mut ids: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
        let mut wanted: Vec<Vec<usize>> = vec![];
        let mut by_session = vec![vec![]; p.sessions.len()];
        for (s, session) in p.sessions.iter().enumerate() {
            for a in &session.interested {
                let i = *ids.entry(*a).or_insert_with(|| {
                    wanted.push(vec![]);
                    wanted.len() - 1
                });
                if !wanted[i].contains(&s) {
                    wanted[i].push(s);
                    by_session[s].push(i);
                }
            }
        }
        Self { wanted, by_session }
    }

    fn affected(&self, moved: &[usize]) -> Vec<usize> {
        let mut a: Vec<usize> = moved
            .iter()
            .flat_map(|s| self.by_session[*s].iter().copied())
            .collect();
        a.sort_unstable();
        a.dedup();
        a
    }

    /// Objective restricted to the attendees in `who` and the sessions in `moved`.
    fn local(&self, p: &Problem, pl: &[Option<Placement>], who: &[usize], moved: &[usize]) -> i64 {
        let pairs: i64 = who
            .iter()
            .map(|&a| attendable(p, pl, &self.wanted[a]))
            .sum();
        let over: i64 = moved
            .iter()
            .filter_map(|&s| {
                pl[s].map(|at| {
                    (p.sessions[s].interested.len() as i64 - i64::from(p.rooms[at.room].capacity))
                        .max(0)
                })
            })
            .sum();
        pairs - over
    }
}

fn positions(p: &Problem) -> Vec<Placement> {
    (0..p.rooms.len())
        .flat_map(|room| (0..p.slots()).map(move |start| Placement { room, start }))
        .collect()
}

/// The simple baseline: sessions in the given order, each in the first free position.
pub fn greedy_baseline(p: &Problem) -> Schedule {
    let mut grid = Grid::new(p);
    let mut placements = vec![None; p.sessions.len()];
    let mut unplaced = vec![];
    let all = positions(p);
    for (s, slot) in placements.iter_mut().enumerate() {
        let at = match p.sessions[s].pinned {
            Some(pin) => Some(pin).filter(|pin| grid.free(p, s, *pin, None)),
            None => all.iter().copied().find(|at| grid.free(p, s, *at, None)),
        };
        match at {
            Some(at) => {
                grid.set(p, s, at, Some(s));
                *slot = Some(at);
            }
            None => unplaced.push((s, Unplaced::NoFreePosition)),
        }
    }
    let objective = objective(p, &placements);
    Schedule {
        placements,
        unplaced,
        objective,
    }
}

/// Schedules `p`, spending at most `iterations` local-search steps.
pub fn schedule(p: &Problem, iterations: usize, seed: u64) -> Schedule {
    let mut grid = Grid::new(p);
    let mut placements: Vec<Option<Placement>> = vec![None; p.sessions.len()];
    let mut unplaced = vec![];
    let longest_day = p.days.iter().copied().max().unwrap_or(0);

    // 1. Pins, in order; a pin that cannot hold is reported, never moved.
    for (s, session) in p.sessions.iter().enumerate() {
        let Some(pin) = session.pinned else { continue };
        if pin.room >= p.rooms.len() || !grid.free(p, s, pin, None) {
            let clash = (pin.start..(pin.start + session.length).min(grid.slots))
                .filter_map(|t| grid.room.get(pin.room * grid.slots + t).copied().flatten())
                .next();
            unplaced.push((s, Unplaced::BadPin(clash)));
            continue;
        }
        grid.set(p, s, pin, Some(s));
        placements[s] = Some(pin);
    }

    // 2. Greedy: most wanted first, each at the position that helps the objective most.
    let scorer = Scorer::new(p);
    let all = positions(p);
    let mut order: Vec<usize> = (0..p.sessions.len())
        .filter(|s| p.sessions[*s].pinned.is_none())
        .collect();
    order.sort_by_key(|s| {
        std::cmp::Reverse((p.sessions[*s].interested.len(), p.sessions[*s].length))
    });
    for s in order {
        if p.sessions[s].length > longest_day || p.sessions[s].length == 0 {
            unplaced.push((s, Unplaced::LongerThanADay));
            continue;
        }
        if !(0..p.rooms.len()).any(|r| p.fits_equipment(s, r)) {
            unplaced.push((s, Unplaced::NoRoomWithEquipment));
            continue;
        }
        let who = scorer.affected(&[s]);
        let mut best: Option<(i64, Placement)> = None;
        for at in all.iter().copied().filter(|at| grid.free(p, s, *at, None)) {
            placements[s] = Some(at);
            let score = scorer.local(p, &placements, &who, &[s]);
            // Ties: the smallest room that fits, to keep big rooms for big sessions.
            let better = match best {
                None => true,
                Some((b, bat)) => {
                    score > b
                        || (score == b && p.rooms[at.room].capacity < p.rooms[bat.room].capacity)
                }
            };
            if better {
                best = Some((score, at));
            }
        }
        placements[s] = None;
        match best {
            Some((_, at)) => {
                grid.set(p, s, at, Some(s));
                placements[s] = Some(at);
            }
            None => unplaced.push((s, Unplaced::NoFreePosition)),
        }
    }

    // 3. Local search: move one session, or swap two of the same length.
    let movable: Vec<usize> = (0..p.sessions.len())
        .filter(|s| p.sessions[*s].pinned.is_none() && placements[*s].is_some())
        .collect();
    let mut rng = Rng(seed | 1);
    for _ in 0..iterations {
        if movable.is_empty() {
            break;
        }
        let a = movable[rng.below(movable.len())];
        let Some(from) = placements[a] else { continue };
        if rng.below(2) == 0 {
            let to = all[rng.below(all.len())];
            if to == from || !grid.free(p, a, to, None) {
                continue;
            }
            let who = scorer.affected(&[a]);
            let before = scorer.local(p, &placements, &who, &[a]);
            placements[a] = Some(to);
            let after = scorer.local(p, &placements, &who, &[a]);
            if after >= before {
                grid.set(p, a, from, None);
                grid.set(p, a, to, Some(a));
            } else {
                placements[a] = Some(from);
            }
        } else {
            let b = movable[rng.below(movable.len())];
            let Some(bfrom) = placements[b] else { continue };
            if a == b || p.sessions[a].length != p.sessions[b].length {
                continue;
            }
            // Free both, test both crossed positions, restore if it does not hold.
            grid.set(p, a, from, None);
            grid.set(p, b, bfrom, None);
            let fits = grid.free(p, a, bfrom, None) && grid.free(p, b, from, None) && {
                // a and b share hosts: crossing them is only safe if they stay apart.
                grid.set(p, a, bfrom, Some(a));
                let ok = grid.free(p, b, from, None);
                grid.set(p, a, bfrom, None);
                ok
            };
            let who = scorer.affected(&[a, b]);
            let before = scorer.local(p, &placements, &who, &[a, b]);
            let accepted = fits && {
                placements[a] = Some(bfrom);
                placements[b] = Some(from);
                let after = scorer.local(p, &placements, &who, &[a, b]);
                if after < before {
                    placements[a] = Some(from);
                    placements[b] = Some(bfrom);
                }
                after >= before
            };
            let (pa, pb) = if accepted {
                (bfrom, from)
            } else {
                (from, bfrom)
            };
            grid.set(p, a, pa, Some(a));
            grid.set(p, b, pb, Some(b));
        }
    }
    unplaced.sort_by_key(|u| u.0);
    let objective = objective(p, &placements);
    Schedule {
        placements,
        unplaced,
        objective,
    }
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
