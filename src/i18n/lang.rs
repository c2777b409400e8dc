//! The languages documents and messages are written in.

use serde::Serialize;

/// A document language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::PtBr];

    /// The language tag: `en` or `pt-BR`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }

    /// Parses `en`, `pt-BR` and the usual spellings (`pt`, `pt_br`, `English`, `Português`).
    pub fn parse(s: &str) -> Option<Lang> {
        let k: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        match k.as_str() {
            "en" | "enus" | "engb" | "english" | "ingles" | "inglês" => Some(Lang::En),
            "pt" | "ptbr" | "portuguese" | "portugues" | "português" => Some(Lang::PtBr),
            _ => None,
        }
    }

    /// The message language a locale environment asks for, by the POSIX rule: the first
    /// non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG` decides; a locale starting with
    /// `pt` (`pt_BR.UTF-8`, `pt-BR`, `pt`) is Brazilian Portuguese, any other is English.
    /// `None` when all three are unset or empty. The caller reads the environment.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Option<Lang> {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|s| !s.is_empty())?;
        Some(if locale.to_ascii_lowercase().starts_with("pt") {
            Lang::PtBr
        } else {
            Lang::En
        })
    }

    /// A page footer: `Page 2 of 5`, `Página 2 de 5`.
    pub fn page_of(self, n: usize, of: usize) -> String {
        let (page, between) = self.page_of_parts();
        format!("{page}{n}{between}{of}")
    }

    /// The words around the numbers of [`Lang::page_of`], for writers that put fields
    /// between them (DOCX): `("Page ", " of ")`.
    pub fn page_of_parts(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("Page ", " of "),
            Lang::PtBr => ("Página ", " de "),
        }
    }

    /// The logo's alternative text (PDF figure, DOCX picture) for screen readers.
    pub fn logo_alt(self) -> &'static str {
        match self {
            Lang::En => "Logo",
            Lang::PtBr => "Logotipo",
        }
    }

    /// The heading of the handout's space for notes.
    pub fn notes(self) -> &'static str {
        match self {
            Lang::En => "Notes",
            Lang::PtBr => "Anotações",
        }
    }

    /// Not applicable, as a table cell or task status shows it.
    pub fn not_applicable(self) -> &'static str {
        match self {
            Lang::En => "N/A",
            Lang::PtBr => "N/D",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: expected en or pt-BR"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_rule() {
        let pt = Some(Lang::PtBr);
        assert_eq!(Lang::from_locale(None, None, Some("pt_BR.UTF-8")), pt);
        assert_eq!(Lang::from_locale(Some("pt_PT"), None, None), pt);
        assert_eq!(Lang::from_locale(None, Some("pt-BR"), Some("en_US")), pt);
        // The first non-empty variable decides, as POSIX says.
        assert_eq!(
            Lang::from_locale(Some("C"), None, Some("pt_BR.UTF-8")),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_locale(Some(""), None, Some("pt_BR.UTF-8")), pt);
        assert_eq!(Lang::from_locale(None, None, Some("de_DE")), Some(Lang::En));
        assert_eq!(Lang::from_locale(None, Some(" "), None), None);
    }

    #[test]
    fn writer_strings() {
        assert_eq!(Lang::En.page_of(2, 5), "Page 2 of 5");
        assert_eq!(Lang::PtBr.page_of(2, 5), "Página 2 de 5");
    }
}
