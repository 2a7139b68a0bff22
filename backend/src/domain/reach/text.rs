//! What notifications and their mails say, in French and in English. A notification keeps
//! its kind and a small JSON payload (`subject`: what it is about, by name; `status`: a
//! decision; `when`: an instant; for a convocation `place` and `agenda`); the words are
//! chosen when it is shown, in the reader's language.

use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::Language;
use serde_json::Value;

fn field<'a>(payload: &'a Value, key: &str) -> &'a str {
    payload.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A decision's code in words.
fn status_words(code: &str, lang: Language) -> String {
    use Language::*;
    let w = match (code, lang) {
        ("APPROVED" | "ACTIVE", Fr) => "approuvé",
        ("APPROVED" | "ACTIVE", En) => "approved",
        ("REJECTED", Fr) => "refusé",
        ("REJECTED", En) => "rejected",
        ("GRANTED", Fr) => "accordée",
        ("GRANTED", En) => "granted",
        ("ACCEPTED", Fr) => "acceptée",
        ("ACCEPTED", En) => "accepted",
        ("DECLINED", Fr) => "déclinée",
        ("DECLINED", En) => "declined",
        ("CHANGES_REQUESTED", Fr) => "modifications demandées",
        ("CHANGES_REQUESTED", En) => "changes requested",
        ("MEMBER", Fr) => "accepté·e",
        ("MEMBER", En) => "accepted",
        _ => return code.to_lowercase().replace('_', " "),
    };
    w.to_owned()
}

/// An RFC 3339 instant as a readable date and time (UTC; the page shows local time).
pub fn when_words(rfc3339: &str, lang: Language) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let t = t.with_timezone(&chrono::Utc);
            match lang {
                Language::Fr => t.format("%d/%m/%Y à %H:%M UTC").to_string(),
                Language::En => t.format("%Y-%m-%d at %H:%M UTC").to_string(),
            }
        }
        Err(_) => rfc3339.to_owned(),
    }
}

/// One line: what happened.
pub fn title(kind: NotificationKind, payload: &Value, lang: Language) -> String {
    use Language::*;
    use NotificationKind::*;
    let s = field(payload, "subject");
    let st = status_words(field(payload, "status"), lang);
    match (kind, lang) {
        (LabDecision, Fr) => format!("Votre Lab « {s} » : {st}"),
        (LabDecision, En) => format!("Your Lab “{s}”: {st}"),
        (JoinRequest, Fr) => format!("Une demande pour rejoindre « {s} » attend votre décision"),
        (JoinRequest, En) => format!("A request to join “{s}” awaits your decision"),
        (JoinAnswer, Fr) => format!("Votre demande pour rejoindre « {s} » : {st}"),
        (JoinAnswer, En) => format!("Your request to join “{s}”: {st}"),
        (ResourceDecision, Fr) => format!("Demande de ressources « {s} » : {st}"),
        (ResourceDecision, En) => format!("Resource request “{s}”: {st}"),
        (AssemblyConvened, Fr) => format!("Convocation : {s}"),
        (AssemblyConvened, En) => format!("Convocation: {s}"),
        (VotingOpen, Fr) => format!("Le vote est ouvert : {s}"),
        (VotingOpen, En) => format!("Voting is open: {s}"),
        (ProxyAsked, Fr) => format!("On vous demande de porter une procuration pour « {s} »"),
        (ProxyAsked, En) => format!("You are asked to hold a proxy for “{s}”"),
        (ProxyAnswered, Fr) => format!("Votre procuration pour « {s} » : {st}"),
        (ProxyAnswered, En) => format!("Your proxy for “{s}”: {st}"),
        (ProxyReclaimed, Fr) => format!("Une procuration pour « {s} » a été reprise"),
        (ProxyReclaimed, En) => format!("A proxy for “{s}” was taken back"),
        (SessionScheduled, Fr) => format!("Votre session « {s} » est au programme"),
        (SessionScheduled, En) => format!("Your session “{s}” is in the programme"),
        (SessionMoved, Fr) => format!("La session « {s} » a changé de place"),
        (SessionMoved, En) => format!("The session “{s}” moved"),
        (SessionCancelled, Fr) => format!("La session « {s} » est annulée"),
        (SessionCancelled, En) => format!("The session “{s}” is cancelled"),
        (RulesChanged, Fr) => "Les règles communes ont changé".to_owned(),
        (RulesChanged, En) => "The common rules changed".to_owned(),
        (Invitation, Fr) => format!("Vous êtes invité·e à rejoindre « {s} »"),
        (Invitation, En) => format!("You are invited to join “{s}”"),
    }
}

/// A few lines more (may be empty).
pub fn body(kind: NotificationKind, payload: &Value, lang: Language) -> String {
    use Language::*;
    let when = field(payload, "when");
    let place = field(payload, "place");
    match kind {
        NotificationKind::AssemblyConvened | NotificationKind::VotingOpen if !when.is_empty() => {
            let w = when_words(when, lang);
            match lang {
                Fr if place.is_empty() => format!("Le {w}."),
                Fr => format!("Le {w}, {place}."),
                En if place.is_empty() => format!("On {w}."),
                En => format!("On {w}, {place}."),
            }
        }
        NotificationKind::SessionScheduled | NotificationKind::SessionMoved if !when.is_empty() => {
            let w = when_words(when, lang);
            match lang {
                Fr => format!("Le {w}, salle {place}."),
                En => format!("On {w}, room {place}."),
            }
        }
        NotificationKind::RulesChanged => match lang {
            Fr => "Lisez la nouvelle version et prenez-en connaissance.".to_owned(),
            En => "Read the new version and acknowledge it.".to_owned(),
        },
        _ => field(payload, "detail").to_owned(),
    }
}

/// The agenda of a convocation, one line per item, statutory items marked.
pub fn agenda_lines(payload: &Value, lang: Language) -> Vec<String> {
    let Some(items) = payload.get("agenda").and_then(Value::as_array) else {
        return vec![];
    };
    items
        .iter()
        .map(|i| {
            let n = field(i, "number");
            let t = field(i, "title");
            let statutory = i.get("statutory").and_then(Value::as_bool) == Some(true);
            match (statutory, lang) {
                (true, Language::Fr) => format!("{n}. {t} (point statutaire)"),
                (true, Language::En) => format!("{n}. {t} (statutory item)"),
                (false, _) => format!("{n}. {t}"),
            }
        })
        .collect()
}

/// Subject and plain-text body of the mail for a notification. `link` is absolute.
pub fn mail(
    kind: NotificationKind,
    payload: &Value,
    lang: Language,
    name: &str,
    link: &str,
    preferences: &str,
) -> (String, String) {
    use Language::*;
    let t = title(kind, payload, lang);
    let b = body(kind, payload, lang);
    let mut text = match lang {
        Fr => format!("Bonjour {name},\n\n{t}."),
        En => format!("Hello {name},\n\n{t}."),
    };
    if !b.is_empty() {
        text.push_str("\n\n");
        text.push_str(&b);
    }
    if kind == NotificationKind::AssemblyConvened {
        let agenda = agenda_lines(payload, lang);
        if !agenda.is_empty() {
            text.push_str(match lang {
                Fr => "\n\nOrdre du jour :\n",
                En => "\n\nAgenda:\n",
            });
            text.push_str(&agenda.join("\n"));
        }
        text.push_str(match lang {
            Fr => "\n\nVous ne pouvez pas venir ? Donnez procuration à un·e autre membre effectif·ve, sur la page de l'assemblée :\n",
            En => "\n\nCannot come? Give your proxy to another effective member, on the assembly's page:\n",
        });
    } else {
        text.push_str("\n\n");
    }
    text.push_str(link);
    text.push_str(match lang {
        Fr => "\n\n-- \nConstellation. Vos préférences de notification : ",
        En => "\n\n-- \nConstellation. Your notification preferences: ",
    });
    text.push_str(preferences);
    (t, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_convocation_mail_lists_the_agenda_with_statutory_items_marked() {
        let payload = json!({
            "subject": "AG 2027", "when": "2027-03-01T18:00:00Z", "place": "Brussels",
            "agenda": [
                { "number": "1", "title": "Accounts", "statutory": true },
                { "number": "2", "title": "Barcamp", "statutory": false }
            ]
        });
        let (subject, text) = mail(
            NotificationKind::AssemblyConvened,
            &payload,
            Language::Fr,
            "Ana",
            "https://x.example/assemblies/1",
            "https://x.example/notifications",
        );
        assert_eq!(subject, "Convocation : AG 2027");
        assert!(text.contains("1. Accounts (point statutaire)"), "{text}");
        assert!(text.contains("2. Barcamp\n"), "{text}");
        assert!(text.contains("01/03/2027 à 18:00 UTC, Brussels"), "{text}");
        assert!(text.contains("procuration"));
        let (en, _) = mail(
            NotificationKind::AssemblyConvened,
            &payload,
            Language::En,
            "Ana",
            "l",
            "p",
        );
        assert_eq!(en, "Convocation: AG 2027");
    }
}
