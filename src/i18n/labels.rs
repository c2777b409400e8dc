//! Labels: the words every document and the portfolio report show, one
//! `templates/<lang>/labels.toml` per language, compiled in and overridable from
//! `--templates DIR`. This is the one loader: the templates' `{{t "key"}}` helper reads a
//! [`Labels`], and a view that needs a typed table of labels (the report's) asks
//! [`Labels::table`] for it.

use super::Lang;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// Labels of one language: flat keys (`plan.title`, `portfolio.as_of`) to text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The file they were read from, for messages.
    pub file: String,
    map: BTreeMap<String, String>,
}

/// A labels file that does not parse, or a table of labels that cannot be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct LabelsError {
    /// The labels file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl Labels {
    /// No labels at all, as if `file` were empty.
    pub fn empty(file: &str) -> Labels {
        Labels {
            file: file.to_string(),
            map: BTreeMap::new(),
        }
    }

    /// Parses a labels file: TOML whose every value is text, tables nesting the keys.
    pub fn parse(file: &str, text: &str) -> Result<Labels, LabelsError> {
        let error = |message: String| LabelsError {
            file: file.to_string(),
            message,
        };
        let table: toml::Table =
            toml::from_str(text).map_err(|e| error(e.to_string().trim().to_string()))?;
        let mut map = BTreeMap::new();
        flatten("", &table, &mut map).map_err(|key| {
            error(format!(
                "label \"{key}\" is not text; write it as key = \"text\""
            ))
        })?;
        Ok(Labels {
            file: file.to_string(),
            map,
        })
    }

    /// The built-in labels of a language.
    pub fn builtin(lang: Lang) -> Result<Labels, LabelsError> {
        let text = match lang {
            Lang::En => include_str!("../../templates/en/labels.toml"),
            Lang::PtBr => include_str!("../../templates/pt-BR/labels.toml"),
        };
        Labels::parse(&format!("{}/labels.toml", lang.tag()), text)
    }

    /// The text of `key`, if the labels have it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Every key and its text, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The labels of one table (`[portfolio]`) as a typed struct: each field is the
    /// label `<table>.<field>` of these labels, else of `fallback` (the built-ins), so an
    /// override file rewords what it names and keeps the rest.
    pub fn table<T: DeserializeOwned>(
        &self,
        table: &str,
        fallback: &Labels,
    ) -> Result<T, LabelsError> {
        let prefix = format!("{table}.");
        let mut fields = serde_json::Map::new();
        for labels in [fallback, self] {
            for (key, text) in labels.iter() {
                if let Some(field) = key.strip_prefix(&prefix) {
                    fields.insert(
                        field.to_string(),
                        serde_json::Value::String(text.to_string()),
                    );
                }
            }
        }
        serde_json::from_value(serde_json::Value::Object(fields)).map_err(|e| LabelsError {
            file: self.file.clone(),
            message: format!("[{table}]: {e}"),
        })
    }
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out)?,
            _ => return Err(key),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_labels_parse_in_both_languages() {
        for lang in [Lang::En, Lang::PtBr] {
            let l = Labels::builtin(lang).expect("built-in labels parse");
            assert!(l.get("portfolio.title").is_some());
        }
    }

    #[test]
    fn a_table_takes_each_field_from_the_override_else_the_fallback() {
        #[derive(serde::Deserialize)]
        struct T {
            a: String,
            b: String,
        }
        let fallback = Labels::parse("f", "[t]\na = \"A\"\nb = \"B\"").expect("parses");
        let over = Labels::parse("o", "[t]\nb = \"Bee\"\nc = \"ignored\"").expect("parses");
        let t: T = over.table("t", &fallback).expect("filled");
        assert_eq!((t.a.as_str(), t.b.as_str()), ("A", "Bee"));
        let err = Labels::parse("o", "x = 1").expect_err("not text");
        assert_eq!(
            err.to_string(),
            "o: label \"x\" is not text; write it as key = \"text\""
        );
    }
}
