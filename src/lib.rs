//! successkit: Customer Success Workshop data in, the customer's kit out.
//!
//! One pipeline, one direction (see `docs/architecture.md`):
//!
//! ```text
//! input ──► model ──► view ──► template ──► document ──► output (pdf | docx | html | xlsx)
//! ```
//!
//! - [`input`]: files into raw tables with their places;
//! - [`model`]: raw tables into validated engagements and every problem found;
//!   [`model::rules`] holds the rules every document and the report judge by;
//! - [`view`]: what each document shows, computed from the model, and the portfolio
//!   report's figures ([`view::portfolio`]);
//! - [`template`]: handlebars templates rendering Markdown from views;
//! - [`document`]: Markdown into the one document IR;
//! - [`output`]: writers from the IR to bytes (PDF, DOCX, HTML, XLSX);
//! - [`kit`]: the documents of one engagement, and the report of a whole batch, from one
//!   set of writers;
//! - below them all: [`i18n`] (languages, labels, number and date formats), [`names`]
//!   (the contract's sheet and column names), [`problem`], [`theme`]; beside them
//!   [`outdir`] (the output folder) and [`starter`] (the starter workbook);
//! - [`mail`]: each customer's kit by e-mail (drafts or SMTP), with a send journal.
//!
//! The binary (`src/bin/successkit`) decides paths, writes files atomically, shows
//! progress, prints problems and sets the exit code; nothing here touches the process.

#![warn(missing_docs)]

pub mod document;
pub mod i18n;
pub mod input;
pub mod kit;
pub mod mail;
pub mod model;
pub mod names;
pub mod outdir;
pub mod output;
pub mod problem;
pub mod starter;
pub mod template;
pub mod theme;
pub mod view;
