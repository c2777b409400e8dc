//! View: what each document shows, computed from the model (SSAT readiness, gaps,
//! overdue items, eligibility, localized labels). Templates never compute.
//!
//! [`facts::Facts`] holds everything computed once per engagement; [`plan`],
//! [`checklist`] and [`handout`] are the data each template receives. The rules behind
//! each computed item are written down in `docs/documents.md`.

pub mod checklist;
pub mod facts;
pub mod handout;
pub mod plan;
pub mod suggest;
pub mod text;

use crate::model::{FactorStatus, Service};
use serde::{Serialize, Serializer};

/// The state of a checkbox as templates read it with `{{check v}}`: serialised as `true`
/// (ticked), `false` (open) or `"na"` (not applicable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tick {
    /// Ticked: the data shows it done or met.
    Done,
    /// Open: not (yet) shown by the data.
    #[default]
    Open,
    /// Not applicable.
    NotApplicable,
}

impl Tick {
    /// `Done` when `met`, else `Open`.
    pub fn when(met: bool) -> Tick {
        if met {
            Tick::Done
        } else {
            Tick::Open
        }
    }

    /// The checkbox of one success factor: ticked when Done, N/A when not applicable.
    pub fn of_factor(status: FactorStatus) -> Tick {
        match status {
            FactorStatus::Done => Tick::Done,
            FactorStatus::NotApplicable => Tick::NotApplicable,
            FactorStatus::InProgress | FactorStatus::NotStarted => Tick::Open,
        }
    }
}

impl Serialize for Tick {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tick::Done => s.serialize_bool(true),
            Tick::Open => s.serialize_bool(false),
            Tick::NotApplicable => s.serialize_str("na"),
        }
    }
}

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
