//! Reading a roster of members to invite: CSV (RFC 4180: quoted cells may hold separators,
//! doubled quotes and line breaks) with a header naming `name`, `email` and `kind`. A
//! spreadsheet saved in a French locale separates cells with `;`, so the header decides.

use super::invitations::Problem;
use crate::domain::DomainError;
use constellation_shared::{MembershipKind, ValidationReason};

/// One person of the roster, with the line their record starts on.
#[derive(Debug, PartialEq)]
pub struct RosterLine {
    pub line: usize,
    pub email: String,
    pub name: Option<String>,
    pub kind: MembershipKind,
}

/// A kind as people write it: the API's names or the French ones, in any case.
pub fn kind(raw: &str) -> Option<MembershipKind> {
    match raw.trim().to_lowercase().as_str() {
        "effective" | "effectif" | "effective member" | "membre effectif" => {
            Some(MembershipKind::Effective)
        }
        "adherent" | "adhérent" | "adherent member" | "membre adhérent" | "membre adherent" => {
            Some(MembershipKind::Adherent)
        }
        "sympathizer" | "sympathiser" | "sympathisant" | "sympathisante" => {
            Some(MembershipKind::Sympathizer)
        }
        _ => None,
    }
}

/// Records and the line each starts on; blank records are skipped. `Err(line)`: a quote
/// opened on that line is never closed.
pub(crate) fn records(text: &str, sep: char) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut out = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start) = (1usize, 1usize);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut end_row = |row: &mut Vec<String>, cell: &mut String, start: usize| {
        row.push(std::mem::take(cell));
        if row.iter().any(|c| !c.trim().is_empty()) {
            out.push((start, std::mem::take(row)));
        }
        row.clear();
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            c if c == sep => row.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                end_row(&mut row, &mut cell, start);
                line += 1;
                start = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(start);
    }
    end_row(&mut row, &mut cell, start);
    Ok(out)
}

fn problem(line: usize, email: &str, field: &'static str, reason: ValidationReason) -> Problem {
    Problem {
        line,
        email: email.trim().to_owned(),
        code: DomainError::invalid(field, reason).code(),
        field: Some(field),
        reason: Some(reason),
    }
}

/// The roster's people and its bad lines (a bad header is line 1's problem, and then no line
/// is read). Addresses and names are checked later, with the list's other checks.
pub fn parse(csv: &str) -> (Vec<RosterLine>, Vec<Problem>) {
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let first = text.lines().next().unwrap_or_default();
    let sep = if first.contains(';') && !first.contains(',') {
        ';'
    } else {
        ','
    };
    let rows = match records(text, sep) {
        Ok(r) => r,
        Err(line) => {
            return (
                vec![],
                vec![problem(line, "", "csv", ValidationReason::Invalid)],
            )
        }
    };
    let Some(((header_line, header), body)) = rows.split_first() else {
        return (
            vec![],
            vec![problem(1, "", "csv", ValidationReason::Required)],
        );
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let at = |n: &str| names.iter().position(|h| h == n);
    let (Some(name_at), Some(email_at), Some(kind_at)) = (at("name"), at("email"), at("kind"))
    else {
        return (
            vec![],
            vec![problem(
                *header_line,
                "",
                "header",
                ValidationReason::Invalid,
            )],
        );
    };
    if names.len() != 3 {
        return (
            vec![],
            vec![problem(
                *header_line,
                "",
                "header",
                ValidationReason::Invalid,
            )],
        );
    }
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for (line, cells) in body {
        let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
        let email = cell(email_at);
        if cells.len() != names.len() {
            problems.push(problem(*line, email, "csv", ValidationReason::Invalid));
            continue;
        }
        let kind = match cell(kind_at).trim() {
            "" => Err(ValidationReason::Required),
            k => kind(k).ok_or(ValidationReason::Invalid),
        };
        match kind {
            Ok(kind) => lines.push(RosterLine {
                line: *line,
                email: email.to_owned(),
                name: Some(cell(name_at).to_owned()).filter(|n| !n.trim().is_empty()),
                kind,
            }),
            Err(reason) => problems.push(problem(*line, email, "kind", reason)),
        }
    }
    (lines, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_hold_separators_quotes_and_line_breaks() {
        let csv = "\u{feff}Name,EMAIL,kind\r\n\"Dupont, Ana\",ana@example.be,effective\r\n\r\n\"Bo \"\"B\"\"\nSecond\",bo@example.be,Adhérent\n";
        let (lines, problems) = parse(csv);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].name.as_deref(), Some("Dupont, Ana"));
        assert_eq!(lines[0].line, 2);
        assert_eq!(lines[0].kind, MembershipKind::Effective);
        assert_eq!(lines[1].name.as_deref(), Some("Bo \"B\"\nSecond"));
        assert_eq!(lines[1].line, 4);
        assert_eq!(lines[1].kind, MembershipKind::Adherent);
    }

    #[test]
    fn semicolons_and_column_order_follow_the_header() {
        let (lines, problems) = parse("email;kind;name\nana@example.be;SYMPATHIZER;Ana\n");
        assert!(problems.is_empty());
        assert_eq!(lines[0].email, "ana@example.be");
        assert_eq!(lines[0].name.as_deref(), Some("Ana"));
    }

    #[test]
    fn bad_lines_are_reported_by_line() {
        let (lines, problems) = parse(
            "name,email,kind\nAna,ana@example.be,PRESIDENT\nBo,bo@example.be\nCy,cy@example.be,\n",
        );
        assert!(lines.is_empty());
        let got: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.field, p.reason))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, Some("kind"), Some(ValidationReason::Invalid)),
                (3, Some("csv"), Some(ValidationReason::Invalid)),
                (4, Some("kind"), Some(ValidationReason::Required)),
            ]
        );
        let (_, p) = parse("nom,courriel\nAna,ana@example.be\n");
        assert_eq!(p[0].field, Some("header"));
        let (_, p) = parse("name,email,kind\n\"Ana,ana@example.be,EFFECTIVE\n");
        assert_eq!((p[0].line, p[0].field), (2, Some("csv")));
    }
}
