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

/// A migration path's code in words.
fn path_words(code: &str, lang: Language) -> String {
    use Language::*;
    let w = match (code, lang) {
        ("INDIVIDUAL", Fr) => "individuel (le membre migre lui-même)",
        ("INDIVIDUAL", En) => "individual (the member moves it)",
        ("COLLECTIVE", Fr) => "collectif (avec un groupe de membres)",
        ("COLLECTIVE", En) => "collective (with a group of members)",
        ("SOCIAL_ECONOMY", Fr) => "structure d'économie sociale",
        ("SOCIAL_ECONOMY", En) => "social-economy structure",
        ("TAKEN_OVER", Fr) => "repris par un·e membre ou un Lab",
        ("TAKEN_OVER", En) => "taken over by a member or a Lab",
        ("CLOSED", Fr) => "fermeture du service",
        ("CLOSED", En) => "closing the service",
        _ => return code.to_lowercase().replace('_', " "),
    };
    w.to_owned()
}

/// A hand-over item's code in words.
fn item_words(code: &str, lang: Language) -> String {
    use Language::*;
    let w = match (code, lang) {
        ("SITE_FILES", Fr) => "les fichiers du site",
        ("SITE_FILES", En) => "the site's files",
        ("DATABASE_DUMP", Fr) => "l'export de la base de données",
        ("DATABASE_DUMP", En) => "the database dump",
        ("MAILBOX_EXPORT", Fr) => "l'export de la boîte mail",
        ("MAILBOX_EXPORT", En) => "the mailbox export",
        ("LIST_SUBSCRIBERS", Fr) => "la liste des abonné·es",
        ("LIST_SUBSCRIBERS", En) => "the list's subscribers",
        ("LIST_ARCHIVES", Fr) => "les archives de la liste",
        ("LIST_ARCHIVES", En) => "the list's archives",
        ("DOMAIN_TRANSFER_CODE", Fr) => "le code de transfert du domaine",
        ("DOMAIN_TRANSFER_CODE", En) => "the domain's transfer code",
        ("ZONE_FILE", Fr) => "le fichier de zone DNS",
        ("ZONE_FILE", En) => "the DNS zone file",
        ("OTHER_DATA", Fr) => "vos données",
        ("OTHER_DATA", En) => "your data",
        _ => return code.to_lowercase().replace('_', " "),
    };
    w.to_owned()
}

/// `YYYY-MM-DD` as the reader writes dates.
fn date_words(iso: &str, lang: Language) -> String {
    match (chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d"), lang) {
        (Ok(d), Language::Fr) => d.format("%d/%m/%Y").to_string(),
        (Ok(d), Language::En) => d.format("%Y-%m-%d").to_string(),
        (Err(_), _) => iso.to_owned(),
    }
}

/// The title of the deadline notice: how many days are left.
fn deadline_title(s: &str, days: i64, lang: Language) -> String {
    use Language::*;
    match (days, lang) {
        (d, Fr) if d > 1 => format!("Plus que {d} jours pour migrer « {s} »"),
        (d, En) if d > 1 => format!("{d} days left to move “{s}”"),
        (1, Fr) => format!("Plus qu'un jour pour migrer « {s} »"),
        (1, En) => format!("One day left to move “{s}”"),
        (_, Fr) => format!("La fin de service est arrivée pour « {s} »"),
        (_, En) => format!("The end of service has come for “{s}”"),
    }
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
        (TransitionPathChosen, Fr) => format!("Un chemin a été choisi pour « {s} »"),
        (TransitionPathChosen, En) => format!("A path was chosen for “{s}”"),
        (HandoverToConfirm, Fr) => format!("Des données de « {s} » vous ont été remises"),
        (HandoverToConfirm, En) => format!("Data of “{s}” was handed over to you"),
        (SupportAnswered, Fr) => format!("Votre demande d'aide « {s} » a une réponse"),
        (SupportAnswered, En) => format!("Your support request “{s}” was answered"),
        (TransitionDeadline, _) => {
            let days = payload.get("days").and_then(Value::as_i64).unwrap_or(0);
            deadline_title(s, days, lang)
        }
        (TransitionOfferDecided, Fr) if s.is_empty() => format!("Votre proposition d'aide : {st}"),
        (TransitionOfferDecided, En) if s.is_empty() => format!("Your offer to help: {st}"),
        (TransitionOfferDecided, Fr) => format!("Votre proposition pour « {s} » : {st}"),
        (TransitionOfferDecided, En) => format!("Your offer for “{s}”: {st}"),
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
        NotificationKind::TransitionPathChosen => {
            let path = path_words(field(payload, "path"), lang);
            let by = field(payload, "by");
            let target = field(payload, "target");
            let mut out = match lang {
                Fr => format!("Chemin : {path}, choisi par {by}."),
                En => format!("Path: {path}, chosen by {by}."),
            };
            if !target.is_empty() {
                out.push_str(&match lang {
                    Fr => format!(" Hébergeur visé : {target}."),
                    En => format!(" Target host: {target}."),
                });
            }
            out
        }
        NotificationKind::HandoverToConfirm => {
            let item = item_words(field(payload, "item"), lang);
            match lang {
                Fr => format!("Le groupe de travail vous a remis {item}. Vérifiez et confirmez-en la réception sur la page du service : sans votre confirmation, le service ne peut pas être fermé."),
                En => format!("The working group handed over {item}. Check it and confirm you received it on the service's page: without your confirmation, the service cannot be closed."),
            }
        }
        NotificationKind::TransitionDeadline => {
            let when = date_words(field(payload, "when"), lang);
            match lang {
                Fr => format!("L'association arrête d'héberger ce service le {when}. Choisissez un chemin, demandez de l'aide au groupe de travail, ou confirmez la remise de vos données."),
                En => format!("The association stops hosting this service on {when}. Choose a path, ask the working group for help, or confirm the hand-over of your data."),
            }
        }
        NotificationKind::TransitionOfferDecided => {
            let reason = field(payload, "detail");
            match lang {
                Fr => format!("Motif : {reason}"),
                En => format!("Reason: {reason}"),
            }
        }
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

    #[test]
    fn the_transitions_notices_say_what_to_do_in_both_languages() {
        let deadline = json!({ "subject": "moi@asbl.be", "days": 7, "when": "2018-01-01" });
        assert_eq!(
            title(
                NotificationKind::TransitionDeadline,
                &deadline,
                Language::Fr
            ),
            "Plus que 7 jours pour migrer « moi@asbl.be »"
        );
        assert_eq!(
            title(
                NotificationKind::TransitionDeadline,
                &deadline,
                Language::En
            ),
            "7 days left to move “moi@asbl.be”"
        );
        assert!(body(
            NotificationKind::TransitionDeadline,
            &deadline,
            Language::Fr
        )
        .contains("01/01/2018"));
        let last = json!({ "subject": "s", "days": 0, "when": "2018-01-01" });
        assert!(
            title(NotificationKind::TransitionDeadline, &last, Language::En)
                .starts_with("The end of service has come")
        );
        let handed = json!({ "subject": "site.be", "item": "DATABASE_DUMP" });
        assert!(
            body(NotificationKind::HandoverToConfirm, &handed, Language::En)
                .contains("the database dump")
        );
        let path = json!({ "subject": "l", "path": "COLLECTIVE", "by": "Ana", "target": "" });
        assert_eq!(
            body(NotificationKind::TransitionPathChosen, &path, Language::Fr),
            "Chemin : collectif (avec un groupe de membres), choisi par Ana."
        );
        let help = json!({ "subject": "", "status": "DECLINED", "detail": "assez" });
        assert_eq!(
            title(
                NotificationKind::TransitionOfferDecided,
                &help,
                Language::Fr
            ),
            "Votre proposition d'aide : déclinée"
        );
        for kind in [
            NotificationKind::TransitionPathChosen,
            NotificationKind::HandoverToConfirm,
            NotificationKind::SupportAnswered,
            NotificationKind::TransitionDeadline,
            NotificationKind::TransitionOfferDecided,
        ] {
            for lang in [Language::Fr, Language::En] {
                let (subject, text) =
                    mail(kind, &handed, lang, "Ana", "https://x/t", "https://x/n");
                assert!(
                    !subject.is_empty() && text.contains("https://x/t"),
                    "{kind:?}"
                );
            }
        }
    }
}
