//! Templates: handlebars (strict mode) rendering Markdown from view structs.
//!
//! Built-in templates (`templates/<lang>/<name>.md.hbs`), the theme and fonts are compiled
//! into the binary; `--templates DIR` overrides any of them by file name.

use crate::model::Lang;
use crate::theme::Theme;
use serde::Serialize;
use std::path::Path;

/// Why a template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// Placeholder until the engine lands.
    #[error("{0}")]
    Other(String),
}

/// Binary assets a writer needs: font files and the optional logo.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Font files by file name (as the theme names them).
    pub fonts: std::collections::BTreeMap<String, Vec<u8>>,
    /// The logo's PNG bytes, if the theme names one.
    pub logo: Option<Vec<u8>>,
}

/// The template set: built-ins, overridden by file name from a folder.
pub struct Templates {
    _theme: Theme,
}

impl Templates {
    /// Loads the built-ins and, if given, the overrides in `dir`.
    pub fn new(_dir: Option<&Path>) -> Result<Templates, TemplateError> {
        todo!("template engine")
    }

    /// Renders `<lang>/<name>.md.hbs` with `data` into Markdown.
    pub fn render(
        &self,
        _name: &str,
        _lang: Lang,
        _data: &impl Serialize,
    ) -> Result<String, TemplateError> {
        todo!("template engine")
    }

    /// The theme in force.
    pub fn theme(&self) -> &Theme {
        &self._theme
    }

    /// The assets in force (fonts, logo).
    pub fn assets(&self) -> &Assets {
        todo!("template engine")
    }
}

/// Escapes a data value so Markdown shows it literally (inside a table cell too).
pub fn escape_markdown(_s: &str) -> String {
    todo!("escape")
}
