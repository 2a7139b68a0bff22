//! The polls' tables (`domain::polls`): the poll, open answers, and for anonymous polls who
//! took part and the unlinked answers.

pub mod poll;
pub mod poll_answer;
pub mod poll_ballot;
pub mod poll_participation;
