//! Numbers, percentages and dates as each language writes them: the one formatter the
//! kit's views, the template helpers (`{{number}}`, `{{percent}}`, `{{date}}`) and the
//! portfolio report all use.

use super::Lang;
use chrono::NaiveDate;

/// Rounds half away from zero after removing binary noise (0.755 × 100 is 75.4999…).
///
/// Numbers too large to carry a fraction (|v| × 10^decimals past 2^53) are returned as
/// they are, never overflowed to infinity (`{{number "1e308"}}` shows every digit).
fn round_to(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let scaled = v * scale;
    if !v.is_finite() || !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        return v;
    }
    let scaled = (scaled * 1e6).round() / 1e6;
    scaled.round() / scale
}

/// 20000 → `20,000` (en) / `20.000` (pt-BR); 1234.5 → `1,234.5` / `1.234,5`. Without
/// `decimals`, shows up to two, dropping trailing zeros.
pub fn number(n: f64, decimals: Option<usize>, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::PtBr => ('.', ','),
    };
    let rounded = round_to(n, decimals.unwrap_or(2));
    let mut s = format!("{:.*}", decimals.unwrap_or(2), rounded.abs());
    if decimals.is_none() && s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('-');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(&f);
    }
    out
}

/// A count: `1,234` / `1.234`.
pub fn count(n: u64, lang: Lang) -> String {
    number(n as f64, Some(0), lang)
}

/// A fraction as a percentage: 0.755 → `76%`; with one decimal `75.5%` / `75,5%`.
pub fn percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    let v = round_to(fraction * 100.0, decimals);
    format!("{}%", number(v, Some(decimals), lang))
}

/// `May 8, 2019` (en) or `08/05/2019` (pt-BR).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%B %-d, %Y").to_string(),
        Lang::PtBr => d.format("%d/%m/%Y").to_string(),
    }
}

/// What stands for a figure that does not apply: `N/A` / `N/D`.
pub fn not_applicable(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "N/A",
        Lang::PtBr => "N/D",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_and_na_follows_the_language() {
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(1_234_567, Lang::PtBr), "1.234.567");
        assert_eq!(not_applicable(Lang::PtBr), "N/D");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        assert_eq!(date(d, Lang::En), "November 2, 2026");
        assert_eq!(date(d, Lang::PtBr), "02/11/2026");
    }
}
