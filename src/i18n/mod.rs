//! Localisation: the languages, the labels every document reads, the way each language
//! writes numbers and dates, and every problem message.
//!
//! - [`lang`]: [`Lang`], the document languages, how users spell them, how the locale
//!   picks one, and the writers' own strings (page numbers, "Notes", N/A);
//! - [`labels`]: the one loader of `templates/<lang>/labels.toml` (built-ins, overridden
//!   from `--templates DIR`);
//! - [`format`](mod@format): numbers, percentages and dates as each language writes them;
//! - messages: a [`Message`] holds what is wrong and its arguments; it is worded only when
//!   shown, in English ([`Message::en`], the stable `message` of `check --format json`) or
//!   in Brazilian Portuguese ([`Message::render`]), with the words `check` and `build`
//!   print around it ([`Ui`]);
//! - [`commands`]: [`CmdText`], what a command prints after `error:`/`hint:` when it cannot
//!   run at all.
//!
//! Nothing here knows an engagement: the model and every layer above it read from here.
//! What the customer reads in the documents stays in the templates (`--templates DIR`).

pub mod commands;
pub mod format;
pub mod labels;
pub mod lang;
mod messages;

pub use commands::CmdText;
pub use lang::Lang;
pub use messages::{
    Detail, FileKind, Keyword, Message, Name, Place, ReadError, Ui, DUPLICATE_PLACES_SHOWN,
};
