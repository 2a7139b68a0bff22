//! iCalendar (RFC 5545) output for the barcamp feeds: escaping of text values (3.3.11),
//! lines folded at 75 octets without splitting a UTF-8 character (3.1), CRLF line ends.
//! Instants are written in UTC (`19980119T070000Z`), so no VTIMEZONE is needed.

/// One event. `uid` must stay the same across updates so calendars replace the event;
/// `sequence` grows with each change of time or place.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub uid: String,
    /// `YYYYMMDDTHHMMSSZ`
    pub stamp: String,
    pub start: String,
    pub end: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub sequence: i32,
    pub cancelled: bool,
    /// `YYYYMMDDTHHMMSSZ`
    pub last_modified: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub events: Vec<Event>,
}

/// Escapes a TEXT value: backslash, semicolon, comma, newline.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (continuation lines start with one space) and ends
/// every physical line with CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

pub fn write(cal: &Calendar) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Constellation//Barcamp//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&cal.name)));
    for e in &cal.events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&e.uid)));
        line(format!("DTSTAMP:{}", e.stamp));
        line(format!("DTSTART:{}", e.start));
        line(format!("DTEND:{}", e.end));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.location.is_empty() {
            line(format!("LOCATION:{}", escape(&e.location)));
        }
        line(format!("SEQUENCE:{}", e.sequence.max(0)));
        line(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        line(format!("LAST-MODIFIED:{}", e.last_modified));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(100));
        let mut out = String::new();
        fold(&long, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn writes_a_calendar() {
        let cal = Calendar {
            name: "Barcamp 2027".into(),
            events: vec![Event {
                uid: "abc@constellation".into(),
                stamp: "20270101T000000Z".into(),
                start: "20270612T080000Z".into(),
                end: "20270612T084500Z".into(),
                summary: "Free, open networks".into(),
                description: String::new(),
                location: "Room A".into(),
                sequence: 2,
                cancelled: true,
                last_modified: "20270101T000000Z".into(),
            }],
        };
        let s = write(&cal);
        assert!(s.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(s.contains("SUMMARY:Free\\, open networks\r\n"));
        assert!(s.contains("STATUS:CANCELLED\r\n"));
        assert!(!s.contains("DESCRIPTION"));
        assert!(s.ends_with("END:VCALENDAR\r\n"));
    }
}
