//! An election's result: decided at the close (open and secret ballots) or once the trustees
//! decrypted (encrypted ones), stored as JSON on the motion, explained in the viewer's language.

use super::seats_of;
use crate::domain::assemblies::votes::Closing;
use crate::domain::DomainResult;
use crate::entities::motion;
use constellation_shared::rules::election::elect;
use constellation_shared::rules::majority::{Attendance, Tally};
use constellation_shared::Language;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCandidate {
    pub user_id: Uuid,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub verdict: String,
    pub elected: bool,
    pub tied: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredElection {
    /// Always `"ELECTION"`: tells this result from a motion's.
    pub kind: String,
    pub seats: u32,
    pub filled: u32,
    pub ballots: u32,
    pub candidates: Vec<StoredCandidate>,
    pub members: u32,
    pub present_or_represented: u32,
    pub second_convocation: bool,
}

impl StoredElection {
    pub fn read(m: &motion::Model) -> Option<Self> {
        m.result
            .as_deref()
            .and_then(|r| serde_json::from_str::<Self>(r).ok())
            .filter(|r| r.kind == "ELECTION")
    }
}

/// Decides who is elected from the counts per candidate (ballot order).
pub async fn decide_election<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
    counts: &[(Uuid, Tally)],
    ballots: u32,
    closing: Closing,
) -> DomainResult<StoredElection> {
    let rule = closing.rule(conn, m).await?;
    let tallies: Vec<Tally> = counts.iter().map(|(_, t)| *t).collect();
    let seats = seats_of(m);
    let o = elect(
        &rule,
        seats,
        &tallies,
        Attendance {
            members: closing.members,
            present_or_represented: closing.present_or_represented,
        },
        closing.second_convocation,
    );
    Ok(StoredElection {
        kind: "ELECTION".into(),
        seats,
        filled: o.filled,
        ballots,
        candidates: o
            .candidates
            .iter()
            .map(|c| StoredCandidate {
                user_id: counts[c.candidate].0,
                yes: c.tally.yes,
                no: c.tally.no,
                abstain: c.tally.abstain,
                verdict: format!("{:?}", c.verdict),
                elected: c.elected,
                tied: c.tied,
            })
            .collect(),
        members: closing.members,
        present_or_represented: closing.present_or_represented,
        second_convocation: closing.second_convocation,
    })
}

/// Who is elected, who is tied, in words.
pub fn explain(r: &StoredElection, names: &HashMap<Uuid, String>, lang: Language) -> String {
    let list = |pick: &dyn Fn(&StoredCandidate) -> bool| -> String {
        r.candidates
            .iter()
            .filter(|c| pick(c))
            .map(|c| names.get(&c.user_id).cloned().unwrap_or_else(|| "?".into()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let elected = list(&|c| c.elected);
    let tied = list(&|c| c.tied);
    let fr = lang == Language::Fr;
    let mut out = match (elected.is_empty(), fr) {
        (true, true) => "Personne n'est élu·e.".to_owned(),
        (true, false) => "Nobody is elected.".to_owned(),
        (false, true) => format!("Élu·es : {elected}."),
        (false, false) => format!("Elected: {elected}."),
    };
    out.push(' ');
    out.push_str(&if fr {
        format!(
            "{} siège(s) sur {} pourvu(s), {} bulletin(s).",
            r.filled, r.seats, r.ballots
        )
    } else {
        format!(
            "{} of {} seat(s) filled, {} ballot(s).",
            r.filled, r.seats, r.ballots
        )
    });
    if !tied.is_empty() {
        out.push(' ');
        out.push_str(&if fr {
            format!("Égalité pour le(s) dernier(s) siège(s) : {tied} — l'assemblée départage.")
        } else {
            format!("Tied for the last seat(s): {tied} — the assembly decides.")
        });
    }
    out
}
