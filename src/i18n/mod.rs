//! Localisation: the language type and, per language, every problem message, the words
//! `check` and `build` print around them, and the writers' own strings (page numbers,
//! "Notes", N/A).
//!
//! Messages are data: a [`Message`] holds what is wrong and its arguments; it is worded
//! only when shown, in English ([`Message::en`], the stable `message` of
//! `check --format json`) or in Brazilian Portuguese ([`Message::render`]). What the
//! customer reads in the documents stays in the templates (`--templates DIR`).

pub mod lang;
mod messages;

pub use lang::Lang;
pub use messages::{Detail, FileKind, Keyword, Message, Name, Place, Ui};
