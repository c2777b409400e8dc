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

/// The longest folded name (in characters) compared letter by letter for a "did you
/// mean": a longer header or sheet name is only searched for a contract name held whole,
/// so a hostile header of a megabyte costs a scan, not an edit-distance table.
const RESEMBLE_MAX_CHARS: usize = 64;

/// How closely a sheet or column name as written resembles a contract name, for a
/// "did you mean" (both folded as by [`fold`]): `Some(0)` when it holds a name of five
/// letters or more whole (“Workshop Date (dd/mm/yyyy)”, “Engagements 2024”), else the
/// edit distance when it is small for the name's length (“Staus” and “Awarness” are one
/// letter off: a quarter of the name's letters, one to three, may differ), else `None`.
/// A name it equals is not a resemblance (it matches).
pub fn resemblance(written: &str, name: &str) -> Option<usize> {
    let (written, name) = (fold(written), fold(name));
    let len = name.chars().count();
    if written.is_empty() || len < 4 || written == name {
        return None;
    }
    if len >= 5 && written.contains(&name) {
        return Some(0);
    }
    if written.chars().count() > RESEMBLE_MAX_CHARS {
        return None;
    }
    let distance = strsim::damerau_levenshtein(&written, &name);
    (distance <= (len / 4).clamp(1, 3)).then_some(distance)
}

/// The closest of `names` to `written` by [`resemblance`], with its distance.
fn closest<'a>(written: &str, names: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    names
        .into_iter()
        .filter_map(|n| resemblance(written, n))
        .min()
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

/// A column of one of the contract's tables. Each table's columns are an enum
/// ([`EngagementCol`], [`ServiceCol`], …), so the model reads a cell by a variant
/// (`ctx.text(StakeholderCol::Role)`), never by its header text, and a misspelt column
/// does not compile. The headers in both languages and the aliases are in one table per
/// sheet, below.
///
/// ```
/// use successkit::model::names::{Column, TaskCol};
/// assert_eq!(TaskCol::DueDate.spec().pt, "Data de Vencimento");
/// ```
///
/// ```compile_fail
/// // A misspelt column is a compile error, not a silently empty field.
/// let _ = successkit::model::names::TaskCol::DueDat;
/// ```
pub trait Column: Copy + std::fmt::Debug {
    /// The table the column belongs to.
    const TABLE: TableKind;
    /// Its position in [`TableKind::columns`].
    fn position(self) -> usize;
    /// Its headers, aliases and whether it is required.
    fn spec(self) -> ColumnSpec;
}

/// Declares one table's column enum and its header table from one list, so the two
/// cannot drift apart: `Variant = "English", "Português", [aliases], required;`.
macro_rules! columns {
    (
        $(#[$meta:meta])* $name:ident in $table:ident, $specs:ident {
            $($var:ident = $en:literal, $pt:literal, [$($alias:literal),*], $req:literal;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!("“", $en, "” (pt-BR “", $pt, "”).")] $var,)*
        }

        const $specs: &[ColumnSpec] = &[$(ColumnSpec {
            en: $en,
            pt: $pt,
            aliases: &[$($alias),*],
            required: $req,
        },)*];

        impl $name {
            /// Every column of the table, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$var,)*];
        }

        impl Column for $name {
            const TABLE: TableKind = TableKind::$table;
            fn position(self) -> usize {
                self as usize
            }
            fn spec(self) -> ColumnSpec {
                match self {
                    $($name::$var => ColumnSpec {
                        en: $en,
                        pt: $pt,
                        aliases: &[$($alias),*],
                        required: $req,
                    },)*
                }
            }
        }
    };
}

columns! {
    /// A column of Engagements (Envolvimentos).
    EngagementCol in Engagements, ENGAGEMENTS {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], true;
        Customer = "Customer", "Cliente", ["Customer Name", "Nome do Cliente"], true;
        TenantDomain = "Tenant Domain", "Domínio do Locatário", ["Tenant", "Domínio do Tenant", "Locatário"], false;
        Segment = "Segment", "Segmento", [], false;
        Licenses = "Licenses", "Licenças", ["Licences", "Seats"], false;
        FastTrackManager = "FastTrack Manager", "Gerente FastTrack", ["FM", "Gerente do FastTrack"], true;
        FmEmail = "FM Email", "E-mail do FM", ["Email do FM"], false;
        Partner = "Partner", "Parceiro", [], false;
        CustomerContact = "Customer Contact", "Contato do Cliente", [], false;
        ContactEmail = "Contact Email", "E-mail do Contato", ["Contact Emails", "Email do Contato"], false;
        KickoffDate = "Kickoff Date", "Data da Abertura", ["Kickoff", "Data de Abertura"], false;
        WorkshopDate = "Workshop Date", "Data do Workshop", ["Workshop"], true;
        Language = "Language", "Idioma", ["Lang", "Língua"], false;
        CheckInCadence = "Check-in Cadence", "Cadência de Verificação", ["Cadence", "Cadência"], false;
        NextCheckIn = "Next Check-in", "Próxima Verificação", ["Next Check-in Date", "Data da Próxima Verificação"], false;
        CommunicationChannel = "Communication Channel", "Canal de Comunicação", ["Channel", "Canal"], false;
        EnterpriseAdoptionBenefit = "Enterprise Adoption Benefit", "Benefício de Adoção Empresarial", ["EAB"], false;
        SuccessVision = "Success Vision", "Visão de Sucesso", [], false;
    }
}

columns! {
    /// A column of Services (Serviços).
    ServiceCol in Services, SERVICES {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], false;
        Service = "Service", "Serviço", ["Workload"], true;
        Stakeholders = "Stakeholders", "Stakeholders", ["Partes Interessadas"], false;
        Scenarios = "Scenarios", "Cenários", [], false;
        Awareness = "Awareness", "Conscientização", [], false;
        Training = "Training", "Treinamento", [], false;
        Notes = "Notes", "Observações", ["Note", "Notas", "Comments", "Comentários"], false;
    }
}

columns! {
    /// A column of Stakeholders (Partes Interessadas).
    StakeholderCol in Stakeholders, STAKEHOLDERS {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], false;
        Name = "Name", "Nome", [], true;
        Role = "Role", "Função", ["Papel"], false;
        Email = "Email", "E-mail", ["Email Address", "Endereço de E-mail"], false;
        Responsibility = "Responsibility", "Responsabilidade", [], false;
    }
}

columns! {
    /// A column of Success Metrics (Métricas de Sucesso).
    MetricCol in Metrics, METRICS {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], false;
        Service = "Service", "Serviço", [], false;
        Scenario = "Scenario", "Cenário", [], true;
        Metric = "Metric", "Métrica", [], false;
        Baseline = "Baseline", "Linha de Base", [], false;
        Target = "Target", "Meta", [], false;
        TargetDate = "Target Date", "Data Alvo", ["Data da Meta"], false;
        Owner = "Owner", "Responsável", [], false;
        Source = "Source", "Fonte", [], false;
    }
}

columns! {
    /// A column of Tasks (Tarefas).
    TaskCol in Tasks, TASKS {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], false;
        TaskId = "Task ID", "ID da Tarefa", ["Task"], true;
        TaskName = "Task Name", "Nome da Tarefa", ["Tarefa"], true;
        Required = "Required", "Obrigatório", ["Mandatory", "M/O", "Obrigatório / Opcional", "Required M/O"], false;
        Role = "Role", "Função", ["Papel"], false;
        Services = "Services", "Serviços", [], false;
        Status = "Status", "Status", ["Situação", "Estado"], false;
        Owner = "Owner", "Responsável", [], false;
        DueDate = "Due Date", "Data de Vencimento", ["Due", "Prazo"], false;
        CompletedDate = "Completed Date", "Data de Conclusão", ["Completed", "Completion Date", "Concluída em"], false;
    }
}

columns! {
    /// A column of Actions (Ações).
    ActionCol in Actions, ACTIONS {
        EngagementId = "Engagement ID", "ID do Envolvimento", ["Engagement", "Envolvimento", "ID Envolvimento"], false;
        Action = "Action", "Ação", ["Next Step", "Próxima Etapa"], true;
        Owner = "Owner", "Responsável", [], false;
        DueDate = "Due Date", "Data de Vencimento", ["Due", "Prazo"], false;
        Status = "Status", "Status", ["Situação", "Estado"], false;
    }
}

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

    /// How closely a sheet name not in the contract resembles this table's names
    /// ([`resemblance`]): “Engagements 2024” and “Taks” resemble, “Sheet1” does not.
    pub fn resemblance(self, sheet: &str) -> Option<usize> {
        closest(
            sheet,
            [self.en(), self.pt()]
                .into_iter()
                .chain(self.aliases().iter().copied()),
        )
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

    /// How closely a header not in the contract resembles this column's names
    /// ([`resemblance`]): “Staus” resembles Status, “Workshop Date (dd/mm/yyyy)” Workshop
    /// Date.
    pub fn resemblance(&self, header: &str) -> Option<usize> {
        closest(
            header,
            [self.en, self.pt]
                .into_iter()
                .chain(self.aliases.iter().copied()),
        )
    }

    /// The header in a language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::PtBr => self.pt,
        }
    }

    /// Both headers, for messages: `“Task ID” (pt-BR: “ID da Tarefa”)` in English.
    pub fn names(&self) -> crate::i18n::Name {
        crate::i18n::Name {
            en: self.en,
            pt: self.pt,
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

    /// The header index of a contract column (the map must be of the column's table).
    pub fn index(&self, column: impl Column) -> Option<usize> {
        self.known.get(column.position()).copied().flatten()
    }

    /// The header index of the Engagement ID, the first column of every table.
    pub fn id_index(&self) -> Option<usize> {
        self.known.first().copied().flatten()
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
    fn resemblance_finds_typos_and_decorated_names_only() {
        let status = TaskCol::Status.spec();
        assert_eq!(status.resemblance("Staus"), Some(1));
        assert_eq!(
            status.resemblance("STATUS "),
            None,
            "a match is not a resemblance"
        );
        assert_eq!(status.resemblance("Situação"), None);
        let date = EngagementCol::WorkshopDate.spec();
        assert_eq!(date.resemblance("Worshop Date"), Some(1));
        assert_eq!(date.resemblance("Workshop Date (dd/mm/yyyy)"), Some(0));
        assert_eq!(date.resemblance("Data do Wokshop"), Some(1), "pt-BR too");
        assert_eq!(
            ServiceCol::Awareness.spec().resemblance("Awarness"),
            Some(1)
        );
        // Short names resemble only by a letter, and are not searched for inside others.
        assert_eq!(TaskCol::Role.spec().resemblance("Controle"), None);
        assert_eq!(TaskCol::Role.spec().resemblance("Rol"), Some(1));
        assert_eq!(TaskCol::Role.spec().resemblance("Rl"), None);
        assert_eq!(TaskCol::Owner.spec().resemblance("Region"), None);
        assert_eq!(
            TableKind::Engagements.resemblance("Engagements 2024"),
            Some(0)
        );
        assert_eq!(TableKind::Tasks.resemblance("Taks"), Some(1));
        assert_eq!(TableKind::Tasks.resemblance("Sheet1"), None);
        // A long header is searched for a name held whole, never compared letter by letter.
        let long = format!("{}Statu", "x".repeat(100));
        assert_eq!(status.resemblance(&long), None);
        assert_eq!(status.resemblance(&format!("{long}s")), Some(0));
    }

    #[test]
    fn each_enum_is_its_table_in_order() {
        fn check<C: Column>(all: &[C]) {
            let specs = C::TABLE.columns();
            assert_eq!(all.len(), specs.len(), "{:?}", C::TABLE);
            for (i, c) in all.iter().enumerate() {
                assert_eq!(c.position(), i);
                assert_eq!(specs.get(i), Some(&c.spec()));
            }
        }
        check(EngagementCol::ALL);
        check(ServiceCol::ALL);
        check(StakeholderCol::ALL);
        check(MetricCol::ALL);
        check(TaskCol::ALL);
        check(ActionCol::ALL);
        // Rows link to their engagement through the first column of every table.
        for kind in TableKind::ALL {
            assert_eq!(kind.columns().first().map(|c| c.en), Some("Engagement ID"));
        }
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
