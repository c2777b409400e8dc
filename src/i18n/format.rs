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

/// `May 8, 2019` (en) or `08/05/2019` (pt-BR). Written directly, not through chrono's
/// `format`, which reads its pattern anew for every date (a batch writes hundreds a kit);
/// the same text for every date (tested against it).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = d.year();
    if !(0..=9999).contains(&year) {
        // A sign and no padding rule of our own: chrono's.
        return match lang {
            Lang::En => d.format("%B %-d, %Y").to_string(),
            Lang::PtBr => d.format("%d/%m/%Y").to_string(),
        };
    }
    match lang {
        Lang::En => {
            let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
            format!("{month} {}, {year:04}", d.day())
        }
        Lang::PtBr => format!("{:02}/{:02}/{year:04}", d.day(), d.month()),
    }
}

/// `2019-05-08`: the date as chrono's `%Y-%m-%d` writes it, without reading a pattern.
pub fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    let year = d.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}-{:02}-{:02}", d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// `2019-05-08` as a date, as chrono's `%Y-%m-%d` reads it; the usual ten characters
/// without reading a pattern.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
    };
    if b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
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
    fn dates_are_written_and_read_as_chrono_does() {
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 20).unwrap_or_default();
        for _ in 0..12_000 {
            assert_eq!(date(d, Lang::En), d.format("%B %-d, %Y").to_string());
            assert_eq!(date(d, Lang::PtBr), d.format("%d/%m/%Y").to_string());
            let iso = d.format("%Y-%m-%d").to_string();
            assert_eq!(iso_date(d), iso);
            assert_eq!(parse_iso_date(&iso), Some(d));
            d = d.succ_opt().unwrap_or_default();
        }
        for y in [0, 7, 999, 10_000, -5] {
            let d = NaiveDate::from_ymd_opt(y, 3, 4).unwrap_or_default();
            assert_eq!(date(d, Lang::En), d.format("%B %-d, %Y").to_string());
            assert_eq!(date(d, Lang::PtBr), d.format("%d/%m/%Y").to_string());
            assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
        }
        for s in [
            "2019-02-29",
            "2020-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-1-5",
            "2019-01-5 ",
            "20190105",
            "2019/01/05",
            "abcd-ef-gh",
            "",
            "+2019-01-05",
            "0000-01-01",
        ] {
            assert_eq!(
                parse_iso_date(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        assert_eq!(date(d, Lang::En), "November 2, 2026");
        assert_eq!(date(d, Lang::PtBr), "02/11/2026");
    }
}
