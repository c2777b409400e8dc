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
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: expected en or pt-BR"))
    }
}
