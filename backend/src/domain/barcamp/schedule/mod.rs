//! The annual barcamp, part three: the schedule. The scheduler (`shared::rules::schedule`,
//! pure) places the programme around pinned sessions; organisers move sessions by hand with
//! the conflicts shown first. The database refuses a room or a host in two places at once
//! (`barcamp_occupancy`, `barcamp_host_busy`), whatever the code above it does.
//!
//! - `timeline`: the edition's slots in time order, cut into blocks; its rooms.
//! - `placement`: the rows a placed session holds, and the scheduler run.
//! - `moves`: conflicts of a move by hand, moving and pinning.
//! - `reading`: agenda, now/next per room, the iCal feed.

mod moves;
mod placement;
mod reading;
mod timeline;

pub use self::moves::{check_move, move_to, set_pinned, Issue, IssueKind};
pub use self::placement::{
    free, place_rows, run, unplace, RunOutcome, UnplacedKind, SCHEDULER_STEPS,
};
pub use self::reading::{agenda, feed, now_next};
pub use self::timeline::{timeline, SpanError, Timeline};
