//! The rules every document and the portfolio report judge an engagement by, written
//! once: factor scores and readiness, gaps, overdue as of a date, mandatory tasks open and
//! enhanced-adoption eligibility. `docs/documents.md` states them for readers.
//!
//! The kit's views ([`crate::view`]) and the report's figures
//! ([`crate::view::portfolio`]) both call these, so the two cannot disagree about a
//! customer.

use super::{Engagement, FactorStatus, Segment, Service, WorkStatus};
use chrono::NaiveDate;

/// Licenses an Enterprise customer must exceed for the enhanced adoption services.
pub const ENHANCED_ADOPTION_LICENSES: u64 = 20_000;

/// The score of one success factor: Done 1, In progress ½, Not started 0; N/A does not
/// count (`None`).
pub fn factor_score(status: FactorStatus) -> Option<f32> {
    match status {
        FactorStatus::Done => Some(1.0),
        FactorStatus::InProgress => Some(0.5),
        FactorStatus::NotStarted => Some(0.0),
        FactorStatus::NotApplicable => None,
    }
}

/// Readiness of a set of factor statuses: the mean score of the applicable ones, 0 to 1;
/// `None` when none applies.
pub fn readiness(statuses: impl IntoIterator<Item = FactorStatus>) -> Option<f32> {
    let (sum, n) = statuses
        .into_iter()
        .filter_map(factor_score)
        .fold((0.0f32, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f32)
}

/// The four SSAT statuses of a service, in contract order (stakeholders, scenarios,
/// awareness, training).
pub fn factors(service: &Service) -> [FactorStatus; 4] {
    [
        service.stakeholders,
        service.scenarios,
        service.awareness,
        service.training,
    ]
}

/// A gap: a factor not started or in progress.
pub fn is_gap(status: FactorStatus) -> bool {
    matches!(status, FactorStatus::NotStarted | FactorStatus::InProgress)
}

/// Readiness of each factor across the engagement's services, in contract order.
pub fn factor_readiness(e: &Engagement) -> [Option<f32>; 4] {
    std::array::from_fn(|i| readiness(e.services.iter().map(|s| factors(s)[i])))
}

/// Readiness over every factor of every service.
pub fn overall_readiness(e: &Engagement) -> Option<f32> {
    readiness(e.services.iter().flat_map(factors))
}

/// Readiness shown as a whole percentage at or above which it is good (green).
pub const GOOD_READINESS: f32 = 0.8;

/// Readiness shown as a whole percentage at or above which it is fair (amber); below
/// it, a gap (red).
pub const FAIR_READINESS: f32 = 0.5;

/// How a readiness figure is coloured wherever it is shown (the kit and the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadinessBand {
    /// At or above [`GOOD_READINESS`].
    Good,
    /// At or above [`FAIR_READINESS`].
    Fair,
    /// Below it.
    Low,
}

/// The band of a readiness (0 to 1), judged on the whole percentage a reader sees, so a
/// figure shown as 50% is never coloured as below 50% (0.496 rounds to 50%: fair).
pub fn readiness_band(value: f32) -> ReadinessBand {
    let shown = (value * 100.0).round();
    if shown >= (GOOD_READINESS * 100.0).round() {
        ReadinessBand::Good
    } else if shown >= (FAIR_READINESS * 100.0).round() {
        ReadinessBand::Fair
    } else {
        ReadinessBand::Low
    }
}

/// Due before `as_of` and not closed; due on `as_of` itself is not yet overdue.
pub fn is_overdue(due: Option<NaiveDate>, status: WorkStatus, as_of: NaiveDate) -> bool {
    due.is_some_and(|d| d < as_of) && !status.is_closed()
}

/// A next check-in whose date has passed by `as_of`: the data has not been brought up to
/// date since, or the meeting was missed; the plan and the portfolio report mark it.
pub fn checkin_overdue(next: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    next.is_some_and(|d| d < as_of)
}

/// Portal tasks overdue as of a date.
pub fn overdue_tasks(e: &Engagement, as_of: NaiveDate) -> usize {
    e.tasks
        .iter()
        .filter(|t| is_overdue(t.due, t.status, as_of))
        .count()
}

/// Agreed actions overdue as of a date.
pub fn overdue_actions(e: &Engagement, as_of: NaiveDate) -> usize {
    e.actions
        .iter()
        .filter(|a| is_overdue(a.due, a.status, as_of))
        .count()
}

/// Tasks marked mandatory that are neither completed nor N/A.
pub fn mandatory_open(e: &Engagement) -> usize {
    e.tasks
        .iter()
        .filter(|t| t.mandatory == Some(true) && !t.status.is_closed())
        .count()
}

/// Enterprise segment and more than [`ENHANCED_ADOPTION_LICENSES`] licenses.
pub fn enhanced_adoption_eligible(e: &Engagement) -> bool {
    e.segment == Some(Segment::Enterprise)
        && e.licenses.is_some_and(|n| n > ENHANCED_ADOPTION_LICENSES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FactorStatus::*;

    #[test]
    fn readiness_ignores_not_applicable_and_halves_in_progress() {
        assert_eq!(
            readiness([Done, InProgress, NotStarted, NotApplicable]),
            Some(0.5)
        );
        assert_eq!(readiness([NotApplicable, NotApplicable]), None);
        assert_eq!(readiness([Done, Done]), Some(1.0));
    }

    #[test]
    fn readiness_bands_follow_the_shown_percentage() {
        assert_eq!(readiness_band(0.8), ReadinessBand::Good);
        assert_eq!(readiness_band(0.796), ReadinessBand::Good);
        assert_eq!(readiness_band(0.79), ReadinessBand::Fair);
        assert_eq!(readiness_band(0.496), ReadinessBand::Fair);
        assert_eq!(readiness_band(0.494), ReadinessBand::Low);
        assert_eq!(readiness_band(0.0), ReadinessBand::Low);
    }

    #[test]
    fn overdue_is_strictly_before_as_of_and_open() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        assert!(is_overdue(day(23), WorkStatus::InProgress, as_of));
        assert!(!is_overdue(day(24), WorkStatus::NotStarted, as_of));
        assert!(!is_overdue(day(1), WorkStatus::Completed, as_of));
        assert!(!is_overdue(day(1), WorkStatus::NotApplicable, as_of));
        assert!(!is_overdue(None, WorkStatus::Blocked, as_of));
    }
}
