//! The strings of the general assembly added since the assembly pages were written (the rest
//! still lives in `Strings` itself): the chair's count of the votes cast in the room.

pub struct AssembliesStrings {
    pub room_count_title: &'static str,
    pub room_count_hint: &'static str,
    pub room_count_note: &'static str,
    pub room_count_submit: &'static str,
    pub room_count_saved: &'static str,
    pub room_count_invalid: &'static str,
}
