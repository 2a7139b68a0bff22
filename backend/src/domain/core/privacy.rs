//! What every context hands to the member's export: sections of plain rows. Each context
//! writes its own part (`privacy` functions next to its data); `flows::export` assembles them.

/// One tabular section of the export (becomes a CSV file in the zip).
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}
