//! Localised values the templates cannot express on their own: texts chosen by data
//! (a gap's next step, a suggestion's reason) and the seed's guides with their links.
//! Plain labels live in `templates/<lang>/labels.toml`; numbers and dates are written by
//! [`crate::i18n::format`].

use crate::model::{Cadence, FactorStatus, Lang};
use serde::Serialize;

/// A link to one of the seed's resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// What the reader sees.
    pub title: &'static str,
    /// Where it goes.
    pub url: &'static str,
}

/// The seed's guides a gap can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guide {
    /// Key Stakeholders Guide.
    KeyStakeholders,
    /// Adoption: 4+4 Pre-reqs and Success Factors Guide.
    PrereqsAndSuccessFactors,
    /// Measuring Success Guide.
    MeasuringSuccess,
    /// The FastTrack resource hub.
    ResourceHub,
    /// The productivity library.
    ProductivityLibrary,
    /// The Office Quick Start Guide.
    QuickStart,
    /// The Microsoft FastTrack portal.
    FastTrackPortal,
    /// The Success Plan checklist.
    SuccessChecklist,
    /// The OneDrive Adoption Launch Program kit.
    OneDriveLaunchKit,
    /// The Business Value Discussion guide.
    BusinessValue,
}

impl Guide {
    /// The guide's title in the language and its link (from the seed).
    pub fn link(self, lang: Lang) -> Link {
        let pt = lang == Lang::PtBr;
        let (en, pt_title, url) = match self {
            Guide::KeyStakeholders => (
                "Key Stakeholders Guide",
                "Guia dos Principais Stakeholders",
                "https://aka.ms/key-stakeholders-guide",
            ),
            Guide::PrereqsAndSuccessFactors => (
                "Adoption: 4+4 Pre-reqs and Success Factors Guide",
                "Adoção: 4+4 Pré-requisitos e Guia de Fatores de Sucesso",
                "https://aka.ms/Guide-Adoption-4-4-Pre-reqs-and-Success-Factors",
            ),
            Guide::MeasuringSuccess => (
                "Measuring Success Guide",
                "Guia de Medição de Sucesso",
                "https://aka.ms/measuring-success-guide",
            ),
            Guide::ResourceHub => (
                "Resource Hub",
                "Hub de Recursos",
                "https://fasttrack.microsoft.com/microsoft365/resourcehub",
            ),
            Guide::ProductivityLibrary => (
                "Productivity Library",
                "Biblioteca de Produtividade",
                "https://go.microsoft.com/fwlink/?linkid=838407",
            ),
            Guide::QuickStart => (
                "Office Quick Start Guide",
                "Guia de Início Rápido do Office",
                "https://go.microsoft.com/fwlink/?linkid=848142",
            ),
            Guide::FastTrackPortal => (
                "Microsoft FastTrack portal",
                "Portal do Microsoft FastTrack",
                "https://fasttrack.microsoft.com/",
            ),
            Guide::SuccessChecklist => (
                "Success Checklist",
                "Checklist de Sucesso",
                "https://aka.ms/success-plan-checklist",
            ),
            Guide::OneDriveLaunchKit => (
                "OneDrive Adoption Launch Program kit",
                "Kit do Programa de Lançamento de Adoção do OneDrive",
                "https://aka.ms/OneDriveAdoptionLaunchProgramKit",
            ),
            Guide::BusinessValue => (
                "Business Value Discussion guide",
                "Guia de Discussão sobre Valor de Negócios",
                "https://aka.ms/business-value-discussions",
            ),
        };
        Link {
            title: if pt { pt_title } else { en },
            url,
        }
    }
}

/// One of the four SSAT success factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    /// Stakeholders.
    Stakeholders,
    /// Scenarios.
    Scenarios,
    /// Awareness.
    Awareness,
    /// Training.
    Training,
}

impl Factor {
    /// The four factors in contract order (the order of [`crate::model::rules::factors`]).
    pub const ALL: [Factor; 4] = [
        Factor::Stakeholders,
        Factor::Scenarios,
        Factor::Awareness,
        Factor::Training,
    ];

    /// The factor's name in the language.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Factor::Stakeholders, _) => "Stakeholders",
            (Factor::Scenarios, Lang::En) => "Scenarios",
            (Factor::Scenarios, Lang::PtBr) => "Cenários",
            (Factor::Awareness, Lang::En) => "Awareness",
            (Factor::Awareness, Lang::PtBr) => "Conscientização",
            (Factor::Training, Lang::En) => "Training",
            (Factor::Training, Lang::PtBr) => "Treinamento",
        }
    }

    /// The seed's guides for closing a gap in this factor.
    pub fn guides(self) -> &'static [Guide] {
        match self {
            Factor::Stakeholders => &[Guide::KeyStakeholders],
            Factor::Scenarios => &[Guide::PrereqsAndSuccessFactors, Guide::MeasuringSuccess],
            Factor::Awareness => &[Guide::ResourceHub, Guide::ProductivityLibrary],
            Factor::Training => &[Guide::QuickStart, Guide::FastTrackPortal],
        }
    }

    /// What to do next about a gap in this factor (not started or in progress).
    pub fn next_step(self, status: FactorStatus, lang: Lang) -> &'static str {
        let started = status == FactorStatus::InProgress;
        match (self, started, lang) {
            (Factor::Stakeholders, false, Lang::En) => "Name the executive sponsor, the success owner and the champions, and agree their roles and responsibilities.",
            (Factor::Stakeholders, false, Lang::PtBr) => "Nomear o patrocinador executivo, o responsável pelo sucesso e os campeões, e definir suas funções e responsabilidades.",
            (Factor::Stakeholders, true, Lang::En) => "Confirm the remaining stakeholders and how each will be engaged throughout the deployment.",
            (Factor::Stakeholders, true, Lang::PtBr) => "Confirmar as partes interessadas que faltam e como cada uma será envolvida durante toda a implantação.",
            (Factor::Scenarios, false, Lang::En) => "Prioritize the business scenarios and define the success criteria for each.",
            (Factor::Scenarios, false, Lang::PtBr) => "Priorizar os cenários de negócios e definir os critérios de sucesso de cada um.",
            (Factor::Scenarios, true, Lang::En) => "Complete the scenarios with a metric, a baseline and a target, backed by the M365 usage reports.",
            (Factor::Scenarios, true, Lang::PtBr) => "Completar os cenários com métrica, linha de base e meta, apoiados pelos Relatórios de Uso do M365.",
            (Factor::Awareness, false, Lang::En) => "Plan the launch communications (e-mails, posters, sites) that tell users the service is available.",
            (Factor::Awareness, false, Lang::PtBr) => "Planejar as comunicações de lançamento (e-mails, cartazes, sites) que informam os usuários sobre a disponibilidade do serviço.",
            (Factor::Awareness, true, Lang::En) => "Finish the communications plan and add it to the project plan with dates and owners.",
            (Factor::Awareness, true, Lang::PtBr) => "Concluir o plano de comunicação e adicioná-lo ao Plano de Projeto com datas e responsáveis.",
            (Factor::Training, false, Lang::En) => "Plan end-user training for the new features and add it to the project plan.",
            (Factor::Training, false, Lang::PtBr) => "Planejar o treinamento dos usuários finais sobre os novos recursos e adicioná-lo ao Plano de Projeto.",
            (Factor::Training, true, Lang::En) => "Schedule the remaining training for each user group and share the ready-made training material.",
            (Factor::Training, true, Lang::PtBr) => "Agendar o treinamento restante de cada grupo de usuários e compartilhar o material de treinamento pronto.",
        }
    }
}

/// Document keywords in the language.
pub fn keywords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &["FastTrack", "Success Workshop", "SSAT", "adoption"],
        Lang::PtBr => &["FastTrack", "Workshop de Sucesso", "SSAT", "adoção"],
    }
}

/// The check-in cadence in the language, lower case: it is read mid-sentence.
pub fn cadence(c: Cadence, lang: Lang) -> &'static str {
    match (c, lang) {
        (Cadence::Weekly, Lang::En) => "weekly",
        (Cadence::Weekly, Lang::PtBr) => "semanal",
        (Cadence::Biweekly, Lang::En) => "every two weeks",
        (Cadence::Biweekly, Lang::PtBr) => "quinzenal",
        (Cadence::Monthly, Lang::En) => "monthly",
        (Cadence::Monthly, Lang::PtBr) => "mensal",
    }
}

/// The two key roles a Success Plan needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KeyRole {
    /// The executive sponsor.
    ExecutiveSponsor,
    /// The success owner.
    SuccessOwner,
}

impl KeyRole {
    /// The role's name in the language.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (KeyRole::ExecutiveSponsor, Lang::En) => "Executive Sponsor",
            (KeyRole::ExecutiveSponsor, Lang::PtBr) => "Patrocinador Executivo",
            (KeyRole::SuccessOwner, Lang::En) => "Success Owner",
            (KeyRole::SuccessOwner, Lang::PtBr) => "Responsável pelo Sucesso",
        }
    }

    /// Whether a role as written (English or Portuguese, any case or accents) names
    /// this key role.
    pub fn matches(self, role: &str) -> bool {
        let k = fold(role);
        match self {
            KeyRole::ExecutiveSponsor => k.contains("sponsor") || k.contains("patrocinador"),
            KeyRole::SuccessOwner => [
                "successowner",
                "ownerofsuccess",
                "responsavelpelosucesso",
                "responsaveldosucesso",
                "donodosucesso",
                "proprietariodosucesso",
                "proprietariodesucesso",
            ]
            .iter()
            .any(|p| k.contains(p)),
        }
    }
}

/// Lower case, accents removed, only letters and digits kept: how names are compared.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            let c = match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                c => c,
            };
            c.is_alphanumeric().then_some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_roles_match_in_both_languages() {
        assert!(KeyRole::ExecutiveSponsor.matches("Patrocinador Executivo"));
        assert!(KeyRole::ExecutiveSponsor.matches("executive sponsor"));
        assert!(KeyRole::SuccessOwner.matches("Responsável pelo sucesso"));
        assert!(KeyRole::SuccessOwner.matches("RESPONSAVEL PELO SUCESSO"));
        assert!(KeyRole::SuccessOwner.matches("Success Owner"));
        assert!(!KeyRole::SuccessOwner.matches("Champion"));
        assert!(!KeyRole::ExecutiveSponsor.matches("IT Lead"));
    }
}
