//! The portfolio report of a batch: one row per engagement, totals, per-FM roll-ups,
//! readiness charts and the engagements that failed, with their problems.
//!
//! [`Portfolio::from_loaded`] computes the report's figures from the model with the same
//! rules the kit uses ([`crate::model::rules`]); the XLSX writer
//! ([`crate::output::xlsx`]) reads them typed, and [`Portfolio::view`] turns them into the
//! localized strings the `portfolio.md.hbs` templates show (templates never compute).
//! The kit (`Kit::report`, a layer above) makes the report's files from them.
//!
//! Totals and roll-ups are the mean over engagements (each counts once, however many
//! services it has), leaving out engagements where nothing applies.

mod figures;
mod labels;
mod show;

pub use figures::{relative_file, Failed, FmRollup, Portfolio, Rollup, Row, Totals};
pub use labels::ReportLabels;
pub use show::{
    readiness_tone, segment_name, FailedView, FmView, PdfLimits, PortfolioView, Readiness,
    RollupView, RowView, TotalsView, FAIR_READINESS, GOOD_READINESS, PDF_LIMITS,
};
