//! Template helpers: localized dates, numbers, percentages and status words, checkboxes
//! and labels. The language is the one the registry was built for, never read from data.

use super::{escape_markdown, Labels};
use crate::i18n::Lang;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonValue, Output, RenderContext,
    RenderError, RenderErrorReason, ScopedJson,
};
use std::sync::Arc;

pub use crate::i18n::format::{number as format_number, percent as format_percent};

/// Registers every successkit helper for `lang` on `hb`.
pub(super) fn register(hb: &mut Handlebars<'static>, lang: Lang, labels: Arc<Labels>) {
    hb.register_helper(
        "date",
        Box::new(Format {
            lang,
            kind: Kind::Date,
        }),
    );
    hb.register_helper(
        "number",
        Box::new(Format {
            lang,
            kind: Kind::Number,
        }),
    );
    hb.register_helper(
        "percent",
        Box::new(Format {
            lang,
            kind: Kind::Percent,
        }),
    );
    hb.register_helper(
        "status",
        Box::new(StatusHelper {
            lang,
            labels: labels.clone(),
            mark: false,
        }),
    );
    hb.register_helper(
        "status_mark",
        Box::new(StatusHelper {
            lang,
            labels: labels.clone(),
            mark: true,
        }),
    );
    hb.register_helper("check", Box::new(CheckHelper));
    hb.register_helper("t", Box::new(LabelHelper { labels }));
}

/// The first parameter's value (borrowed: not copied for each use); in strict mode a
/// missing one is an error naming the path.
fn param<'a>(
    h: &'a Helper<'_>,
    r: &Handlebars<'_>,
    name: &str,
) -> Result<&'a JsonValue, RenderError> {
    static NULL: JsonValue = JsonValue::Null;
    let p = h.param(0).ok_or_else(|| {
        RenderErrorReason::Other(format!("`{name}` needs a value: {{{{{name} value}}}}"))
    })?;
    if p.is_value_missing() {
        if r.strict_mode() {
            return Err(RenderError::strict_error(p.relative_path()));
        }
        return Ok(&NULL);
    }
    Ok(p.value())
}

#[derive(Clone, Copy)]
enum Kind {
    Date,
    Number,
    Percent,
}

struct Format {
    lang: Lang,
    kind: Kind,
}

impl HelperDef for Format {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let name = match self.kind {
            Kind::Date => "date",
            Kind::Number => "number",
            Kind::Percent => "percent",
        };
        let v = param(h, r, name)?;
        let decimals = h
            .param(1)
            .and_then(|p| p.value().as_u64())
            .map(|d| d.min(6) as usize);
        let text = match self.kind {
            Kind::Date => format_date(v, self.lang),
            Kind::Number => format_number_value(v, decimals, self.lang),
            Kind::Percent => format_percent_value(v, decimals.unwrap_or(0), self.lang),
        };
        Ok(ScopedJson::Derived(JsonValue::String(text)))
    }
}

/// `2019-05-08` → `May 8, 2019` (en) or `08/05/2019` (pt-BR); anything that is not an ISO
/// date is shown as written.
pub fn format_date(v: &JsonValue, lang: Lang) -> String {
    let s = match v {
        JsonValue::Null => return String::new(),
        JsonValue::String(s) => s.trim(),
        other => return other.to_string(),
    };
    let head = s.get(..10).unwrap_or(s);
    match crate::i18n::format::parse_iso_date(head) {
        Some(d) => crate::i18n::format::date(d, lang),
        None => s.to_string(),
    }
}

fn as_number(v: &JsonValue) -> Option<f64> {
    match v {
        JsonValue::Number(n) => n.as_f64(),
        JsonValue::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|f| f.is_finite())
}

fn format_number_value(v: &JsonValue, decimals: Option<usize>, lang: Lang) -> String {
    match (v, as_number(v)) {
        (JsonValue::Null, _) => String::new(),
        (_, Some(n)) => format_number(n, decimals, lang),
        (JsonValue::String(s), None) => s.clone(),
        (other, None) => other.to_string(),
    }
}

fn format_percent_value(v: &JsonValue, decimals: usize, lang: Lang) -> String {
    match (v, as_number(v)) {
        (JsonValue::Null, _) => String::new(),
        (_, Some(n)) => format_percent(n, decimals, lang),
        (JsonValue::String(s), None) => s.clone(),
        (other, None) => other.to_string(),
    }
}

/// Status keys as the model serialises them, their label keys, tones and built-in words.
/// Not started is grey (nothing is wrong yet), Blocked red (something is).
const STATUSES: &[(&str, &str, &str, &str, &str)] = &[
    ("done", "status.done", "good", "Done", "Concluído"),
    (
        "completed",
        "status.completed",
        "good",
        "Completed",
        "Concluída",
    ),
    (
        "in progress",
        "status.in_progress",
        "warn",
        "In progress",
        "Em andamento",
    ),
    (
        "not started",
        "status.not_started",
        "muted",
        "Not started",
        "Não iniciado",
    ),
    ("blocked", "status.blocked", "bad", "Blocked", "Bloqueada"),
    ("n/a", "status.na", "muted", "N/A", "N/D"),
];

/// The words of a task's or an action's status where they differ from a success
/// factor's: in Portuguese they agree with "tarefa"/"ação" (feminine), a factor's with
/// "fator" (masculine). Label keys `task_status.*`, else `status.*`.
const TASK_WORDS: &[(&str, &str, &str)] = &[
    ("not started", "task_status.not_started", "Não iniciada"),
    ("in progress", "task_status.in_progress", "Em andamento"),
    ("completed", "task_status.completed", "Concluída"),
    ("done", "task_status.completed", "Concluída"),
    ("blocked", "task_status.blocked", "Bloqueada"),
    ("n/a", "task_status.na", "N/D"),
];

/// The label and tone class of a status value, or `None` for a value that is not one.
/// `task`: the status of a task or an action (its words agree with "tarefa").
pub fn status_label(
    value: &str,
    lang: Lang,
    labels: &Labels,
    task: bool,
) -> Option<(String, &'static str)> {
    let key = value.trim().to_lowercase();
    let (_, label_key, tone, en, pt) = STATUSES.iter().find(|s| s.0 == key)?;
    if task {
        if let Some((_, task_key, task_pt)) = TASK_WORDS.iter().find(|s| s.0 == key) {
            let word = labels
                .get(task_key)
                .or_else(|| labels.get(label_key))
                .map(str::to_string)
                .unwrap_or_else(|| match lang {
                    Lang::En => (*en).to_string(),
                    Lang::PtBr => (*task_pt).to_string(),
                });
            return Some((word, tone));
        }
    }
    let word = labels
        .get(label_key)
        .map(str::to_string)
        .unwrap_or_else(|| match lang {
            Lang::En => (*en).to_string(),
            Lang::PtBr => (*pt).to_string(),
        });
    Some((word, tone))
}

struct StatusHelper {
    lang: Lang,
    labels: Arc<Labels>,
    mark: bool,
}

impl HelperDef for StatusHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = if self.mark { "status_mark" } else { "status" };
        let v = param(h, r, name)?;
        let raw: std::borrow::Cow<'_, str> = match v {
            JsonValue::Null => return Ok(()),
            JsonValue::String(s) => s.as_str().into(),
            other => other.to_string().into(),
        };
        let task = h
            .hash_get("task")
            .is_some_and(|v| v.value().as_bool() == Some(true));
        let text = match status_label(&raw, self.lang, &self.labels, task) {
            Some((word, tone)) if self.mark => {
                format!("<span class=\"{tone}\">{}</span>", escape_markdown(&word))
            }
            Some((word, _)) => escape_markdown(&word),
            None => escape_markdown(&raw),
        };
        out.write(&text)?;
        Ok(())
    }
}

struct CheckHelper;

impl HelperDef for CheckHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let v = param(h, r, "check")?;
        let mark = match v {
            JsonValue::Bool(true) => "<check done/>",
            JsonValue::String(s) => match s.trim().to_lowercase().as_str() {
                "na" | "n/a" | "n/d" => "<check na/>",
                "done" | "completed" | "true" | "yes" => "<check done/>",
                _ => "<check/>",
            },
            _ => "<check/>",
        };
        out.write(mark)?;
        Ok(())
    }
}

struct LabelHelper {
    labels: Arc<Labels>,
}

impl HelperDef for LabelHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            RenderErrorReason::Other("`t` needs a label key: {{t \"key\"}}".into())
        })?;
        match self.labels.get(key) {
            Some(text) => {
                out.write(text)?;
                Ok(())
            }
            None => Err(RenderErrorReason::Other(format!(
                "unknown label \"{key}\" (not in {})",
                self.labels.file
            ))
            .into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages_follow_the_language() {
        assert_eq!(format_number(20000.0, None, Lang::En), "20,000");
        assert_eq!(format_number(20000.0, None, Lang::PtBr), "20.000");
        assert_eq!(format_number(1234.5, None, Lang::En), "1,234.5");
        assert_eq!(format_number(1234.5, None, Lang::PtBr), "1.234,5");
        assert_eq!(format_number(-1234567.0, None, Lang::En), "-1,234,567");
        assert_eq!(format_number(0.0, None, Lang::En), "0");
        assert_eq!(format_percent(0.755, 0, Lang::En), "76%");
        assert_eq!(format_percent(0.755, 0, Lang::PtBr), "76%");
        assert_eq!(format_percent(0.755, 1, Lang::En), "75.5%");
        assert_eq!(format_percent(0.755, 1, Lang::PtBr), "75,5%");
        assert_eq!(format_percent(1.0, 0, Lang::En), "100%");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = JsonValue::String("2019-05-08".into());
        assert_eq!(format_date(&d, Lang::En), "May 8, 2019");
        assert_eq!(format_date(&d, Lang::PtBr), "08/05/2019");
        assert_eq!(format_date(&JsonValue::Null, Lang::En), "");
        let odd = JsonValue::String("soon".into());
        assert_eq!(format_date(&odd, Lang::En), "soon");
    }
}
