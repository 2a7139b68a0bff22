//! English: the general assembly (the room's count).

use crate::i18n::assemblies::AssembliesStrings;

pub const ASSEMBLIES: AssembliesStrings = AssembliesStrings {
    room_count_title: "Votes cast in the room",
    room_count_hint: "Paper ballots or a show of hands: the count is added to the online votes. Recording it again replaces it.",
    room_count_note: "How it was counted (optional)",
    room_count_submit: "Record the room's count",
    room_count_saved: "The room's count is recorded.",
    room_count_invalid: "Each count is a whole number from 0, and together they cannot exceed the members present or represented who have not voted online.",
};
