//! Value parsers: one cell (or its text) into one domain value, as the input contract
//! says. Pure functions; an `Err` is the [`Message`] saying what was expected.
//!
//! Blank cells are `Ok(None)` here; whether blank is allowed is the loader's business.
//! Error cells (`#N/A`) never reach these functions: the loader decides what they mean.

use super::{Cadence, FactorStatus, Lang, Segment, WorkStatus};
use crate::i18n::{Keyword, Message};
use crate::input::RawCell;
use chrono::{Datelike, Duration, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Folds a value for keyword matching: accents removed, lower case, runs of spaces,
/// `_`, `-` and `.` made one space, trimmed. `"NÃO  iniciado"` becomes `"nao iniciado"`.
pub fn fold_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Most cells are ASCII: skip the decomposition then.
    let chars: Box<dyn Iterator<Item = char>> = if s.is_ascii() {
        Box::new(s.chars().map(|c| c.to_ascii_lowercase()))
    } else {
        Box::new(
            s.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase),
        )
    };
    for c in chars {
        if c.is_whitespace() || matches!(c, '_' | '-' | '.') {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The error an error cell holds, or a text that is exactly one of Excel's error values
/// (CSV exports and LibreOffice's ODS write them as text).
pub fn error_code(cell: &RawCell) -> Option<&str> {
    const CODES: [&str; 10] = [
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    ];
    match cell {
        RawCell::Error(e) => Some(e.as_str()),
        RawCell::Text(t) if t.trim_start().starts_with('#') => {
            let t = t.trim();
            CODES.iter().copied().find(|c| t.eq_ignore_ascii_case(c))
        }
        _ => None,
    }
}

/// Trimmed text; `None` when blank.
pub fn text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The date of a spreadsheet serial (days since 1899-12-30); a date-time keeps its date.
/// `None` outside Excel's range (years 1900 to 9999).
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::try_days(days)?)
}

/// The spreadsheet serial of a date (for tests and the starter workbook).
pub fn serial_from_date(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - epoch).num_days() as f64
}

/// Why a date text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in any accepted form.
    Form,
    /// In an accepted form, but no such day (31/02/2024).
    NoSuchDay,
    /// Day first it has no such month, but month first it is a date (`07/13/2024`): most
    /// likely typed the American way. The date it would be, in ISO form.
    MonthFirst(String),
}

impl DateError {
    /// The message for the user.
    pub fn message(&self) -> Message {
        match self {
            DateError::Form => Message::NotADate,
            DateError::NoSuchDay => Message::NoSuchDay,
            DateError::MonthFirst(iso) => Message::MonthFirst(iso.clone()),
        }
    }
}

/// Parses a date written as text: ISO `2019-05-08` (also `2019/05/08`), or day-first
/// `08/05/2019`, `8.5.2019`, `8-5-2019`; a time after the date (` 14:30`, `T14:30:00Z`)
/// is ignored.
pub fn parse_date_text(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    let date_part = s
        .split(|c: char| c == 'T' || c.is_whitespace())
        .next()
        .unwrap_or_default();
    let rest = &s[date_part.len()..];
    if !rest.is_empty() && !looks_like_time(rest.trim_start_matches(['T', ' '])) {
        return Err(DateError::Form);
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::Form);
    };
    let seps: Vec<char> = date_part
        .chars()
        .filter(|c| matches!(c, '-' | '/' | '.'))
        .collect();
    if seps.first() != seps.get(1) {
        return Err(DateError::Form);
    }
    let num = |p: &str, min: usize, max: usize| -> Result<u32, DateError> {
        if (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| DateError::Form)
        } else {
            Err(DateError::Form)
        }
    };
    let (y, m, d) = if a.len() == 4 {
        (num(a, 4, 4)?, num(b, 1, 2)?, num(c, 1, 2)?)
    } else {
        (num(c, 4, 4)?, num(b, 1, 2)?, num(a, 1, 2)?)
    };
    if a.len() != 4 && (13..=31).contains(&m) && (1..=12).contains(&d) {
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, d, m) {
            return Err(DateError::MonthFirst(date.format("%Y-%m-%d").to_string()));
        }
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(if m <= 12 && d <= 31 {
            DateError::Form
        } else {
            DateError::NoSuchDay
        });
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDay)
}

fn looks_like_time(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.contains(':')
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ':' | '.' | 'Z' | '+' | '-' | ' ' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm'
                )
        })
}

/// A date cell: a date cell, an ISO date-time cell, a number cell (a serial, as Excel
/// shows a date cell that lost its format) or text in an accepted form.
pub fn date(cell: &RawCell) -> Result<Option<NaiveDate>, Message> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Date(serial) | RawCell::Number(serial) => {
            date_from_serial(*serial).map(Some).ok_or(Message::NotADate)
        }
        RawCell::Text(s) | RawCell::IsoDate(s) if s.trim().is_empty() => Ok(None),
        RawCell::Text(s) | RawCell::IsoDate(s) => {
            parse_date_text(s).map(Some).map_err(|e| e.message())
        }
        RawCell::Bool(_) | RawCell::Error(_) => Err(Message::NotADate),
    }
}

/// Parses a whole number ≥ 0 written as text: `20000`, `20,000`, `20.000`, `20 000`
/// (also with a no-break or narrow no-break space, or `'`). Separators must group by three.
pub fn parse_whole_text(s: &str) -> Option<u64> {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.is_empty() {
        return None;
    }
    let is_sep = |c: char| {
        matches!(
            c,
            ',' | '.' | '\'' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'
        )
    };
    let groups: Vec<&str> = s.split(is_sep).collect();
    let seps: Vec<char> = s.chars().filter(|c| is_sep(*c)).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if let Some(first) = seps.first() {
        let space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
        let consistent = seps
            .iter()
            .all(|c| c == first || (space(*c) && space(*first)));
        let first_group_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
        if !consistent || !first_group_ok || groups.iter().skip(1).any(|g| g.len() != 3) {
            return None;
        }
    }
    groups.concat().parse().ok()
}

/// A whole-number cell: a number cell holding a whole number ≥ 0, or text as
/// [`parse_whole_text`] accepts.
pub fn whole(cell: &RawCell) -> Result<Option<u64>, Message> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Number(n) => {
            if n.is_finite() && n.fract() == 0.0 && *n >= 0.0 && *n < 9.0e15 {
                Ok(Some(*n as u64))
            } else if *n < 0.0 {
                Err(Message::Negative)
            } else {
                Err(Message::NotWhole)
            }
        }
        RawCell::Text(s) if s.trim().is_empty() => Ok(None),
        RawCell::Text(s) => parse_whole_text(s).map(Some).ok_or_else(|| {
            if s.trim().starts_with('-') {
                Message::Negative
            } else {
                Message::NotWhole
            }
        }),
        _ => Err(Message::NotWhole),
    }
}

/// The most licenses one engagement may list: ten times the largest tenants there are.
pub const MAX_LICENSES: u64 = 100_000_000;

/// A Licenses cell: a whole number, at most [`MAX_LICENSES`], so no sum the report shows
/// can overflow (a million engagements at the limit stay far below `u64::MAX`).
pub fn licenses(cell: &RawCell) -> Result<Option<u64>, Message> {
    match whole(cell)? {
        Some(n) if n > MAX_LICENSES => Err(Message::TooManyLicenses(MAX_LICENSES)),
        n => Ok(n),
    }
}

/// Parses yes/no text: yes, no, y, n, true, false, 1, 0, sim, não (nao), s, x (yes).
pub fn parse_yes_no_text(s: &str) -> Option<bool> {
    match fold_value(s).as_str() {
        "yes" | "y" | "true" | "1" | "sim" | "s" | "x" | "verdadeiro" => Some(true),
        "no" | "n" | "false" | "0" | "nao" | "falso" => Some(false),
        _ => None,
    }
}

/// A yes/no cell: a boolean cell, 1 or 0, or text as [`parse_yes_no_text`] accepts.
pub fn yes_no(cell: &RawCell) -> Result<Option<bool>, Message> {
    let bad = || Message::NotYesNo;
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Bool(b) => Ok(Some(*b)),
        RawCell::Number(n) if *n == 1.0 => Ok(Some(true)),
        RawCell::Number(n) if *n == 0.0 => Ok(Some(false)),
        RawCell::Text(s) if s.trim().is_empty() => Ok(None),
        RawCell::Text(s) => parse_yes_no_text(s).map(Some).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Parses an SSAT factor status in English or Portuguese; blank is Not started.
pub fn parse_factor_text(s: &str) -> Option<FactorStatus> {
    Some(match fold_value(s).as_str() {
        "" | "not started" | "no" | "nao" | "nao iniciado" | "nao iniciada" | "todo" => {
            FactorStatus::NotStarted
        }
        "done" | "yes" | "complete" | "completed" | "sim" | "concluido" | "concluida" | "ok" => {
            FactorStatus::Done
        }
        "in progress" | "inprogress" | "em andamento" | "started" | "iniciado" | "partial"
        | "parcial" => FactorStatus::InProgress,
        "n/a" | "na" | "n/d" | "nd" | "nao se aplica" | "not applicable" => {
            FactorStatus::NotApplicable
        }
        _ => return None,
    })
}

/// Parses a task or action status in English or Portuguese; blank is Not started.
pub fn parse_work_text(s: &str) -> Option<WorkStatus> {
    Some(match fold_value(s).as_str() {
        "" | "not started" | "nao iniciada" | "nao iniciado" | "open" | "aberta" | "todo" => {
            WorkStatus::NotStarted
        }
        "in progress" | "inprogress" | "em andamento" | "started" | "em progresso" => {
            WorkStatus::InProgress
        }
        "completed" | "complete" | "done" | "concluida" | "concluido" | "closed" => {
            WorkStatus::Completed
        }
        "blocked" | "bloqueada" | "bloqueado" | "on hold" => WorkStatus::Blocked,
        "n/a" | "na" | "n/d" | "nd" | "nao se aplica" | "not applicable" => {
            WorkStatus::NotApplicable
        }
        _ => return None,
    })
}

/// Parses the Required column: `Some(true)` for M (mandatory, Obrigatório), `Some(false)`
/// for O (optional, Opcional).
pub fn parse_required_text(s: &str) -> Option<bool> {
    match fold_value(s).as_str() {
        "m" | "mandatory" | "required" | "obrigatorio" | "obrigatoria" | "b" | "ob" | "yes"
        | "sim" => Some(true),
        "o" | "optional" | "opcional" | "op" | "no" | "nao" => Some(false),
        _ => None,
    }
}

/// Parses a segment: Enterprise, SMC or SMB.
pub fn parse_segment_text(s: &str) -> Option<Segment> {
    match fold_value(s).as_str() {
        "enterprise" | "ent" | "empresarial" | "corporativo" => Some(Segment::Enterprise),
        "smc" | "sm&c" => Some(Segment::Smc),
        "smb" => Some(Segment::Smb),
        _ => None,
    }
}

/// Parses a check-in cadence in English or Portuguese.
pub fn parse_cadence_text(s: &str) -> Option<Cadence> {
    match fold_value(s).as_str() {
        "weekly" | "semanal" | "every week" | "toda semana" => Some(Cadence::Weekly),
        "biweekly"
        | "bi weekly"
        | "fortnightly"
        | "every two weeks"
        | "every 2 weeks"
        | "quinzenal"
        | "a cada duas semanas" => Some(Cadence::Biweekly),
        "monthly" | "mensal" | "every month" | "todo mes" => Some(Cadence::Monthly),
        _ => None,
    }
}

/// Parses a language: `en`, `pt-BR` and the usual spellings.
pub fn parse_lang_text(s: &str) -> Option<Lang> {
    Lang::parse(s)
}

/// Whether an e-mail address has a plausible shape: one `@`, a local part, a domain with
/// a dot and no empty label, no spaces or brackets.
pub fn plausible_email(addr: &str) -> bool {
    let Some((local, domain)) = addr.split_once('@') else {
        return false;
    };
    let bad_char = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']' | '\\'
            )
    };
    !local.is_empty()
        && !domain.contains('@')
        && !addr.chars().any(bad_char)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
}

/// Parses one or more e-mail addresses separated by `;` or `,`. `Name <addr>` keeps the
/// address. An `Err` names the first address that is not plausible.
pub fn parse_emails(s: &str) -> Result<Vec<String>, Message> {
    let mut out = Vec::new();
    for part in s.split([';', ',']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let addr = match (part.rfind('<'), part.ends_with('>')) {
            (Some(open), true) => part.get(open + 1..part.len() - 1).unwrap_or(part).trim(),
            _ => part,
        };
        let addr = addr.strip_prefix("mailto:").unwrap_or(addr);
        if !plausible_email(addr) {
            return Err(Message::NotEmail(part.to_string()));
        }
        out.push(addr.to_string());
    }
    Ok(out)
}

/// The cell as text for text columns and custom fields: text trimmed, whole numbers
/// without `.0`, date cells as ISO dates.
pub fn cell_text(cell: &RawCell) -> Option<String> {
    match cell {
        RawCell::Empty | RawCell::Error(_) => None,
        RawCell::Text(s) | RawCell::IsoDate(s) => text(s),
        RawCell::Date(serial) => match date_from_serial(*serial) {
            Some(d) if serial.fract() == 0.0 => Some(crate::i18n::format::iso_date(d)),
            _ => Some(cell.display()),
        },
        RawCell::Number(_) | RawCell::Bool(_) => text(&cell.display()),
    }
}

/// Applies a text parser to a cell: text cells through `parse`, blank as `None`; other
/// cells through their text form. The error says what `kind` of column expects.
pub fn keyword<T>(
    cell: &RawCell,
    parse: impl Fn(&str) -> Option<T>,
    kind: Keyword,
) -> Result<Option<T>, Message> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Text(s) if s.trim().is_empty() => Ok(None),
        _ => {
            let t = cell_text(cell).unwrap_or_default();
            parse(&t).map(Some).ok_or(Message::NotKeyword(kind))
        }
    }
}

/// Formats a date in every form [`parse_date_text`] accepts (used by property tests).
pub fn date_forms(d: NaiveDate) -> Vec<String> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    vec![
        format!("{y:04}-{m:02}-{day:02}"),
        format!("{y:04}/{m:02}/{day:02}"),
        format!("{day:02}/{m:02}/{y:04}"),
        format!("{day}/{m}/{y:04}"),
        format!("{day}.{m}.{y:04}"),
        format!("{day:02}.{m:02}.{y:04}"),
        format!("{day}-{m}-{y:04}"),
        format!("{y:04}-{m:02}-{day:02}T10:30:00"),
        format!("{day:02}/{m:02}/{y:04} 10:30"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn licenses_past_any_tenant_are_refused_so_no_total_can_wrap() {
        let text = |s: &str| RawCell::Text(s.into());
        assert_eq!(licenses(&text("25.000")), Ok(Some(25_000)));
        assert_eq!(licenses(&RawCell::Number(1e8)), Ok(Some(100_000_000)));
        for huge in ["18446744073709551615", "100000001"] {
            assert_eq!(
                licenses(&text(huge)),
                Err(Message::TooManyLicenses(MAX_LICENSES))
            );
        }
        assert_eq!(licenses(&RawCell::Empty), Ok(None));
    }

    #[test]
    fn dates_in_every_form() {
        for s in [
            "2019-05-08",
            "08/05/2019",
            "8.5.2019",
            "8-5-2019",
            "2019-05-08T23:59:59Z",
            "08/05/2019 14:30",
        ] {
            assert_eq!(parse_date_text(s), Ok(d(2019, 5, 8)), "{s}");
        }
        assert_eq!(parse_date_text("31/02/2024"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date_text("29/02/2023"), Err(DateError::NoSuchDay));
        assert_eq!(
            parse_date_text("12/13/2024"),
            Err(DateError::MonthFirst("2024-12-13".into()))
        );
        assert_eq!(
            parse_date_text("2/29/2024"),
            Err(DateError::MonthFirst("2024-02-29".into()))
        );
        assert_eq!(parse_date_text("2/30/2024"), Err(DateError::NoSuchDay));
        assert_eq!(
            parse_date_text("2024/13/12"),
            Err(DateError::NoSuchDay),
            "ISO is year first"
        );
        for s in [
            "next week",
            "2024-07",
            "08/05/19",
            "8/5-2019",
            "2019-05-08 lunch",
            "12/07/2024/1",
        ] {
            assert_eq!(parse_date_text(s), Err(DateError::Form), "{s}");
        }
    }

    #[test]
    fn date_cells_keep_their_date() {
        assert_eq!(date(&RawCell::Date(45485.75)), Ok(Some(d(2024, 7, 12))));
        assert_eq!(date(&RawCell::Number(45485.0)), Ok(Some(d(2024, 7, 12))));
        assert_eq!(
            date(&RawCell::IsoDate("2024-07-12T09:00:00".into())),
            Ok(Some(d(2024, 7, 12)))
        );
        assert!(date(&RawCell::Number(-3.0)).is_err());
        assert!(date(&RawCell::Number(f64::NAN)).is_err());
    }

    #[test]
    fn whole_numbers() {
        for s in [
            "20000",
            "20,000",
            "20.000",
            "20 000",
            "20\u{a0}000",
            "20\u{202f}000",
            "+20000",
        ] {
            assert_eq!(parse_whole_text(s), Some(20000), "{s}");
        }
        assert_eq!(parse_whole_text("1.234.567"), Some(1_234_567));
        for s in [
            "20.5",
            "2,00,000",
            "1,234.567",
            "abc",
            "-5",
            "",
            "1,2345",
            "20000000000000000000000",
        ] {
            assert_eq!(parse_whole_text(s), None, "{s}");
        }
        assert_eq!(whole(&RawCell::Number(25000.0)), Ok(Some(25000)));
        assert!(whole(&RawCell::Number(2.5)).is_err());
        assert_eq!(whole(&RawCell::Number(-1.0)), Err(Message::Negative));
    }

    #[test]
    fn keywords_in_both_languages() {
        assert_eq!(parse_factor_text("Concluído"), Some(FactorStatus::Done));
        assert_eq!(
            parse_factor_text("NÃO INICIADO"),
            Some(FactorStatus::NotStarted)
        );
        assert_eq!(parse_factor_text("N/D"), Some(FactorStatus::NotApplicable));
        assert_eq!(parse_factor_text("  "), Some(FactorStatus::NotStarted));
        assert_eq!(parse_factor_text("maybe"), None);
        assert_eq!(parse_work_text("Bloqueada"), Some(WorkStatus::Blocked));
        assert_eq!(parse_work_text("Concluída"), Some(WorkStatus::Completed));
        assert_eq!(parse_required_text("Obrigatório"), Some(true));
        assert_eq!(parse_required_text("o"), Some(false));
        assert_eq!(parse_segment_text("smc"), Some(Segment::Smc));
        assert_eq!(parse_cadence_text("Quinzenal"), Some(Cadence::Biweekly));
        assert_eq!(parse_cadence_text("bi-weekly"), Some(Cadence::Biweekly));
    }

    #[test]
    fn emails() {
        assert_eq!(
            parse_emails("a@x.com; Bea <b@y.com.br>, "),
            Ok(vec!["a@x.com".to_string(), "b@y.com.br".to_string()])
        );
        for bad in ["a@", "@x.com", "a@x", "a b@x.com", "a@@x.com", "a@x..com"] {
            assert!(parse_emails(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn dates_round_trip_through_every_form(days in 0i64..(365 * 200)) {
            let date = d(1950, 1, 1) + Duration::days(days);
            for form in date_forms(date) {
                prop_assert_eq!(parse_date_text(&form), Ok(date), "{}", form);
            }
            prop_assert_eq!(date_from_serial(serial_from_date(date)), Some(date));
        }

        #[test]
        fn whole_numbers_with_any_thousands_separator(
            n in 0u64..10_000_000_000_000,
            sep in prop::sample::select(vec![",", ".", " ", "\u{a0}", "\u{202f}", "'", ""]),
        ) {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push_str(sep);
                }
                grouped.push(c);
            }
            prop_assert_eq!(parse_whole_text(&grouped), Some(n));
            prop_assert_eq!(whole(&RawCell::Text(format!(" {grouped} "))), Ok(Some(n)));
        }

        #[test]
        fn yes_no_in_any_case(
            word in prop::sample::select(vec![
                ("yes", true), ("y", true), ("true", true), ("1", true), ("sim", true),
                ("s", true), ("x", true), ("no", false), ("n", false), ("false", false),
                ("0", false), ("não", false), ("nao", false),
            ]),
            upper in any::<bool>(),
        ) {
            let (w, expected) = word;
            let w = if upper { w.to_uppercase() } else { w.to_string() };
            prop_assert_eq!(parse_yes_no_text(&format!(" {w} ")), Some(expected));
        }

        #[test]
        fn parsers_never_panic(s in ".{0,40}") {
            let _ = parse_date_text(&s);
            let _ = parse_whole_text(&s);
            let _ = parse_emails(&s);
            let _ = parse_factor_text(&s);
        }
    }
}
