//! Minutes (*procès-verbal*) generated from the record: attendance, proxies, the agenda, each
//! motion with its result and the rule applied, in the assembly's language; as markdown and
//! as printable HTML.

use crate::domain::assemblies::votes::stored_result;
use crate::domain::assemblies::{self, reader};
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::{majority_rule, user};
use constellation_shared::dto::assemblies::{AssemblyStatus, MajorityRuleCode, MotionStatus};
use constellation_shared::ids::AssemblyId;
use constellation_shared::Language;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::fmt::Write as _;
use uuid::Uuid;

pub struct Minutes {
    /// `fr` or `en`: the assembly's language.
    pub lang: &'static str,
    pub title: String,
    pub markdown: String,
}

pub async fn build(env: &Env, actor: &Actor, id: AssemblyId) -> DomainResult<Minutes> {
    reader(actor)?;
    let a = assemblies::find(&env.db, id).await?;
    if a.status != AssemblyStatus::Closed {
        return Err(DomainError::InvalidTransition("minutes follow the closing"));
    }
    let lang = a.language;
    let fr = lang == Language::Fr;
    let present = crate::domain::assemblies::proxies::present(&env.db, id).await?;
    let represented = crate::domain::assemblies::proxies::represented(&env.db, id).await?;
    let mut ids: Vec<Uuid> = present.clone();
    ids.extend(
        represented
            .iter()
            .flat_map(|p| [p.principal_id, p.holder_id]),
    );
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&env.db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id,
                if u.deleted_at.is_some() {
                    "—".to_owned()
                } else {
                    u.display_name
                },
            )
        })
        .collect();
    let name = |id: &Uuid| names.get(id).cloned().unwrap_or_else(|| "—".into());
    let rules: HashMap<MajorityRuleCode, majority_rule::Model> = assemblies::rules(&env.db)
        .await?
        .into_iter()
        .map(|r| (r.code, r))
        .collect();
    let members = assemblies::effective_members(&env.db).await?;
    let mut md = String::new();
    let kind = match (a.kind.as_str(), fr) {
        ("EXTRAORDINARY", true) => "Assemblée générale extraordinaire",
        ("EXTRAORDINARY", false) => "Extraordinary general assembly",
        (_, true) => "Assemblée générale ordinaire",
        (_, false) => "Ordinary general assembly",
    };
    let title = format!("{kind} — {}", a.title);
    let _ = writeln!(md, "# {}\n", title);
    let _ = writeln!(
        md,
        "{} {} UTC — {}\n",
        if fr { "Date :" } else { "Date:" },
        a.starts_at.format("%Y-%m-%d %H:%M"),
        a.place
    );
    if a.first_convocation_id.is_some() {
        let _ = writeln!(
            md,
            "{}\n",
            if fr {
                "Seconde convocation : le quorum ne s'applique pas."
            } else {
                "Second convocation: no quorum applies."
            }
        );
    }
    let _ = writeln!(md, "## {}\n", if fr { "Présences" } else { "Attendance" });
    let _ = writeln!(
        md,
        "{} {members}. {} {}. {} {}.\n",
        if fr {
            "Membres effectifs :"
        } else {
            "Effective members:"
        },
        if fr { "Présent·es :" } else { "Present:" },
        present.len(),
        if fr {
            "Représenté·es :"
        } else {
            "Represented:"
        },
        represented.len()
    );
    let mut here: Vec<String> = present.iter().map(name).collect();
    here.sort();
    for n in here {
        let _ = writeln!(md, "- {n}");
    }
    if !represented.is_empty() {
        let _ = writeln!(
            md,
            "\n### {}\n",
            if fr { "Procurations" } else { "Proxies" }
        );
        for p in &represented {
            let _ = writeln!(md, "- {} → {}", name(&p.principal_id), name(&p.holder_id));
        }
    }
    let _ = writeln!(
        md,
        "\n## {}\n",
        if fr {
            "Ordre du jour et décisions"
        } else {
            "Agenda and decisions"
        }
    );
    let motions = assemblies::motions(&env.db, id).await?;
    for item in assemblies::items(&env.db, id).await? {
        let depth = assemblies::depth_of(&item) as usize;
        let _ = writeln!(
            md,
            "{} {}. {}\n",
            "#".repeat((3 + depth).min(6)),
            item.number,
            item.title
        );
        if !item.body.trim().is_empty() {
            let _ = writeln!(md, "{}\n", item.body.trim());
        }
        for m in motions.iter().filter(|m| m.item_id == item.id) {
            let _ = writeln!(
                md,
                "**{}** {}\n",
                if fr { "Motion :" } else { "Motion:" },
                m.text
            );
            if crate::domain::assemblies::elections::is_election(m) {
                election_lines(&env.db, &mut md, m, fr, lang).await?;
                continue;
            }
            let ballot = match (m.ballot.as_str(), fr) {
                _ if m.encrypted && fr => "scrutin secret chiffré, vérifiable",
                _ if m.encrypted => "encrypted, verifiable secret ballot",
                ("SECRET", true) => "scrutin secret",
                ("SECRET", false) => "secret ballot",
                (_, true) => "vote à main levée",
                (_, false) => "open ballot",
            };
            match (stored_result(m), rules.get(&m.rule_code)) {
                (Some(r), Some(rule)) => {
                    let verdict = match (r.passed, fr) {
                        (true, true) => "ADOPTÉE",
                        (true, false) => "PASSED",
                        (false, true) => "REJETÉE",
                        (false, false) => "REJECTED",
                    };
                    let _ = writeln!(md, "{verdict} ({ballot}). {}\n", r.explain(rule, lang));
                    let room = r.room();
                    if room.yes + room.no + room.abstain > 0 {
                        let online = r.online();
                        let _ = writeln!(md, "{}\n", split_line(online, room, fr));
                    }
                }
                _ => {
                    let _ = writeln!(md, "{}\n", no_result_line(m, fr));
                }
            }
        }
    }
    Ok(Minutes {
        lang: lang.code(),
        title,
        markdown: md,
    })
}

/// A motion or election without a result yet: not put to the vote, being voted, or closed
/// and waiting for the trustees (a closed plain vote always has its result).
fn no_result_line(m: &crate::entities::motion::Model, fr: bool) -> &'static str {
    match (m.status, fr) {
        (MotionStatus::Closed, true) => {
            "Vote clos ; dépouillement en attente du déchiffrement par les gardiens de la clé."
        }
        (MotionStatus::Closed, false) => {
            "Voting closed; the count awaits the trustees' decryption."
        }
        (MotionStatus::Open, true) => "Vote en cours.",
        (MotionStatus::Open, false) => "Voting in progress.",
        (MotionStatus::Draft, true) => "Non mise au vote.",
        (MotionStatus::Draft, false) => "Not put to the vote.",
    }
}

/// An election in the minutes: seats, who is elected, who is tied, and every candidate's counts.
async fn election_lines(
    db: &sea_orm::DatabaseConnection,
    md: &mut String,
    m: &crate::entities::motion::Model,
    fr: bool,
    lang: Language,
) -> DomainResult<()> {
    use crate::domain::assemblies::elections::{explain, StoredElection};
    let _ = writeln!(
        md,
        "**{}** {}\n",
        if fr { "Élection :" } else { "Election:" },
        m.text
    );
    let Some(r) = StoredElection::read(m) else {
        let _ = writeln!(md, "{}\n", no_result_line(m, fr));
        return Ok(());
    };
    let ids: Vec<Uuid> = r.candidates.iter().map(|c| c.user_id).collect();
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let _ = writeln!(md, "{}\n", explain(&r, &names, lang));
    for c in &r.candidates {
        let who = names.get(&c.user_id).map_or("—", String::as_str);
        let status = match (c.elected, c.tied, fr) {
            (true, _, true) => " — élu·e",
            (true, _, false) => " — elected",
            (_, true, true) => " — ex æquo",
            (_, true, false) => " — tied",
            _ => "",
        };
        let _ = writeln!(
            md,
            "- {who}{} {} {}, {} {}, {} {}{status}",
            if fr { " :" } else { ":" },
            c.yes,
            if fr { "pour" } else { "yes" },
            c.no,
            if fr { "contre" } else { "no" },
            c.abstain,
            if fr { "abstention(s)" } else { "abstain" }
        );
    }
    let _ = writeln!(md);
    Ok(())
}

/// How many were cast which way online and in the room (paper, show of hands).
fn split_line(
    online: constellation_shared::rules::majority::Tally,
    room: constellation_shared::rules::majority::Tally,
    fr: bool,
) -> String {
    if fr {
        format!(
            "En ligne : {} pour, {} contre, {} abstention(s). En salle : {} pour, {} contre, {} abstention(s).",
            online.yes, online.no, online.abstain, room.yes, room.no, room.abstain
        )
    } else {
        format!(
            "Online: {} yes, {} no, {} abstaining. In the room: {} yes, {} no, {} abstaining.",
            online.yes, online.no, online.abstain, room.yes, room.no, room.abstain
        )
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A printable page: headings, lists and paragraphs from the markdown above (which only
/// uses those), every text escaped.
pub fn html(m: &Minutes) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for line in m.markdown.lines() {
        let is_item = line.starts_with("- ");
        if in_list && !is_item {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(rest) = line.strip_prefix("- ") {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            let _ = writeln!(body, "<li>{}</li>", escape(rest));
        } else if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count().min(6);
            let _ = writeln!(
                body,
                "<h{level}>{}</h{level}>",
                escape(line[level..].trim())
            );
        } else if !line.trim().is_empty() {
            let text = escape(line);
            let text = match text.strip_prefix("**").and_then(|t| t.split_once("**")) {
                Some((b, rest)) => format!("<strong>{b}</strong>{rest}"),
                None => text,
            };
            let _ = writeln!(body, "<p>{text}</p>");
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
<style>body{{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;line-height:1.5}}\
@media print{{body{{margin:0}}}}</style></head><body>\n{body}</body></html>\n",
        m.lang,
        escape(&m.title)
    )
}
