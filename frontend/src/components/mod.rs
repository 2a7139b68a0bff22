//! Reusable pieces, one component per file.

pub mod bell;
pub mod copy_field;
pub mod field;
pub mod form_error;
pub mod loaded;
pub mod more_button;
pub mod nav;
pub mod select;
pub mod text_area;
