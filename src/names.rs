//! Sheet and column names: the contract's tables and columns in English and pt-BR, and
//! the matching rule (case-insensitive, ignoring accents, spaces, `_`, `-` and `.`).
//!
//! Kept below both `input` (which asks whether a CSV file is named after a table) and
//! `model` (which matches every sheet and column against them).
//!
//! The starter workbook (`crate::starter`) writes its headers from these same tables, so
//! what `init` writes and what `check` accepts cannot drift apart.

use crate::i18n::Lang;
use unicode_normalization::UnicodeNormalization;

/// Folds a name for matching: accents removed, lower case, and spaces (any kind),
/// `_`, `-` and `.` dropped. `"Data de Conclusão"` and `"data_de_conclusao"` fold alike.
pub fn fold(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '.' | '\u{200B}' | '\u{FEFF}')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One of the contract's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableKind {
    /// Engagements (Envolvimentos): one row per engagement.
    Engagements,
    /// Services (Serviços) with their SSAT statuses.
    Services,
    /// Stakeholders (Partes Interessadas).
    Stakeholders,
    /// Success Metrics (Métricas de Sucesso).
    Metrics,
    /// Tasks (Tarefas).
    Tasks,
    /// Actions (Ações, Próximas Etapas).
    Actions,
}

/// One column of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The English header; also the key the model and `check --format json` use.
    pub en: &'static str,
    /// The pt-BR header.
    pub pt: &'static str,
    /// Other accepted spellings.
    pub aliases: &'static [&'static str],
    /// Whether a row without a value is an error.
    pub required: bool,
}

const fn col(en: &'static str, pt: &'static str, required: bool) -> ColumnSpec {
    ColumnSpec {
        en,
        pt,
        aliases: &[],
        required,
    }
}

const fn col_also(
    en: &'static str,
    pt: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> ColumnSpec {
    ColumnSpec {
        en,
        pt,
        aliases,
        required,
    }
}

/// The column linking rows to their engagement.
pub const ENGAGEMENT_ID: &str = "Engagement ID";

const ID: ColumnSpec = col_also(
    ENGAGEMENT_ID,
    "ID do Envolvimento",
    &["Engagement", "Envolvimento", "ID Envolvimento"],
    false,
);

const ENGAGEMENTS: &[ColumnSpec] = &[
    col_also(
        ENGAGEMENT_ID,
        "ID do Envolvimento",
        &["Engagement", "Envolvimento", "ID Envolvimento"],
        true,
    ),
    col_also(
        "Customer",
        "Cliente",
        &["Customer Name", "Nome do Cliente"],
        true,
    ),
    col_also(
        "Tenant Domain",
        "Domínio do Locatário",
        &["Tenant", "Domínio do Tenant", "Locatário"],
        false,
    ),
    col("Segment", "Segmento", false),
    col_also("Licenses", "Licenças", &["Licences", "Seats"], false),
    col_also(
        "FastTrack Manager",
        "Gerente FastTrack",
        &["FM", "Gerente do FastTrack"],
        true,
    ),
    col_also("FM Email", "E-mail do FM", &["Email do FM"], false),
    col("Partner", "Parceiro", false),
    col("Customer Contact", "Contato do Cliente", false),
    col_also(
        "Contact Email",
        "E-mail do Contato",
        &["Contact Emails", "Email do Contato"],
        false,
    ),
    col_also(
        "Kickoff Date",
        "Data da Abertura",
        &["Kickoff", "Data de Abertura"],
        false,
    ),
    col_also("Workshop Date", "Data do Workshop", &["Workshop"], true),
    col_also("Language", "Idioma", &["Lang", "Língua"], false),
    col_also(
        "Check-in Cadence",
        "Cadência de Verificação",
        &["Cadence", "Cadência"],
        false,
    ),
    col_also(
        "Next Check-in",
        "Próxima Verificação",
        &["Next Check-in Date", "Data da Próxima Verificação"],
        false,
    ),
    col_also(
        "Communication Channel",
        "Canal de Comunicação",
        &["Channel", "Canal"],
        false,
    ),
    col_also(
        "Enterprise Adoption Benefit",
        "Benefício de Adoção Empresarial",
        &["EAB"],
        false,
    ),
    col("Success Vision", "Visão de Sucesso", false),
];

const SERVICES: &[ColumnSpec] = &[
    ID,
    col_also("Service", "Serviço", &["Workload"], true),
    col_also(
        "Stakeholders",
        "Stakeholders",
        &["Partes Interessadas"],
        false,
    ),
    col("Scenarios", "Cenários", false),
    col("Awareness", "Conscientização", false),
    col("Training", "Treinamento", false),
    col_also(
        "Notes",
        "Observações",
        &["Note", "Notas", "Comments", "Comentários"],
        false,
    ),
];

const STAKEHOLDERS: &[ColumnSpec] = &[
    ID,
    col("Name", "Nome", true),
    col_also("Role", "Função", &["Papel"], false),
    col_also(
        "Email",
        "E-mail",
        &["Email Address", "Endereço de E-mail"],
        false,
    ),
    col("Responsibility", "Responsabilidade", false),
];

const METRICS: &[ColumnSpec] = &[
    ID,
    col("Service", "Serviço", false),
    col("Scenario", "Cenário", true),
    col("Metric", "Métrica", false),
    col("Baseline", "Linha de Base", false),
    col("Target", "Meta", false),
    col_also("Target Date", "Data Alvo", &["Data da Meta"], false),
    col("Owner", "Responsável", false),
    col("Source", "Fonte", false),
];

const TASKS: &[ColumnSpec] = &[
    ID,
    col_also("Task ID", "ID da Tarefa", &["Task"], true),
    col_also("Task Name", "Nome da Tarefa", &["Tarefa"], true),
    col_also(
        "Required",
        "Obrigatório",
        &["Mandatory", "M/O", "Obrigatório / Opcional", "Required M/O"],
        false,
    ),
    col_also("Role", "Função", &["Papel"], false),
    col("Services", "Serviços", false),
    col_also("Status", "Status", &["Situação", "Estado"], false),
    col("Owner", "Responsável", false),
    col_also("Due Date", "Data de Vencimento", &["Due", "Prazo"], false),
    col_also(
        "Completed Date",
        "Data de Conclusão",
        &["Completed", "Completion Date", "Concluída em"],
        false,
    ),
];

const ACTIONS: &[ColumnSpec] = &[
    ID,
    col_also("Action", "Ação", &["Next Step", "Próxima Etapa"], true),
    col("Owner", "Responsável", false),
    col_also("Due Date", "Data de Vencimento", &["Due", "Prazo"], false),
    col_also("Status", "Status", &["Situação", "Estado"], false),
];

impl TableKind {
    /// Every table, in contract order.
    pub const ALL: [TableKind; 6] = [
        TableKind::Engagements,
        TableKind::Services,
        TableKind::Stakeholders,
        TableKind::Metrics,
        TableKind::Tasks,
        TableKind::Actions,
    ];

    /// The English sheet name.
    pub fn en(self) -> &'static str {
        match self {
            TableKind::Engagements => "Engagements",
            TableKind::Services => "Services",
            TableKind::Stakeholders => "Stakeholders",
            TableKind::Metrics => "Success Metrics",
            TableKind::Tasks => "Tasks",
            TableKind::Actions => "Actions",
        }
    }

    /// The pt-BR sheet name.
    pub fn pt(self) -> &'static str {
        match self {
            TableKind::Engagements => "Envolvimentos",
            TableKind::Services => "Serviços",
            TableKind::Stakeholders => "Partes Interessadas",
            TableKind::Metrics => "Métricas de Sucesso",
            TableKind::Tasks => "Tarefas",
            TableKind::Actions => "Ações",
        }
    }

    /// Other accepted sheet names (singulars, CSV-style stems are covered by [`fold`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            TableKind::Engagements => &["Engagement", "Envolvimento"],
            TableKind::Services => &["Service", "Serviço", "SSAT"],
            TableKind::Stakeholders => &["Stakeholder", "Parte Interessada"],
            TableKind::Metrics => &["Metrics", "Métricas", "Success Metric"],
            TableKind::Tasks => &["Task", "Tarefa"],
            TableKind::Actions => &["Action", "Ação", "Next Steps", "Próximas Etapas"],
        }
    }

    /// The sheet name in a language.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en(),
            Lang::PtBr => self.pt(),
        }
    }

    /// The table a sheet (or CSV file stem) names, if any.
    pub fn from_sheet_name(name: &str) -> Option<TableKind> {
        let folded = fold(name);
        TableKind::ALL.into_iter().find(|kind| {
            [kind.en(), kind.pt()]
                .iter()
                .chain(kind.aliases())
                .any(|n| fold(n) == folded)
        })
    }

    /// The table's columns, in contract order (the Engagement ID first).
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            TableKind::Engagements => ENGAGEMENTS,
            TableKind::Services => SERVICES,
            TableKind::Stakeholders => STAKEHOLDERS,
            TableKind::Metrics => METRICS,
            TableKind::Tasks => TASKS,
            TableKind::Actions => ACTIONS,
        }
    }
}

impl ColumnSpec {
    /// Whether a header as written names this column.
    pub fn matches(&self, header: &str) -> bool {
        let folded = fold(header);
        !folded.is_empty()
            && [self.en, self.pt]
                .iter()
                .chain(self.aliases)
                .any(|n| fold(n) == folded)
    }

    /// The header in a language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::PtBr => self.pt,
        }
    }

    /// `“Task ID” (pt-BR: “ID da Tarefa”)`, for messages.
    pub fn both_names(&self) -> String {
        if self.en == self.pt {
            format!("“{}”", self.en)
        } else {
            format!("“{}” (pt-BR: “{}”)", self.en, self.pt)
        }
    }
}

/// How a table's headers map to the contract's columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderMap {
    /// For each contract column (by position in [`TableKind::columns`]), the index of the
    /// header naming it.
    pub known: Vec<Option<usize>>,
    /// Headers not in the contract: (index, header as written).
    pub custom: Vec<(usize, String)>,
    /// Headers naming a column already matched: (index, header as written).
    pub duplicates: Vec<(usize, String)>,
}

impl HeaderMap {
    /// Maps headers (as written) to the columns of a table. Blank headers are skipped.
    pub fn new(kind: TableKind, headers: &[String]) -> HeaderMap {
        let specs = kind.columns();
        let mut map = HeaderMap {
            known: vec![None; specs.len()],
            ..HeaderMap::default()
        };
        for (index, header) in headers.iter().enumerate() {
            if header.trim().is_empty() {
                continue;
            }
            match specs.iter().position(|s| s.matches(header)) {
                Some(pos) => match map.known.get_mut(pos) {
                    Some(slot @ None) => *slot = Some(index),
                    _ => map.duplicates.push((index, header.trim().to_string())),
                },
                None => map.custom.push((index, header.trim().to_string())),
            }
        }
        map
    }

    /// The header index for a contract column (by English name).
    pub fn index(&self, kind: TableKind, en: &str) -> Option<usize> {
        let pos = kind.columns().iter().position(|s| s.en == en)?;
        self.known.get(pos).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_separators() {
        assert_eq!(fold("Data de Conclusão"), "datadeconclusao");
        assert_eq!(fold("data_de-conclusao."), "datadeconclusao");
        assert_eq!(fold("E-MAIL\u{a0}do FM"), "emaildofm");
    }

    #[test]
    fn sheet_names_in_both_languages() {
        assert_eq!(
            TableKind::from_sheet_name("success-metrics"),
            Some(TableKind::Metrics)
        );
        assert_eq!(
            TableKind::from_sheet_name("metricas-de-sucesso"),
            Some(TableKind::Metrics)
        );
        assert_eq!(
            TableKind::from_sheet_name("AÇÕES"),
            Some(TableKind::Actions)
        );
        assert_eq!(TableKind::from_sheet_name("Notes"), None);
    }

    #[test]
    fn every_name_is_unambiguous_within_its_table() {
        for kind in TableKind::ALL {
            let cols = kind.columns();
            for (i, a) in cols.iter().enumerate() {
                for name in [a.en, a.pt].iter().chain(a.aliases) {
                    let hits: Vec<_> = cols.iter().filter(|c| c.matches(name)).collect();
                    assert_eq!(hits.len(), 1, "{name} in {kind:?} (column {i})");
                }
            }
        }
    }
}
