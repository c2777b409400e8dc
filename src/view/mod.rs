//! View: what each document shows, computed from the model (SSAT readiness, gaps,
//! overdue items, eligibility, localized labels). Templates never compute.
