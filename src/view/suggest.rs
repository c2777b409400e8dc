//! Value-added discussions: the seed's complementary-service suggestions and the
//! business-value tasks of the portal.

use super::text::{fold, Guide, Link};
use crate::model::{Engagement, Lang};
use serde::Serialize;

/// The portal's business-value tasks from the seed (DAA BVD, Outlook Mobile, OneDrive,
/// SharePoint, Office ProPlus presentations).
pub const BUSINESS_VALUE_TASKS: [u64; 5] = [3734, 3278, 3718, 3737, 3738];

/// A service the seed knows, recognised however the data spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownService {
    /// Exchange Online.
    Exchange,
    /// OneDrive for Business.
    OneDrive,
    /// SharePoint (Online).
    SharePoint,
    /// Microsoft 365 Apps (Office ProPlus).
    Apps,
    /// Windows.
    Windows,
    /// Outlook Mobile.
    OutlookMobile,
    /// Azure AD Premium (Entra ID P1/P2).
    AzureAdPremium,
    /// Intune.
    Intune,
}

impl KnownService {
    /// Recognises a service name as written in the data (any case, accents, spacing).
    pub fn recognise(name: &str) -> Option<KnownService> {
        let k = fold(name);
        let has = |p: &str| k.contains(p);
        Some(
            if has("outlookmobile") || (has("outlook") && has("mobile")) {
                KnownService::OutlookMobile
            } else if has("exchange") || k == "exo" {
                KnownService::Exchange
            } else if has("onedrive") {
                KnownService::OneDrive
            } else if has("sharepoint") || k == "spo" {
                KnownService::SharePoint
            } else if has("proplus") || has("365apps") || has("officeapps") || k == "office365" {
                KnownService::Apps
            } else if has("windows") {
                KnownService::Windows
            } else if has("azureadpremium")
                || has("azureactivedirectorypremium")
                || has("aadp")
                || has("entraid")
            {
                KnownService::AzureAdPremium
            } else if has("intune") {
                KnownService::Intune
            } else {
                return None;
            },
        )
    }

    /// The service's usual name.
    pub fn name(self) -> &'static str {
        match self {
            KnownService::Exchange => "Exchange Online",
            KnownService::OneDrive => "OneDrive for Business",
            KnownService::SharePoint => "SharePoint",
            KnownService::Apps => "Microsoft 365 Apps",
            KnownService::Windows => "Windows",
            KnownService::OutlookMobile => "Outlook Mobile",
            KnownService::AzureAdPremium => "Azure AD Premium",
            KnownService::Intune => "Intune",
        }
    }
}

/// A value-added discussion the FM suggests for the services in scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// What is suggested (a service or a discussion), in the language.
    pub title: String,
    /// The service in scope that it complements, as the data names it.
    pub because: String,
    /// Why, in the language.
    pub reason: &'static str,
    /// The portal task that delivers it, if any.
    pub task_id: Option<u64>,
    /// That task is among the engagement's portal tasks (only then do the documents
    /// refer to it).
    pub task_in_data: bool,
    /// The seed's resource for it, if any.
    pub link: Option<Link>,
}

struct Rule {
    trigger: &'static [KnownService],
    /// A service to bring into scope (skipped when already in scope).
    service: Option<KnownService>,
    /// A discussion or programme (skipped when its portal task is already in the data).
    title: (&'static str, &'static str),
    reason: (&'static str, &'static str),
    task: Option<u64>,
    guide: Option<Guide>,
}

const RULES: &[Rule] = &[
    Rule {
        trigger: &[KnownService::Exchange],
        service: Some(KnownService::OutlookMobile),
        title: ("Outlook Mobile", "Outlook Mobile"),
        reason: (
            "Secure mobile mail and calendar for the Exchange Online users on their phones.",
            "E-mail e calendário móveis e seguros para os usuários do Exchange Online nos seus celulares.",
        ),
        task: Some(3278),
        guide: None,
    },
    Rule {
        trigger: &[KnownService::Exchange],
        service: Some(KnownService::AzureAdPremium),
        title: (
            "Azure Active Directory Premium (AADP)",
            "Azure Active Directory Premium (AADP)",
        ),
        reason: (
            "Identity protection and conditional access for every sign-in to Exchange Online and the other services.",
            "Proteção de identidade e acesso condicional em cada entrada no Exchange Online e nos demais serviços.",
        ),
        task: Some(3278),
        guide: None,
    },
    Rule {
        trigger: &[KnownService::Exchange],
        service: Some(KnownService::Intune),
        title: ("Intune", "Intune"),
        reason: (
            "Device and app management that keeps company data safe on phones and laptops.",
            "Gerenciamento de dispositivos e aplicativos que protege os dados da empresa em celulares e notebooks.",
        ),
        task: Some(3278),
        guide: None,
    },
    Rule {
        trigger: &[KnownService::OneDrive],
        service: None,
        title: (
            "OneDrive Adoption Launch Program",
            "Programa de Lançamento de Adoção do OneDrive",
        ),
        reason: (
            "Introductions and adoption workshops for OneDrive, with the OneDrive adoption resources.",
            "Introduções e workshops de adoção do OneDrive, com os Recursos de Adoção do OneDrive.",
        ),
        task: None,
        guide: Some(Guide::OneDriveLaunchKit),
    },
    Rule {
        trigger: &[KnownService::OneDrive],
        service: None,
        title: (
            "OneDrive business value presentation",
            "Apresentação de Valor de Negócios do OneDrive",
        ),
        reason: (
            "Shows the business value of OneDrive to the stakeholders.",
            "Mostra às partes interessadas o valor de negócios do OneDrive.",
        ),
        task: Some(3718),
        guide: Some(Guide::BusinessValue),
    },
    Rule {
        trigger: &[KnownService::Apps, KnownService::Windows],
        service: None,
        title: (
            "Desktop App Assurance (DAA) business value discussion",
            "BVD de Garantia de Aplicativo (DAA)",
        ),
        reason: (
            "Office ProPlus / Windows: app compatibility assurance for the desktop rollout.",
            "Office ProPlus / Windows: garantia de compatibilidade de aplicativos na implantação.",
        ),
        task: Some(3734),
        guide: Some(Guide::BusinessValue),
    },
    Rule {
        trigger: &[KnownService::Apps],
        service: None,
        title: (
            "Office 365 ProPlus presentation",
            "Apresentação do Office 365 ProPlus",
        ),
        reason: (
            "Shows what the Microsoft 365 Apps bring to each user group.",
            "Mostra o que os aplicativos do Microsoft 365 trazem a cada grupo de usuários.",
        ),
        task: Some(3738),
        guide: Some(Guide::BusinessValue),
    },
    Rule {
        trigger: &[KnownService::SharePoint],
        service: None,
        title: (
            "SharePoint Online business value workshop",
            "Workshop de Valor de Negócios do SharePoint Online",
        ),
        reason: (
            "Turns the SharePoint scenarios into measurable business value.",
            "Transforma os cenários do SharePoint em valor de negócios mensurável.",
        ),
        task: Some(3737),
        guide: Some(Guide::BusinessValue),
    },
];

/// The seed's suggestions that fit the services in scope. A suggested service already in
/// scope is never suggested; a discussion whose portal task is already in the data is
/// left out (the task itself is listed); each suggestion appears once.
pub fn suggestions(e: &Engagement, lang: Lang) -> Vec<Suggestion> {
    let in_scope: Vec<(KnownService, &str)> = e
        .services
        .iter()
        .filter_map(|s| KnownService::recognise(&s.name).map(|k| (k, s.name.as_str())))
        .collect();
    let pick = |pair: (&'static str, &'static str)| match lang {
        Lang::En => pair.0,
        Lang::PtBr => pair.1,
    };
    let mut out: Vec<Suggestion> = Vec::new();
    for rule in RULES {
        let Some(&(_, because)) = in_scope.iter().find(|(k, _)| rule.trigger.contains(k)) else {
            continue;
        };
        let skip = match rule.service {
            Some(svc) => in_scope.iter().any(|(k, _)| *k == svc),
            None => rule
                .task
                .is_some_and(|id| e.tasks.iter().any(|t| t.id == id)),
        };
        let title = pick(rule.title);
        if skip || out.iter().any(|s| s.title == title) {
            continue;
        }
        out.push(Suggestion {
            title: title.to_string(),
            because: because.to_string(),
            reason: pick(rule.reason),
            task_id: rule.task,
            task_in_data: rule
                .task
                .is_some_and(|id| e.tasks.iter().any(|t| t.id == id)),
            link: rule.guide.map(|g| g.link(lang)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_services_however_spelt() {
        use KnownService::*;
        assert_eq!(KnownService::recognise("Exchange Online"), Some(Exchange));
        assert_eq!(KnownService::recognise("exchange-online"), Some(Exchange));
        assert_eq!(
            KnownService::recognise("Outlook Mobile"),
            Some(OutlookMobile)
        );
        assert_eq!(
            KnownService::recognise("OneDrive for Business"),
            Some(OneDrive)
        );
        assert_eq!(KnownService::recognise("Office 365 ProPlus"), Some(Apps));
        assert_eq!(KnownService::recognise("Microsoft 365 Apps"), Some(Apps));
        assert_eq!(
            KnownService::recognise("SharePoint Online"),
            Some(SharePoint)
        );
        assert_eq!(
            KnownService::recognise("Azure AD Premium"),
            Some(AzureAdPremium)
        );
        assert_eq!(KnownService::recognise("AADP"), Some(AzureAdPremium));
        assert_eq!(KnownService::recognise("Windows 10"), Some(Windows));
        assert_eq!(KnownService::recognise("Viva Engage"), None);
    }
}
