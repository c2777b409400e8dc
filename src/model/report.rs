//! Reports of a load: the `check --format json` document, the readable problem table and
//! the one-line summary. Built here, in the library, so they are unit-testable; the
//! command only prints them.

use super::{Engagement, Lang, Loaded};
use crate::i18n::Ui;
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::fmt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    /// Engagements with no errors.
    pub ready: usize,
    /// Engagements with errors.
    pub failed: usize,
    /// Problems of severity error.
    pub errors: usize,
    /// Problems of severity warning.
    pub warnings: usize,
    /// Problems of severity notice.
    pub notices: usize,
}

impl Summary {
    /// Counts a load's engagements and problems.
    pub fn of(loaded: &Loaded) -> Summary {
        let count = |s: Severity| loaded.problems.iter().filter(|p| p.severity == s).count();
        let ready = loaded.engagements.iter().filter(|e| e.valid).count();
        Summary {
            ready,
            failed: loaded.engagements.len() - ready,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notices: count(Severity::Notice),
        }
    }
}

impl Summary {
    /// The summary line in a language: `2 engagements ready, 1 failed; 3 errors, 1 warning`.
    pub fn render(&self, lang: Lang) -> String {
        Ui::check_summary(
            lang,
            self.ready,
            self.failed,
            self.errors,
            self.warnings,
            self.notices,
        )
    }
}

impl fmt::Display for Summary {
    /// `2 engagements ready, 1 failed; 3 errors, 1 warning`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

fn date(d: Option<NaiveDate>) -> Value {
    match d {
        Some(d) if d != NaiveDate::MIN => Value::String(crate::i18n::format::iso_date(d)),
        _ => Value::Null,
    }
}

fn text(s: Option<&str>) -> Value {
    match s {
        Some(s) if !s.is_empty() => Value::String(s.to_string()),
        _ => Value::Null,
    }
}

/// An engagement's own fields under the contract's English column names, with canonical
/// values (ISO dates, integers, booleans, `en`/`pt-BR`, lists of addresses); custom
/// fields under their header as written. Absent values are `null`.
pub fn engagement_fields(e: &Engagement) -> Map<String, Value> {
    let mut m = Map::new();
    for (header, value) in &e.custom {
        m.insert(header.clone(), Value::String(value.clone()));
    }
    m.insert("Engagement ID".into(), text(Some(&e.id)));
    m.insert("Customer".into(), text(Some(&e.customer)));
    m.insert("Tenant Domain".into(), text(e.tenant_domain.as_deref()));
    m.insert("Segment".into(), to(&e.segment));
    m.insert("Licenses".into(), to(&e.licenses));
    m.insert("FastTrack Manager".into(), text(Some(&e.fm)));
    m.insert("FM Email".into(), text(e.fm_email.as_deref()));
    m.insert("Partner".into(), text(e.partner.as_deref()));
    m.insert("Customer Contact".into(), text(e.contact.as_deref()));
    m.insert("Contact Email".into(), json!(e.contact_emails));
    m.insert("Kickoff Date".into(), date(e.kickoff_date));
    m.insert("Workshop Date".into(), date(Some(e.workshop_date)));
    m.insert("Language".into(), to(&e.language));
    m.insert("Check-in Cadence".into(), to(&e.cadence));
    m.insert("Next Check-in".into(), date(e.next_checkin));
    m.insert("Communication Channel".into(), text(e.channel.as_deref()));
    m.insert(
        "Enterprise Adoption Benefit".into(),
        to(&e.enterprise_adoption_benefit),
    );
    m.insert("Success Vision".into(), text(e.success_vision.as_deref()));
    m
}

fn to<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The `check --format json` document: every engagement (id, source, valid, effective
/// language, fields, counts), every problem, and the summary counts.
///
/// Each problem's `message` is English whatever the language, so scripts keep working;
/// when `messages` is not English, each problem also carries `message_localized`.
pub fn to_json(loaded: &Loaded, default_lang: Option<Lang>, messages: Lang) -> Value {
    json!({
        "engagements": loaded
            .engagements
            .iter()
            .map(|e| engagement_json(e, default_lang))
            .collect::<Vec<_>>(),
        "problems": loaded
            .problems
            .iter()
            .map(|p| problem_json(p, messages))
            .collect::<Vec<_>>(),
        "summary": Summary::of(loaded),
    })
}

/// [`to_json`] written as it is made, pretty-printed with a final newline: one
/// engagement's or one problem's value at a time, so the document never sits in memory
/// whole (built whole, it took several times the memory of the data itself). The bytes
/// are those of `to_json` pretty-printed.
pub fn write_json(
    loaded: &Loaded,
    default_lang: Option<Lang>,
    messages: Lang,
    w: impl std::io::Write,
) -> serde_json::Result<()> {
    use serde::ser::{SerializeMap, Serializer};

    /// A sequence serialized from an iterator made on demand.
    struct Lazy<F>(F);
    impl<F, I> serde::Serialize for Lazy<F>
    where
        F: Fn() -> I,
        I: Iterator<Item = Value>,
    {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq((self.0)())
        }
    }

    let mut w = std::io::BufWriter::new(w);
    let mut ser = serde_json::Serializer::pretty(&mut w);
    // The keys in the order `to_json`'s map keeps them (sorted).
    let mut map = (&mut ser).serialize_map(Some(3))?;
    map.serialize_entry(
        "engagements",
        &Lazy(|| {
            loaded
                .engagements
                .iter()
                .map(|e| engagement_json(e, default_lang))
        }),
    )?;
    map.serialize_entry(
        "problems",
        &Lazy(|| loaded.problems.iter().map(|p| problem_json(p, messages))),
    )?;
    map.serialize_entry("summary", &to(&Summary::of(loaded)))?;
    map.end()?;
    std::io::Write::write_all(&mut w, b"\n").map_err(serde_json::Error::io)?;
    std::io::Write::flush(&mut w).map_err(serde_json::Error::io)
}

fn engagement_json(e: &Engagement, default_lang: Option<Lang>) -> Value {
    json!({
        "id": e.id,
        "source": e.origin.file,
        "valid": e.valid,
        "language": e.language.or(default_lang).unwrap_or_default(),
        "fields": engagement_fields(e),
        "counts": {
            "services": e.services.len(),
            "stakeholders": e.stakeholders.len(),
            "metrics": e.metrics.len(),
            "tasks": e.tasks.len(),
            "actions": e.actions.len(),
        },
    })
}

fn problem_json(p: &Problem, messages: Lang) -> Value {
    let mut v = to(p);
    if messages != Lang::En {
        if let Value::Object(m) = &mut v {
            m.insert(
                "message_localized".into(),
                Value::String(p.message.render(messages)),
            );
        }
    }
    v
}

/// Where a problem is, as `file › sheet › row 7` (`linha 7` in Portuguese).
pub fn place(p: &Problem, lang: Lang) -> String {
    place_with(p, &p.file, lang)
}

/// Paths wider than this make the table cut every path (see [`short_place`]).
const MAX_FILE: usize = 40;

/// [`place`] with the path cut to `…/` and its last two parts when `cut`, so the table
/// keeps the sheet and row in view. The caller decides once per table, so every path in
/// one table is shown the same way.
fn short_place(p: &Problem, cut: bool, lang: Lang) -> String {
    if !cut {
        return place(p, lang);
    }
    let trimmed = p.file.trim_end_matches(['/', '\\']);
    let parts: Vec<&str> = trimmed.rsplit(['/', '\\']).take(3).collect();
    let tail = match parts.as_slice() {
        [name, dir, _above] => format!("…/{dir}/{name}"),
        _ => p.file.clone(),
    };
    place_with(p, &tail, lang)
}

fn place_with(p: &Problem, file: &str, lang: Lang) -> String {
    let mut s = file.to_string();
    if let Some(sheet) = &p.sheet {
        s.push_str(" › ");
        s.push_str(sheet);
    }
    if let Some(row) = p.row {
        s.push_str(&format!(" › {} {row}", Ui::Row.text(lang)));
    }
    s
}

/// Cuts a text to a display width, ending in `…` when cut; newlines shown as `⏎`.
fn clip(s: &str, max: usize) -> String {
    let s: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { '⏎' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    if s.width() <= max {
        return s;
    }
    let mut out = String::new();
    let mut width = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(fill))
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The readable problem table (severity, place, column, value, message; columns aligned)
/// followed by the summary line: `check`'s output. With `color`, severities and the
/// header are styled with ANSI escapes; the caller decides (a terminal, and no
/// `NO_COLOR`). Headers, places, messages and the summary are in `lang`.
pub fn render_text(loaded: &Loaded, color: bool, lang: Lang) -> String {
    let mut out = render_problems(loaded, color, lang);
    out.push_str(&styled(color, BOLD, Summary::of(loaded).render(lang)));
    out.push('\n');
    out
}

/// `s` in an ANSI style when `color`, else as it is.
fn styled(color: bool, code: &str, s: String) -> String {
    if color {
        format!("{code}{s}{RESET}")
    } else {
        s
    }
}

/// The problem table alone, then a blank line (nothing when there are no problems):
/// `build` prints it and ends with its own summary, which counts them.
pub fn render_problems(loaded: &Loaded, color: bool, lang: Lang) -> String {
    const MAX_PLACE: usize = 72;
    const MAX_COLUMN: usize = 24;
    const MAX_VALUE: usize = 28;
    let cut = loaded.problems.iter().any(|p| p.file.width() > MAX_FILE);
    let rows: Vec<[String; 5]> = loaded
        .problems
        .iter()
        .map(|p| {
            [
                p.severity.word(lang).to_string(),
                clip(&short_place(p, cut, lang), MAX_PLACE),
                clip(p.column.as_deref().unwrap_or(""), MAX_COLUMN),
                clip(p.value.as_deref().unwrap_or(""), MAX_VALUE),
                clip(&p.message.render(lang), 400),
            ]
        })
        .collect();
    // A cut column or value is still named in the message; say where to read it whole.
    let cut_cells = loaded.problems.iter().any(|p| {
        let cut = |s: Option<&str>, max: usize| s.is_some_and(|s| clip(s, max) != s);
        cut(p.column.as_deref(), MAX_COLUMN) || cut(p.value.as_deref(), MAX_VALUE)
    });
    let header = [
        Ui::HeadSeverity,
        Ui::HeadPlace,
        Ui::HeadColumn,
        Ui::HeadValue,
        Ui::HeadMessage,
    ]
    .map(|u| u.text(lang));
    let mut widths = header.map(str::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let style = |code: &str, s: String| styled(color, code, s);
    let line = |cells: [String; 5], first_style: Option<&str>| {
        let [sev, place, column, value, message] = cells;
        let sev = pad(&sev, widths[0]);
        let sev = match first_style {
            Some(code) => style(code, sev),
            None => sev,
        };
        let place = style(DIM, pad(&place, widths[1]));
        format!(
            "{sev}  {place}  {}  {}  {message}",
            pad(&column, widths[2]),
            pad(&value, widths[3])
        )
        .trim_end()
        .to_string()
    };
    let mut out = String::new();
    if !rows.is_empty() {
        let head = line(header.map(String::from), None);
        out.push_str(&style(BOLD, head));
        out.push('\n');
        for (row, p) in rows.into_iter().zip(&loaded.problems) {
            let code = match p.severity {
                Severity::Error => RED,
                Severity::Warning => YELLOW,
                Severity::Notice => CYAN,
            };
            out.push_str(&line(row, Some(code)));
            out.push('\n');
        }
        out.push('\n');
        if cut_cells {
            out.push_str(&style(DIM, Ui::CutHint.text(lang).to_string()));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_document_byte_for_byte() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/portfolio/maria-lopes.xlsx"
        ))
        .expect("fixture");
        let input = crate::input::read_bytes("m.xlsx", &bytes, &Default::default());
        let loaded = crate::model::load(&input);
        assert!(!loaded.problems.is_empty() && !loaded.engagements.is_empty());
        for lang in [Lang::En, Lang::PtBr] {
            let mut whole =
                serde_json::to_string_pretty(&to_json(&loaded, None, lang)).expect("json");
            whole.push('\n');
            let mut streamed = Vec::new();
            write_json(&loaded, None, lang, &mut streamed).expect("written");
            assert_eq!(String::from_utf8(streamed).expect("utf-8"), whole);
        }
    }

    #[test]
    fn summary_wording() {
        let s = Summary {
            ready: 2,
            failed: 1,
            errors: 3,
            warnings: 1,
            notices: 0,
        };
        assert_eq!(
            s.to_string(),
            "2 engagements ready, 1 failed; 3 errors, 1 warning"
        );
        let one = Summary {
            ready: 1,
            notices: 2,
            ..Summary::default()
        };
        assert_eq!(
            one.to_string(),
            "1 engagement ready, 0 failed; 0 errors, 0 warnings, 2 notices"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let loaded = Loaded {
            engagements: Vec::new(),
            problems: vec![Problem::file(Severity::Error, "a.xlsx", "not a workbook")],
        };
        assert!(render_text(&loaded, true, Lang::En).contains("\x1b[1;31merror"));
        let plain = render_text(&loaded, false, Lang::En);
        assert!(!plain.contains('\x1b'));
        assert_eq!(
            plain,
            "severity  place   column  value  message\n\
             error     a.xlsx                 not a workbook\n\
             \n\
             0 engagements ready, 0 failed; 1 error, 0 warnings\n"
        );
    }

    #[test]
    fn long_paths_keep_sheet_and_row_in_view() {
        let p = Problem {
            sheet: Some("Tasks".into()),
            row: Some(7),
            ..Problem::file(
                Severity::Error,
                "/home/fm/Documents/2024/engagements/q3/contoso.xlsx",
                "x",
            )
        };
        assert_eq!(
            short_place(&p, true, Lang::En),
            "…/q3/contoso.xlsx › Tasks › row 7"
        );
        assert_eq!(
            short_place(&p, true, Lang::PtBr),
            "…/q3/contoso.xlsx › Tasks › linha 7"
        );
        // Short paths in a table that cuts are shown the same way; a bare name stays.
        let q = Problem::file(Severity::Error, "/tmp/in/a.xlsx", "x");
        assert_eq!(short_place(&q, true, Lang::En), "…/in/a.xlsx");
        let r = Problem::file(Severity::Error, "in/a.xlsx", "x");
        assert_eq!(short_place(&r, true, Lang::En), "in/a.xlsx");
        assert_eq!(short_place(&q, false, Lang::En), "/tmp/in/a.xlsx");
    }

    #[test]
    fn clip_counts_display_width() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("a\nb", 10), "a⏎b");
        assert_eq!(clip("日本語日本語", 5), "日本…");
    }
}
