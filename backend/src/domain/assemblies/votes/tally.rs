//! Counting: the majority rule of a motion, its tally and turnout, and the result stored at
//! closing.

use crate::domain::DomainResult;
use crate::entities::{ballot_participation, majority_rule, motion, open_vote, secret_ballot};
use constellation_shared::dto::assemblies::{BallotKind, Choice};
use constellation_shared::rules::majority::{self, Attendance, Fraction, Rule, Tally};
use constellation_shared::Language;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

pub fn rule_of(r: &majority_rule::Model) -> Rule {
    rule_from(super::open_close::RuleAtClose::from(r))
}

/// A rule from its stored figures (a `majority_rules` row, or the figures kept at a close).
pub fn rule_from(r: super::open_close::RuleAtClose) -> Rule {
    Rule {
        quorum: (r.quorum_den > 0)
            .then(|| Fraction::new(r.quorum_num.max(0) as u32, r.quorum_den as u32)),
        majority: Fraction::new(r.majority_num.max(0) as u32, r.majority_den.max(1) as u32),
        strict: r.strict,
    }
}

/// The counts the result is decided on: the online ballots plus the votes cast in the room
/// (paper, show of hands) that the chair recorded.
pub async fn tally<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<Tally> {
    let online = online_tally(conn, m).await?;
    let room = crate::domain::assemblies::room_counts::room_tally(conn, m.id).await?;
    Ok(crate::domain::assemblies::room_counts::combined(
        online, room,
    ))
}

/// Counts of a motion's online ballots (open or secret).
pub async fn online_tally<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<Tally> {
    let choices: Vec<String> = if m.ballot == BallotKind::Secret {
        secret_ballot::Entity::find()
            .filter(secret_ballot::Column::MotionId.eq(m.id))
            .select_only()
            .column(secret_ballot::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    } else {
        open_vote::Entity::find()
            .filter(open_vote::Column::MotionId.eq(m.id))
            .select_only()
            .column(open_vote::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    };
    let mut t = Tally::default();
    for c in choices {
        match Choice::parse(&c) {
            Some(Choice::Yes) => t.yes += 1,
            Some(Choice::No) => t.no += 1,
            _ => t.abstain += 1,
        }
    }
    Ok(t)
}

/// The result stored at closing: counts (in total, and of them the room's), attendance,
/// verdict. Results stored before room counts existed read a room count of zero.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredResult {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    #[serde(default)]
    pub room_yes: u32,
    #[serde(default)]
    pub room_no: u32,
    #[serde(default)]
    pub room_abstain: u32,
    pub members: u32,
    pub present_or_represented: u32,
    pub second_convocation: bool,
    pub verdict: String,
    pub passed: bool,
}

impl StoredResult {
    pub fn tally(&self) -> Tally {
        Tally {
            yes: self.yes,
            no: self.no,
            abstain: self.abstain,
        }
    }

    /// Of the counts, those cast in the room.
    pub fn room(&self) -> Tally {
        Tally {
            yes: self.room_yes,
            no: self.room_no,
            abstain: self.room_abstain,
        }
    }

    /// Of the counts, those cast online.
    pub fn online(&self) -> Tally {
        Tally {
            yes: self.yes.saturating_sub(self.room_yes),
            no: self.no.saturating_sub(self.room_no),
            abstain: self.abstain.saturating_sub(self.room_abstain),
        }
    }

    pub fn explain(&self, r: &majority_rule::Model, lang: Language) -> String {
        let name = if lang == Language::Fr {
            &r.name_fr
        } else {
            &r.name_en
        };
        majority::explain(
            &rule_of(r),
            name,
            self.tally(),
            Attendance {
                members: self.members,
                present_or_represented: self.present_or_represented,
            },
            self.second_convocation,
            lang,
        )
    }
}

pub fn stored_result(m: &motion::Model) -> Option<StoredResult> {
    m.result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
}

/// How many have voted on a motion.
pub async fn turnout<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<u32> {
    use sea_orm::PaginatorTrait;
    Ok(
        if m.ballot == BallotKind::Secret || crate::domain::assemblies::elections::is_election(m) {
            ballot_participation::Entity::find()
                .filter(ballot_participation::Column::MotionId.eq(m.id))
                .count(conn)
                .await?
        } else {
            open_vote::Entity::find()
                .filter(open_vote::Column::MotionId.eq(m.id))
                .count(conn)
                .await?
        } as u32,
    )
}
