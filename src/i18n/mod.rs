//! Localisation: the languages, the labels every document reads and the way each language
//! writes numbers and dates.
//!
//! - [`lang`]: [`Lang`], the document languages and how users spell them;
//! - [`labels`]: the one loader of `templates/<lang>/labels.toml` (built-ins, overridden
//!   from `--templates DIR`);
//! - [`format`](mod@format): numbers, percentages and dates as each language writes them.
//!
//! Nothing here knows an engagement: the model and every layer above it read from here.

pub mod format;
pub mod labels;
pub mod lang;

pub use lang::Lang;
