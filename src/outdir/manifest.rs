//! `OUT/manifest.json` as a library type.
//!
//! `build` writes it last, atomically; it describes the output folder (not the run), so a
//! script or another command (`send`) can trust it after any run. [`Manifest::read`] reads
//! one back from disk and checks it ([`Manifest::validate`]) so a consumer never acts on a
//! damaged or tampered file; [`DocumentEntry::read_verified`] reads one listed document and
//! checks its size and SHA-256 against the manifest.
//!
//! The JSON is a contract: field names, their order and the words of `kind` and `status`
//! are what `build` has always written, byte for byte.

use super::{resolve, sha256_hex};
use crate::kit::DocKind;
use crate::model::Lang;
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's file name in the output folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The successkit version that wrote it.
    pub successkit: String,
    /// The date overdue items were judged against.
    pub as_of: NaiveDate,
    /// Every engagement of the last run, in input order.
    pub engagements: Vec<EngagementEntry>,
    /// The portfolio report's files (empty when none was written).
    pub report: Vec<DocumentEntry>,
    /// Problems that belong to no engagement (an unreadable file).
    #[serde(deserialize_with = "problems")]
    pub problems: Vec<Problem>,
}

/// One engagement as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementEntry {
    /// Engagement ID, unique in the manifest.
    pub id: String,
    /// Customer name.
    pub customer: String,
    /// Its folder under the output folder (none when it failed before one was chosen).
    pub folder: Option<String>,
    /// The language its documents are in.
    #[serde(deserialize_with = "lang")]
    pub language: Lang,
    /// Whether its documents are current.
    pub status: EngagementStatus,
    /// What went wrong (validation errors, or what failed while rendering).
    #[serde(deserialize_with = "problems")]
    pub problems: Vec<Problem>,
    /// Its documents on disk.
    pub documents: Vec<DocumentEntry>,
    /// Who its kit goes to, as the data said when it was built (`send` reads it). `None`
    /// in a manifest written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Recipients>,
}

/// Who a kit goes to and what its covering e-mail says of the engagement, as the data gave
/// it when the kit was built: `send` needs nothing but the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    /// The customer contact's name.
    pub contact: Option<String>,
    /// The customer contact's e-mail addresses (To).
    pub contact_emails: Vec<String>,
    /// The FastTrack Manager's name.
    pub fm: String,
    /// The FastTrack Manager's e-mail address (Cc and Reply-To).
    pub fm_email: Option<String>,
    /// The workshop's date.
    pub workshop_date: chrono::NaiveDate,
    /// The next check-in, if scheduled.
    pub next_checkin: Option<chrono::NaiveDate>,
}

/// Whether an engagement's documents are current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngagementStatus {
    /// Its documents are current (made by this run or an earlier one).
    Ok,
    /// It failed; see its problems.
    Failed,
}

/// What a listed file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// The Success Plan, editable (DOCX).
    SuccessPlanDocx,
    /// The Success Plan (PDF).
    SuccessPlanPdf,
    /// The Success Checklist (PDF).
    SuccessChecklistPdf,
    /// The Workshop handout (PDF).
    WorkshopHandoutPdf,
    /// The portfolio report (PDF).
    PortfolioPdf,
    /// The portfolio report as a workbook (XLSX).
    PortfolioXlsx,
}

impl DocumentKind {
    /// The identifier the manifest uses (`success-plan-pdf`, …).
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::SuccessPlanDocx => "success-plan-docx",
            DocumentKind::SuccessPlanPdf => "success-plan-pdf",
            DocumentKind::SuccessChecklistPdf => "success-checklist-pdf",
            DocumentKind::WorkshopHandoutPdf => "workshop-handout-pdf",
            DocumentKind::PortfolioPdf => "portfolio-pdf",
            DocumentKind::PortfolioXlsx => "portfolio-xlsx",
        }
    }

    /// True for the files of one engagement's kit (not the portfolio report).
    pub fn is_kit(self) -> bool {
        !matches!(
            self,
            DocumentKind::PortfolioPdf | DocumentKind::PortfolioXlsx
        )
    }

    /// True for PDF files.
    pub fn is_pdf(self) -> bool {
        !matches!(
            self,
            DocumentKind::SuccessPlanDocx | DocumentKind::PortfolioXlsx
        )
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl From<DocKind> for DocumentKind {
    fn from(k: DocKind) -> Self {
        match k {
            DocKind::SuccessPlanDocx => DocumentKind::SuccessPlanDocx,
            DocKind::SuccessPlanPdf => DocumentKind::SuccessPlanPdf,
            DocKind::SuccessChecklistPdf => DocumentKind::SuccessChecklistPdf,
            DocKind::WorkshopHandoutPdf => DocumentKind::WorkshopHandoutPdf,
        }
    }
}

/// One document written, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// The document's kind.
    pub kind: DocumentKind,
    /// Its path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in hexadecimal.
    pub sha256: String,
    /// Its page count, where the format has pages.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pages: Option<usize>,
}

impl DocumentEntry {
    /// Reads the document from `out` and checks that its size and SHA-256 are the ones
    /// listed, so what is read is what `build` made.
    pub fn read_verified(&self, out: &Path) -> Result<Vec<u8>, DocumentError> {
        let path = resolve(out, &self.path);
        let bytes = fs::read(&path).map_err(|source| DocumentError::Unreadable {
            path: path.clone(),
            source,
        })?;
        let sha256 = sha256_hex(&bytes);
        if bytes.len() as u64 != self.bytes || sha256 != self.sha256 {
            return Err(DocumentError::Changed {
                path,
                expected: self.sha256.clone(),
                found: sha256,
            });
        }
        Ok(bytes)
    }
}

/// A listed document that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// It is missing or cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Its bytes are not the ones the manifest lists.
    #[error(
        "{} changed since it was built (sha256 {found}, the manifest says {expected}); \
         run `successkit build` again",
        path.display()
    )]
    Changed {
        /// The file.
        path: PathBuf,
        /// The SHA-256 the manifest lists.
        expected: String,
        /// The SHA-256 of the file on disk.
        found: String,
    },
}

/// A manifest that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// There is no manifest: `build` has not run on this folder.
    #[error("{} does not exist: run `successkit build INPUT -o OUT` first", path.display())]
    Missing {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// It exists but cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// It is not a manifest (truncated, edited by hand, another file).
    #[error("{} is damaged: {message} (line {line}, column {column}); run `successkit build` again to rewrite it", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// Where the JSON stops making sense.
        line: usize,
        /// Where the JSON stops making sense.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// It parses but contradicts itself or points outside the folder.
    #[error("{} is not valid: {}; run `successkit build` again to rewrite it", path.display(), problems.join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every inconsistency found.
        problems: Vec<String>,
    },
}

impl ManifestError {
    /// The message in a language (the English is the `Display`).
    pub fn render(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let again = "rode `successkit build` de novo para regravá-lo";
        match self {
            ManifestError::Missing { path } => format!(
                "{} não existe: rode `successkit build ENTRADA -o SAÍDA` antes",
                path.display()
            ),
            ManifestError::Unreadable { path, source } => {
                format!("não foi possível ler {}: {source}", path.display())
            }
            ManifestError::Damaged {
                path,
                line,
                column,
                message,
            } => format!(
                "{} está danificado: {message} (linha {line}, coluna {column}); {again}",
                path.display()
            ),
            ManifestError::Invalid { path, problems } => format!(
                "{} não é válido: {}; {again}",
                path.display(),
                problems.join("; ")
            ),
        }
    }
}

impl Manifest {
    /// Reads `OUT/manifest.json` and checks it ([`Manifest::validate`]).
    pub fn read(out: &Path) -> Result<Manifest, ManifestError> {
        let path = out.join(MANIFEST_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(ManifestError::Missing { path })
            }
            Err(source) => return Err(ManifestError::Unreadable { path, source }),
        };
        let manifest = Manifest::from_json(&bytes).map_err(|e| ManifestError::Damaged {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message: damage(&e),
        })?;
        let problems = manifest.validate();
        if problems.is_empty() {
            Ok(manifest)
        } else {
            Err(ManifestError::Invalid { path, problems })
        }
    }

    /// Parses manifest JSON without checking it.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The JSON `build` writes (pretty-printed, two-space indent).
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec_pretty(self)
    }

    /// Every inconsistency in the manifest: duplicate or empty engagement IDs, paths that
    /// are absolute or climb out of the output folder, a document outside its engagement's
    /// folder, a kit document listed under the report (or the reverse), a kind listed
    /// twice, a SHA-256 that is not 64 hexadecimal digits, an `ok` engagement without a
    /// folder. Empty when the manifest can be trusted.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.successkit.trim().is_empty() {
            problems.push("the `successkit` version is empty".to_string());
        }
        let mut ids = HashSet::new();
        for e in &self.engagements {
            if e.id.trim().is_empty() {
                problems.push("an engagement has an empty id".to_string());
            } else if !ids.insert(e.id.as_str()) {
                problems.push(format!("engagement {} is listed twice", e.id));
            }
            if let Some(folder) = &e.folder {
                if !safe_relative(folder) || folder.contains('/') {
                    problems.push(format!(
                        "engagement {}: folder {folder:?} is not a folder name",
                        e.id
                    ));
                }
            } else if e.status == EngagementStatus::Ok {
                problems.push(format!("engagement {} is ok but has no folder", e.id));
            }
            let mut kinds = HashSet::new();
            for d in &e.documents {
                check_document(&mut problems, &e.id, d);
                if !d.kind.is_kit() {
                    problems.push(format!(
                        "engagement {}: {} is not a kit document",
                        e.id, d.kind
                    ));
                }
                if !kinds.insert(d.kind) {
                    problems.push(format!("engagement {}: {} is listed twice", e.id, d.kind));
                }
                if let Some(folder) = &e.folder {
                    if d.path
                        .strip_prefix(folder.as_str())
                        .and_then(|r| r.strip_prefix('/'))
                        .is_none()
                    {
                        problems.push(format!(
                            "engagement {}: {} is outside its folder {folder}",
                            e.id, d.path
                        ));
                    }
                }
            }
        }
        for d in &self.report {
            check_document(&mut problems, "report", d);
            if d.kind.is_kit() {
                problems.push(format!("report: {} is a kit document", d.kind));
            }
        }
        problems
    }

    /// The engagement with this ID.
    pub fn engagement(&self, id: &str) -> Option<&EngagementEntry> {
        self.engagements.iter().find(|e| e.id == id)
    }
}

impl EngagementEntry {
    /// Its document of this kind.
    pub fn document(&self, kind: DocumentKind) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.kind == kind)
    }
}

fn check_document(problems: &mut Vec<String>, owner: &str, d: &DocumentEntry) {
    if !safe_relative(&d.path) {
        problems.push(format!(
            "{owner}: {:?} is not a path inside the output folder",
            d.path
        ));
    }
    if d.sha256.len() != 64 || !d.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        problems.push(format!("{owner}: {} has no valid sha256", d.path));
    }
}

/// A `/`-separated relative path with no empty, `.` or `..` parts and no backslash.
fn safe_relative(p: &str) -> bool {
    !p.is_empty()
        && !p.contains('\\')
        && !p.contains(':')
        && p.split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// serde_json's message without its own ` at line L column C` tail (the error says where).
fn damage(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn lang<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "en" => Ok(Lang::En),
        "pt-BR" => Ok(Lang::PtBr),
        _ => Err(serde::de::Error::custom(format!(
            "unknown language {s:?}: expected en or pt-BR"
        ))),
    }
}

/// [`Problem`] as the manifest writes it (`Problem` itself only serialises).
#[derive(Deserialize)]
struct ProblemDe {
    severity: SeverityDe,
    file: String,
    sheet: Option<String>,
    row: Option<u64>,
    column: Option<String>,
    value: Option<String>,
    message: String,
    engagement: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityDe {
    Error,
    Warning,
    Notice,
}

fn problems<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Problem>, D::Error> {
    let raw = Vec::<ProblemDe>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|p| Problem {
            severity: match p.severity {
                SeverityDe::Error => Severity::Error,
                SeverityDe::Warning => Severity::Warning,
                SeverityDe::Notice => Severity::Notice,
            },
            file: p.file,
            sheet: p.sheet,
            row: p.row,
            column: p.column,
            value: p.value,
            message: crate::i18n::Message::Text(p.message),
            engagement: p.engagement,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            successkit: "0.1.0".into(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            engagements: vec![EngagementEntry {
                id: "ENG-1".into(),
                customer: "Contoso".into(),
                folder: Some("eng-1-contoso".into()),
                language: Lang::PtBr,
                status: EngagementStatus::Ok,
                problems: vec![Problem::file(Severity::Warning, "a.xlsx", "odd")],
                documents: vec![DocumentEntry {
                    kind: DocumentKind::SuccessPlanPdf,
                    path: "eng-1-contoso/success-plan.pdf".into(),
                    bytes: 3,
                    sha256: sha256_hex(b"pdf"),
                    pages: Some(2),
                }],
                recipients: Some(Recipients {
                    contact: Some("Megan Bowen".into()),
                    contact_emails: vec!["megan@contoso.example".into()],
                    fm: "Alex Wilber".into(),
                    fm_email: None,
                    workshop_date: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
                    next_checkin: None,
                }),
            }],
            report: vec![],
            problems: vec![],
        }
    }

    #[test]
    fn round_trips_through_json() {
        let m = sample();
        let json = m.to_json().unwrap();
        let text = String::from_utf8(json.clone()).unwrap();
        assert!(text.contains("\"kind\": \"success-plan-pdf\""), "{text}");
        assert!(text.contains("\"language\": \"pt-BR\""), "{text}");
        assert!(text.contains("\"as_of\": \"2026-11-24\""), "{text}");
        assert_eq!(Manifest::from_json(&json).unwrap(), m);
        assert!(m.validate().is_empty());
    }

    #[test]
    fn read_says_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let err = Manifest::read(dir.path()).unwrap_err();
        assert!(matches!(err, ManifestError::Missing { .. }), "{err}");
        assert!(err.to_string().contains("successkit build"), "{err}");

        fs::write(
            dir.path().join(MANIFEST_FILE),
            b"{\"successkit\": \"0.1.0\", \"as_of\"",
        )
        .unwrap();
        let err = Manifest::read(dir.path()).unwrap_err();
        assert!(
            matches!(err, ManifestError::Damaged { line: 1, .. }),
            "{err}"
        );

        let json = String::from_utf8(sample().to_json().unwrap())
            .unwrap()
            .replace("success-plan-pdf", "success-plan-odt");
        fs::write(dir.path().join(MANIFEST_FILE), json).unwrap();
        let err = Manifest::read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("success-plan-odt"), "{err}");

        let mut m = sample();
        m.engagements[0].documents[0].path = "../elsewhere/x.pdf".into();
        m.engagements.push(m.engagements[0].clone());
        fs::write(dir.path().join(MANIFEST_FILE), m.to_json().unwrap()).unwrap();
        let err = Manifest::read(dir.path()).unwrap_err();
        let ManifestError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        assert!(
            problems.iter().any(|p| p.contains("listed twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("not a path inside")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_changed_document_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let m = sample();
        let doc = &m.engagements[0].documents[0];
        fs::create_dir_all(dir.path().join("eng-1-contoso")).unwrap();
        fs::write(dir.path().join(&doc.path), b"pdf").unwrap();
        assert_eq!(doc.read_verified(dir.path()).unwrap(), b"pdf");
        fs::write(dir.path().join(&doc.path), b"PDF").unwrap();
        let err = doc.read_verified(dir.path()).unwrap_err();
        assert!(matches!(err, DocumentError::Changed { .. }), "{err}");
        fs::remove_file(dir.path().join(&doc.path)).unwrap();
        assert!(matches!(
            doc.read_verified(dir.path()).unwrap_err(),
            DocumentError::Unreadable { .. }
        ));
    }
}
