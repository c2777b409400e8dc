//! The portfolio report for a batch: one row per engagement, roll-ups, charts, failures.
