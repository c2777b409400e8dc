//! Command-line arguments (clap).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use successkit::model::Lang;

/// Customer Success Workshop data in, the customer's kit out.
#[derive(Debug, Parser)]
#[command(name = "successkit", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and validate engagement data; list every problem with its place.
    #[command(after_help = CHECK_EXIT_STATUS)]
    Check(CheckArgs),
    /// Write a starter workbook with the contract's sheets and one example engagement.
    Init(InitArgs),
    /// Build every engagement's kit (and the portfolio report for a batch).
    #[command(after_help = BUILD_EXIT_STATUS)]
    Build(BuildArgs),
    /// Work with the built-in templates.
    Templates(TemplatesArgs),
    /// E-mail each customer their kit: a dry run, drafts (.eml) or SMTP with a send journal.
    #[command(after_help = SEND_EXIT_STATUS)]
    Send(SendArgs),
}

/// The exit codes of `send`, for scripts.
const SEND_EXIT_STATUS: &str = "\
Exit status:
  0  everything meant to be sent was sent (or saved as drafts, or a dry run)
  1  some messages failed or their fate is unknown; the others were sent
  2  nothing could be sent: no manifest, bad options, TLS or authentication failed";

/// The exit codes of `check`, for scripts.
const CHECK_EXIT_STATUS: &str = "\
Exit status:
  0  every engagement is valid
  1  some engagements (or files) have errors; the others are valid
  2  nothing could be read, or the command line is wrong";

/// The exit codes of `build`, for scripts.
const BUILD_EXIT_STATUS: &str = "\
Exit status:
  0  every engagement's kit was built (or was already up to date)
  1  some engagements failed, or some rows belong to no engagement; every other kit was built (see OUT/manifest.json)
  2  nothing could be read or built, or the command line is wrong";

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// A readable problem table and a summary line.
    #[default]
    Text,
    /// One JSON document.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workbooks (.xlsx .xlsm .xlsb .xls .ods), CSV folders, or folders of workbooks.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the problems and summary (else LC_ALL, LC_MESSAGES or LANG starting
    /// with "pt", else English), and of engagements that do not name one.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// A folder of fonts to draw characters the theme's fonts lack from (before the
    /// system's fonts); may be given more than once.
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write the starter workbook into (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Language of sheet names, headers, the example and the messages (else LC_ALL,
    /// LC_MESSAGES or LANG starting with `pt` gives pt-BR; else en).
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Workbooks (.xlsx .xlsm .xlsb .xls .ods), CSV folders, or folders of workbooks.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "successkit-out")]
    pub output: PathBuf,
    /// Documents to make: plan, checklist, handout (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Language for engagements that do not name one, and of the problems and summary
    /// printed (without it: LC_ALL, LC_MESSAGES or LANG starting with "pt", else English).
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Folder of templates overriding the built-ins by file name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A folder of fonts to draw characters the theme's fonts lack from (before the
    /// system's fonts); may be given more than once.
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
    /// The date overdue items are judged against (YYYY-MM-DD or DD/MM/YYYY; default today, or
    /// SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Parallel jobs (default: all cores; at most 256, and never more than the
    /// engagements).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Render every engagement again, even unchanged ones.
    #[arg(long)]
    pub force: bool,
    /// No progress bar or summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the portfolio report (OUT/portfolio.pdf and .xlsx) even for a single
    /// engagement; by default it is written when the input holds more than one.
    #[arg(long, conflicts_with = "no_report")]
    pub report: bool,
    /// Do not write the portfolio report.
    #[arg(long)]
    pub no_report: bool,
    /// PDFs without tags (no PDF/UA structure for screen readers): smaller files.
    #[arg(long)]
    pub no_pdf_tags: bool,
    /// PDFs without PDF/A-2b (no sRGB output intent, no archival identification).
    #[arg(long)]
    pub no_pdfa: bool,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The output folder `build` wrote (it reads OUT/manifest.json).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Take recipients, names and dates from this data instead of the manifest (which
    /// records them at build time): for contacts corrected since the build, or a manifest
    /// written by an older successkit. Workbooks, CSV folders, or folders of workbooks.
    #[arg(short, long = "input", value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Send through this server: smtp://USER@HOST[:PORT] (STARTTLS required) or
    /// smtps://USER@HOST[:PORT] (implicit TLS). Password from SUCCESSKIT_SMTP_PASSWORD, or an
    /// OAuth 2.0 token (AUTH XOAUTH2) from SUCCESSKIT_SMTP_OAUTH2_TOKEN.
    #[arg(long, value_name = "URL", conflicts_with_all = ["drafts", "status"])]
    pub smtp: Option<String>,
    /// Write one .eml draft per engagement into DIR (opened by Outlook as a draft).
    #[arg(long, value_name = "DIR", conflicts_with = "status")]
    pub drafts: Option<PathBuf>,
    /// The sender (default: SUCCESSKIT_FROM), e.g. "Bea Lima <bea@contoso.com>".
    #[arg(long, value_name = "ADDRESS", env = "SUCCESSKIT_FROM")]
    pub from: Option<String>,
    /// Also trust this CA certificate (PEM) for the server's TLS certificate.
    #[arg(long, value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,
    /// Only these engagements (IDs, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Vec<String>,
    /// Send at most N messages this run.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Messages per minute (0: no limit). Exchange Online allows 30.
    #[arg(long, value_name = "PER_MINUTE", default_value_t = 30)]
    pub rate: u32,
    /// Attach the Success Plan's DOCX too.
    #[arg(long)]
    pub attach_docx: bool,
    /// Send again to engagements whose documents changed since they were sent.
    #[arg(long)]
    pub resend_changed: bool,
    /// Send again messages whose fate is unknown (a crash or a dropped connection).
    #[arg(long)]
    pub resend_unknown: bool,
    /// Folder of templates overriding the built-ins (email.md.hbs).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Show the send journal instead of sending.
    #[arg(long)]
    pub status: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// No progress bar or summary.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates, theme and fonts out for editing.
    Export {
        /// Folder to write into.
        dir: PathBuf,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
}

/// The language problems and summaries are printed in: `--lang` when given, else the
/// locale environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; see
/// [`Lang::from_locale`]), else English.
pub fn message_lang(given: Option<Lang>) -> Lang {
    given
        .or_else(|| {
            let var = |name| std::env::var(name).ok();
            Lang::from_locale(
                var("LC_ALL").as_deref(),
                var("LC_MESSAGES").as_deref(),
                var("LANG").as_deref(),
            )
        })
        .unwrap_or_default()
}

/// The message only: `main` prints it as `error: --lang: …` with a hint, like the
/// other options' errors.
fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|_| format!("{s:?} is not a language"))
}
