//! One bar of a ```` ```chart ```` block, as the handout and the portfolio report give
//! their templates.

use serde::Serialize;

/// One bar of a chart, ready for a ```` ```chart ```` line `{{label}} | {{{value}}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The label, on one line (control characters, line breaks among them, become
    /// spaces). A `|` is kept: the template's Markdown escaping protects the chart line.
    pub label: String,
    /// The value, 0 to 1, with three decimals (`0.875`); no value shows as `0.000`.
    pub value: String,
}

impl Bar {
    /// A bar for `label` at `value` (clamped to 0 to 1).
    pub fn new(label: &str, value: Option<f32>) -> Bar {
        let label: String = label
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        Bar {
            label: label.trim().to_string(),
            value: format!("{:.3}", value.unwrap_or(0.0).clamp(0.0, 1.0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stay_on_one_line_and_values_have_three_decimals() {
        let b = Bar::new(" A | B\nC ", Some(0.875));
        assert_eq!(b.label, "A | B C");
        assert_eq!(b.value, "0.875");
        assert_eq!(Bar::new("x", None).value, "0.000");
        assert_eq!(Bar::new("x", Some(1.5)).value, "1.000");
    }
}
