//! View: what each document shows, computed from the model (SSAT readiness, gaps,
//! overdue items, eligibility, localized labels). Templates never compute.

use crate::model::{FactorStatus, Service};

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
/// `None` when none applies. The one definition every document and the portfolio use.
pub fn readiness(statuses: impl IntoIterator<Item = FactorStatus>) -> Option<f32> {
    let (sum, n) = statuses
        .into_iter()
        .filter_map(factor_score)
        .fold((0.0f32, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f32)
}

/// The four SSAT statuses of a service, in contract order.
pub fn factors(service: &Service) -> [FactorStatus; 4] {
    [
        service.stakeholders,
        service.scenarios,
        service.awareness,
        service.training,
    ]
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
}
