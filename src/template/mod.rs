//! Templates: handlebars (strict mode) rendering Markdown from view structs.
//!
//! Built-in templates (`templates/<lang>/<name>.md.hbs`), partials
//! (`templates/<lang>/partials/<name>.md.hbs`), labels (`templates/<lang>/labels.toml`),
//! the theme and fonts are compiled into the binary; `--templates DIR` overrides any of
//! them by relative file name. Data values are escaped for Markdown, not HTML, so what a
//! customer typed is shown as typed.

mod helpers;
mod inline;
mod partials;
mod pieces;

pub use crate::i18n::labels::Labels;
pub use helpers::{format_date, format_number, format_percent, status_label};

use crate::i18n::Lang;
use crate::theme::Theme;
use handlebars::Handlebars;
use include_dir::{include_dir, Dir};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Files larger than this in a templates folder are refused: nothing legitimate there
/// (templates, fonts, a logo) comes near it.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// " line L, column C" when the place is known (handlebars gives 0 when it is not).
fn place(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(" line {l}"),
        (l, c) => format!(" line {l}, column {c}"),
    }
}

/// Why a template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A template or partial does not parse.
    #[error("{file}{}: {message}", place(*.line, *.column))]
    Syntax {
        /// The template file (`en/success-plan.md.hbs`, or the override's path).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Strict mode: the template names a field the data does not have.
    #[error("{file}{}: missing field \"{field}\" (strict mode: every field a template names must exist in the data)", place(*.line, *.column))]
    MissingField {
        /// The template file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The field path as written in the template.
        field: String,
    },
    /// Any other failure while rendering (an unknown label, a bad helper call ...).
    #[error("{file}{}: {message}", place(*.line, *.column))]
    Render {
        /// The template file.
        file: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// No template of that name for that language.
    #[error("no template \"{name}\" for language {lang} (looked for {file})")]
    NotFound {
        /// The name asked for.
        name: String,
        /// The language tag.
        lang: &'static str,
        /// The file looked for.
        file: String,
    },
    /// The theme file does not parse or holds a bad value.
    #[error("{file}: key \"{key}\": {message}")]
    Theme {
        /// The theme file.
        file: String,
        /// The offending key (`colors.good`), or the nearest one found.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A labels file does not parse.
    #[error("{file}: {message}")]
    Labels {
        /// The labels file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A file the theme names (a font, the logo) is in neither the folder nor the built-ins.
    #[error(
        "the theme names {what} \"{name}\", which is not in the templates folder or the built-ins"
    )]
    MissingAsset {
        /// What kind of file (`font`, `logo`).
        what: &'static str,
        /// The file name.
        name: String,
    },
    /// The templates folder could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The system's message.
        message: String,
    },
}

impl From<crate::i18n::labels::LabelsError> for TemplateError {
    fn from(e: crate::i18n::labels::LabelsError) -> TemplateError {
        TemplateError::Labels {
            file: e.file,
            message: e.message,
        }
    }
}

/// A file's bytes: a built-in's where the program holds them, never copied (the fonts
/// are 2 MB, copied and hashed on every run before), or bytes read at run time, shared.
#[derive(Clone)]
pub enum Blob {
    /// Bytes in the program itself.
    Static(&'static [u8]),
    /// Bytes read or made at run time.
    Shared(Arc<[u8]>),
}

impl std::ops::Deref for Blob {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Blob::Static(b) => b,
            Blob::Shared(b) => b,
        }
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Blob {
        Blob::Shared(bytes.into())
    }
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.len())
    }
}

/// Binary assets a writer needs: font files and the optional logo.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Font files by file name (as the theme names them).
    pub fonts: std::collections::BTreeMap<String, Blob>,
    /// The logo's PNG bytes, if the theme names one.
    pub logo: Option<Vec<u8>>,
}

/// Where a file in force came from.
#[derive(Debug, Clone)]
enum Origin {
    Builtin,
    Override(PathBuf),
}

/// The template set: built-ins, overridden by file name from a folder. `Send + Sync`:
/// build it once and share it between threads.
pub struct Templates {
    files: BTreeMap<String, (Origin, Blob)>,
    registries: Vec<(Lang, Handlebars<'static>, Arc<Labels>)>,
    theme: Theme,
    assets: Assets,
    fingerprint: [u8; 32],
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Every built-in file (templates, labels, theme, fonts and their licence) by relative
/// path with `/` separators, sorted.
pub fn builtin_files() -> Vec<(&'static str, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(&'static str, &'static [u8])>) {
        for f in dir.files() {
            if let Some(p) = f.path().to_str() {
                out.push((p, f.contents()));
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&BUILTIN, &mut out);
    out.sort();
    out
}

const LANGS: [Lang; 2] = [Lang::En, Lang::PtBr];

impl Templates {
    /// Loads the built-ins and, if given, the overrides in `dir`.
    pub fn new(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut files = builtin_file_map();
        if let Some(dir) = dir {
            let meta = std::fs::metadata(dir).map_err(|e| TemplateError::Io {
                path: dir.to_path_buf(),
                message: e.to_string(),
            })?;
            if !meta.is_dir() {
                return Err(TemplateError::Io {
                    path: dir.to_path_buf(),
                    message: "not a folder".into(),
                });
            }
            read_overrides(dir, dir, 0, &mut files)?;
        }

        let (theme, assets) = theme_of(&files)?;

        // Each language's templates compile on a thread of their own: compiling is most of
        // the time a one-engagement build takes, and the languages share nothing. The
        // first language's error, in [`LANGS`] order, is the one reported.
        let compile =
            |lang: Lang| -> Result<(Lang, Handlebars<'static>, Arc<Labels>), TemplateError> {
                let labels_name = format!("{}/labels.toml", lang.tag());
                let labels = match files.contains_key(&labels_name) {
                    true => Labels::parse(
                        &display_name(&files, &labels_name),
                        &text_of(&files, &labels_name)?,
                    )?,
                    false => Labels::empty(&labels_name),
                };
                let labels = Arc::new(labels);
                let hb = build_registry(&files, lang, labels.clone())?;
                Ok((lang, hb, labels))
            };
        let [first, second] = LANGS;
        let compiled = std::thread::scope(|s| {
            let other = std::thread::Builder::new()
                .name("templates".into())
                .spawn_scoped(s, || compile(second));
            let first = compile(first);
            let second = match other {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                // No thread to be had: compiled here instead.
                Err(_) => compile(second),
            };
            [first, second]
        });
        let registries = compiled.into_iter().collect::<Result<Vec<_>, _>>()?;

        let mut hasher = Sha256::new();
        // The e-mail body's template changes no document: leave it out, so editing it
        // does not make every kit look changed.
        for (name, (_, bytes)) in files.iter().filter(|(n, _)| !n.ends_with("/email.md.hbs")) {
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(digest(name, bytes));
        }
        let fingerprint = hasher.finalize().into();

        Ok(Templates {
            files,
            registries,
            theme,
            assets,
            fingerprint,
        })
    }

    /// The built-in theme and its assets, without compiling a template: all `check`
    /// needs to know which characters the fonts can draw.
    pub fn builtin_theme() -> Result<(Theme, Assets), TemplateError> {
        theme_of(&builtin_file_map())
    }

    /// Renders `<lang>/<name>.md.hbs` with `data` into Markdown.
    pub fn render(
        &self,
        name: &str,
        lang: Lang,
        data: &impl Serialize,
    ) -> Result<String, TemplateError> {
        let (hb, file) = self.registry(name, lang)?;
        hb.render(&file, data)
            .map_err(|e| self.render_error(lang, &file, e))
    }

    /// The registry holding `<lang>/<name>.md.hbs`, and that file's name in it.
    fn registry(
        &self,
        name: &str,
        lang: Lang,
    ) -> Result<(&Handlebars<'static>, String), TemplateError> {
        let file = template_file(lang, name);
        match self.registries.iter().find(|(l, _, _)| *l == lang) {
            Some((_, hb, _)) if hb.has_template(&file) => Ok((hb, file)),
            _ => Err(TemplateError::NotFound {
                name: name.to_string(),
                lang: lang.tag(),
                file,
            }),
        }
    }

    /// Renders `<lang>/<name>.md.hbs` with `data` (a JSON object) and the keys of
    /// `overlay` put over its own for this rendering: one engagement's documents share
    /// their facts, serialised once, and each adds what is its own. `data` is as it was
    /// afterwards.
    pub fn render_overlaid(
        &self,
        name: &str,
        lang: Lang,
        data: &mut handlebars::Context,
        overlay: serde_json::Map<String, serde_json::Value>,
    ) -> Result<String, TemplateError> {
        let (hb, file) = self.registry(name, lang)?;
        let mut saved = Vec::with_capacity(overlay.len());
        if let serde_json::Value::Object(map) = data.data_mut() {
            for (k, v) in overlay {
                let old = map.insert(k.clone(), v);
                saved.push((k, old));
            }
        }
        let out = hb.render_with_context(&file, data);
        if let serde_json::Value::Object(map) = data.data_mut() {
            for (k, old) in saved.into_iter().rev() {
                match old {
                    Some(v) => map.insert(k, v),
                    None => map.remove(&k),
                };
            }
        }
        out.map_err(|e| self.render_error(lang, &file, e))
    }

    /// Parses the Markdown that `<lang>/<name>.md.hbs` rendered into blocks, refusing
    /// blocks nested deeper than [`crate::document::markdown::MAX_NESTING`] with an error
    /// naming the template.
    pub fn parse(
        &self,
        name: &str,
        lang: Lang,
        markdown: &str,
    ) -> Result<Vec<crate::document::Block>, TemplateError> {
        crate::document::markdown::parse_bounded(markdown).map_err(|e| TemplateError::Render {
            file: display_name(&self.files, &template_file(lang, name)),
            line: 0,
            column: 0,
            message: e.to_string(),
        })
    }

    /// The same templates, their theme also drawing fallback fonts from `dirs`
    /// (`--font-dir`).
    pub fn with_font_dirs(mut self, dirs: &[std::path::PathBuf]) -> Templates {
        self.theme.add_font_dirs(dirs);
        self
    }

    /// The theme in force.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The assets in force (fonts, logo).
    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// The labels of `lang` in force.
    pub fn labels(&self, lang: Lang) -> Option<&Labels> {
        self.registries
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map(|(_, _, labels)| labels.as_ref())
    }

    /// SHA-256 over every template, label, theme and font byte in force, sorted by name
    /// (except `email.md.hbs`, which no document reads): equal fingerprints mean equal
    /// output for equal data.
    pub fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    /// Overrides the theme's PDF standards (`build --no-pdf-tags`, `--no-pdfa`); the
    /// fingerprint changes with them, so rerun stamps see the difference.
    pub fn with_pdf_standards(mut self, pdf: crate::theme::PdfStandards) -> Self {
        if self.theme.pdf != pdf {
            self.theme.pdf = pdf;
            let mut h = Sha256::new();
            h.update(self.fingerprint);
            h.update([u8::from(pdf.tagged), u8::from(pdf.archival)]);
            self.fingerprint = h.finalize().into();
        }
        self
    }

    /// Relative names of the files in force that came from the override folder.
    pub fn overridden(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, (o, _))| matches!(o, Origin::Override(_)))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Files in the override folder that nothing reads: not a built-in's name, not a
    /// template or partial of a known language, not a font or logo the theme names.
    /// A typo (`en/success-plan.hbs`) shows up here instead of silently doing nothing.
    pub fn unused_overrides(&self) -> Vec<&str> {
        let builtins: Vec<&str> = builtin_files().into_iter().map(|(n, _)| n).collect();
        let f = &self.theme.fonts;
        let fonts = [&f.regular, &f.bold, &f.italic, &f.bold_italic, &f.mono];
        self.overridden()
            .into_iter()
            .filter(|name| {
                let template = LANGS.iter().any(|l| {
                    let prefix = format!("{}/", l.tag());
                    name.strip_prefix(&prefix)
                        .and_then(|rest| rest.strip_suffix(".md.hbs"))
                        .is_some_and(|stem| {
                            !stem.contains('/')
                                || stem
                                    .strip_prefix("partials/")
                                    .is_some_and(|p| !p.contains('/'))
                        })
                });
                let font = fonts
                    .iter()
                    .any(|f| name.strip_prefix("fonts/").unwrap_or(name) == f.as_str());
                let logo = self.theme.logo.as_deref() == Some(*name);
                !(builtins.contains(name) || template || font || logo)
            })
            .collect()
    }

    fn render_error(&self, lang: Lang, file: &str, e: handlebars::RenderError) -> TemplateError {
        use handlebars::RenderErrorReason as R;
        let name = e.template_name.clone().unwrap_or_else(|| file.to_string());
        let rel = if name.contains('/') {
            name
        } else {
            format!("{}/partials/{name}.md.hbs", lang.tag())
        };
        let file = display_name(&self.files, &rel);
        let line = e.line_no.unwrap_or(0);
        let column = e.column_no.unwrap_or(0);
        match e.reason() {
            R::MissingVariable(field) => TemplateError::MissingField {
                file,
                line,
                column,
                field: field.clone().unwrap_or_else(|| "?".into()),
            },
            R::ParamNotFoundForName(helper, param) => TemplateError::Render {
                file,
                line,
                column,
                message: format!(
                    "`{helper}` got no value for \"{param}\" (a missing field, in strict mode)"
                ),
            },
            R::PartialNotFound(p) => TemplateError::Render {
                file,
                line,
                column,
                message: format!(
                    "no partial \"{p}\" (looked for {}/partials/{p}.md.hbs)",
                    lang.tag()
                ),
            },
            other => TemplateError::Render {
                file,
                line,
                column,
                message: other.to_string(),
            },
        }
    }
}

fn template_file(lang: Lang, name: &str) -> String {
    format!("{}/{name}.md.hbs", lang.tag())
}

/// How a file is named in messages: its relative name for a built-in, the path the user
/// gave for an override.
fn display_name(files: &BTreeMap<String, (Origin, Blob)>, rel: &str) -> String {
    match files.get(rel) {
        Some((Origin::Override(p), _)) => p.display().to_string(),
        _ => rel.to_string(),
    }
}

fn text_of(files: &BTreeMap<String, (Origin, Blob)>, rel: &str) -> Result<String, TemplateError> {
    let Some((origin, bytes)) = files.get(rel) else {
        return Err(TemplateError::Io {
            path: PathBuf::from(rel),
            message: "missing".into(),
        });
    };
    String::from_utf8(bytes.to_vec()).map_err(|_| TemplateError::Io {
        path: match origin {
            Origin::Override(p) => p.clone(),
            Origin::Builtin => PathBuf::from(rel),
        },
        message: "not UTF-8 text".into(),
    })
}

fn read_overrides(
    root: &Path,
    dir: &Path,
    depth: usize,
    files: &mut BTreeMap<String, (Origin, Blob)>,
) -> Result<(), TemplateError> {
    // Templates live at most three levels down (`pt-BR/partials/x.md.hbs`); deeper is
    // not ours, and stopping bounds a symlink loop.
    if depth > 3 {
        return Ok(());
    }
    let io = |path: &Path, e: std::io::Error| TemplateError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // A symbolic link is followed only to a file inside the templates folder: a
        // shared folder cannot pull a file from elsewhere (a key, a private document)
        // into a document sent to customers.
        if entry.file_type().map_err(|e| io(&path, e))?.is_symlink() {
            let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(root)) {
                (Ok(target), Ok(root)) => target.starts_with(root),
                _ => false,
            };
            if !inside {
                return Err(TemplateError::Io {
                    path,
                    message: "a symbolic link leading outside the templates folder".into(),
                });
            }
        }
        let meta = std::fs::metadata(&path).map_err(|e| io(&path, e))?;
        if meta.is_dir() {
            read_overrides(root, &path, depth + 1, files)?;
        } else if meta.is_file() {
            if meta.len() > MAX_FILE_BYTES {
                return Err(TemplateError::Io {
                    path,
                    message: format!("larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024),
                });
            }
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .filter_map(|c| c.as_os_str().to_str())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
            files.insert(rel, (Origin::Override(path), bytes.into()));
        }
    }
    Ok(())
}

include!(concat!(env!("OUT_DIR"), "/builtin_digests.rs"));

/// The SHA-256 of the file `name` holding `bytes`: a built-in's worked out when the
/// program was built, any other's here.
fn digest(name: &str, bytes: &Blob) -> [u8; 32] {
    let built = match bytes {
        Blob::Static(_) => BUILTIN_DIGESTS
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| BUILTIN_DIGESTS[i].1),
        Blob::Shared(_) => None,
    };
    built.unwrap_or_else(|| Sha256::digest(&bytes[..]).into())
}

/// The built-in files by path, before any override.
fn builtin_file_map() -> BTreeMap<String, (Origin, Blob)> {
    builtin_files()
        .into_iter()
        .map(|(p, b)| (p.to_string(), (Origin::Builtin, Blob::Static(b))))
        .collect()
}

/// The theme of `files` and the assets it names.
fn theme_of(files: &BTreeMap<String, (Origin, Blob)>) -> Result<(Theme, Assets), TemplateError> {
    let theme_text = text_of(files, "theme.toml")?;
    let theme = parse_theme(&display_name(files, "theme.toml"), &theme_text)?;
    let assets = collect_assets(files, &theme)?;
    Ok((theme, assets))
}

fn parse_theme(file: &str, text: &str) -> Result<Theme, TemplateError> {
    Theme::from_toml(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let key = e
            .span()
            .map(|s| key_at(text, s.start))
            .or_else(|| quoted_field(&message))
            .unwrap_or_else(|| "?".into());
        TemplateError::Theme {
            file: file.to_string(),
            key,
            message,
        }
    })
}

/// The dotted key whose line holds byte `pos` of a TOML text (`colors.good`).
fn key_at(text: &str, pos: usize) -> String {
    let mut table = String::new();
    let mut key = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(t) = trimmed.strip_prefix('[') {
            table = t.split(']').next().unwrap_or("").trim().to_string();
            if offset + line.len() > pos {
                return table;
            }
        } else if let Some((k, _)) = trimmed.split_once('=') {
            key = k.trim().trim_matches('"').to_string();
        }
        if offset + line.len() > pos {
            break;
        }
        offset += line.len();
    }
    match (table.is_empty(), key.is_empty()) {
        (_, true) => table,
        (true, false) => key,
        (false, false) => format!("{table}.{key}"),
    }
}

fn quoted_field(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message.get(start..)?.find('`')?;
    message.get(start..start + len).map(str::to_string)
}

fn collect_assets(
    files: &BTreeMap<String, (Origin, Blob)>,
    theme: &Theme,
) -> Result<Assets, TemplateError> {
    let mut fonts = BTreeMap::new();
    let f = &theme.fonts;
    for name in [&f.regular, &f.bold, &f.italic, &f.bold_italic, &f.mono] {
        let bytes = files
            .get(&format!("fonts/{name}"))
            .or_else(|| files.get(name.as_str()))
            .ok_or_else(|| TemplateError::MissingAsset {
                what: "font",
                name: name.clone(),
            })?;
        fonts.insert(name.clone(), bytes.1.clone());
    }
    let logo = match &theme.logo {
        None => None,
        Some(name) => Some(
            files
                .get(name.as_str())
                .ok_or_else(|| TemplateError::MissingAsset {
                    what: "logo",
                    name: name.clone(),
                })?
                .1
                .to_vec(),
        ),
    };
    Ok(Assets { fonts, logo })
}

fn build_registry(
    files: &BTreeMap<String, (Origin, Blob)>,
    lang: Lang,
    labels: Arc<Labels>,
) -> Result<Handlebars<'static>, TemplateError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(escape_markdown);
    helpers::register(&mut hb, lang, labels);

    let prefix = format!("{}/", lang.tag());
    let partial_prefix = format!("{}/partials/", lang.tag());
    for rel in files.keys() {
        let Some(stem) = rel.strip_suffix(".md.hbs") else {
            continue;
        };
        // A partial by its bare name, a template by its path.
        let name = if let Some(p) = stem.strip_prefix(&partial_prefix) {
            p.to_string()
        } else if stem.starts_with(&prefix) && !stem[prefix.len()..].contains('/') {
            rel.clone()
        } else {
            continue;
        };
        let text = text_of(files, rel)?;
        // Compiled alike: handlebars registers a partial as a template.
        let result = pieces::compile(&text, &name).map(|t| hb.register_template(&name, t));
        result.map_err(|e| {
            let (line, column) = e.pos().unwrap_or((0, 0));
            TemplateError::Syntax {
                file: display_name(files, rel),
                line,
                column,
                message: e.reason().to_string(),
            }
        })?;
    }
    check_partials(files, lang, &hb)?;
    inline::register(&mut hb);
    inline::inline_partials(&mut hb, |name| {
        let (_, bytes) = files.get(&format!("{partial_prefix}{name}.md.hbs"))?;
        std::str::from_utf8(bytes).ok()
    });
    Ok(hb)
}

/// Refuses partials that include each other, expand exponentially or are named by an
/// expression, before any engagement is rendered (see [`partials`]).
fn check_partials(
    files: &BTreeMap<String, (Origin, Blob)>,
    lang: Lang,
    hb: &Handlebars<'static>,
) -> Result<(), TemplateError> {
    let graph = hb
        .get_templates()
        .iter()
        .map(|(k, t)| (k.clone(), t))
        .collect();
    let Err(e) = partials::check(&graph) else {
        return Ok(());
    };
    // Registered names are the file for a template, the bare name for a partial.
    let file = |key: &str| {
        let key = key.split('#').next().unwrap_or(key);
        let rel = if key.contains('/') {
            key.to_string()
        } else {
            format!("{}/partials/{key}.md.hbs", lang.tag())
        };
        display_name(files, &rel)
    };
    let (at, message) = match e {
        partials::GraphError::Cycle(chain) => (
            file(&chain[0]),
            format!(
                "partials include each other: {} (a partial may not include itself, directly or through others)",
                chain.iter().map(|k| file(k)).collect::<Vec<_>>().join(" → ")
            ),
        ),
        partials::GraphError::TooManyExpansions(key) => (
            file(&key),
            format!(
                "expands to more than {} partials (partials that each include the next several times grow exponentially)",
                partials::MAX_EXPANSIONS
            ),
        ),
        partials::GraphError::Dynamic(key) => (
            file(&key),
            "a partial named by an expression (`{{> (…)}}`) cannot be checked for loops: name the partial".to_string(),
        ),
    };
    Err(TemplateError::Render {
        file: at,
        line: 0,
        column: 0,
        message,
    })
}

/// Escapes a data value so Markdown shows it literally (inside a table cell too).
///
/// Backslash-escapes every character Markdown or our HTML extensions could read as
/// syntax, the characters that would start a list, heading or quote at the start of the
/// value, and turns line breaks into `<br>` so a value cannot end a table row or a list.
pub fn escape_markdown(s: &str) -> String {
    // Markdown syntax, backslash-escaped wherever it stands.
    let syntax = |c: char| {
        matches!(
            c,
            '\\' | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '|'
                | '<'
                | '>'
                | '`'
                | '!'
                | '~'
                | '{'
                | '}'
                | '&'
                | '$'
                | '^'
        )
    };
    let leading = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '=');
    // Most values (names, sentences) have nothing to escape: copied whole. The loop
    // below would push each of their characters unchanged.
    if !s.starts_with(leading) && !s.contains(|c| syntax(c) || matches!(c, '\r' | '\n')) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if syntax(c) => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            '0'..='9' if at_start => {
                out.push(c);
                while let Some(&d) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    out.push(d);
                    chars.next();
                }
                // `12. ` or `12) ` would start a numbered list; `20.000` would not.
                let mut ahead = chars.clone();
                if matches!(ahead.next(), Some('.')) && ahead.next().is_none_or(char::is_whitespace)
                {
                    out.push('\\');
                }
            }
            _ => out.push(c),
        }
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_files_digests_are_their_bytes_digests() {
        let files = builtin_files();
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        let digested: Vec<&str> = BUILTIN_DIGESTS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, digested);
        for (name, bytes) in files {
            let made: [u8; 32] = Sha256::digest(bytes).into();
            assert_eq!(digest(name, &Blob::Static(bytes)), made, "{name}");
            assert_eq!(digest(name, &Blob::from(bytes.to_vec())), made, "{name}");
        }
        // A file the build did not see is hashed here.
        let text = b"not built in";
        let made: [u8; 32] = Sha256::digest(text).into();
        assert_eq!(digest("en/new.md.hbs", &Blob::Static(text)), made);
    }

    #[test]
    fn escapes_markdown_syntax() {
        assert_eq!(
            escape_markdown("*Acme* | Ltd [1]"),
            r"\*Acme\* \| Ltd \[1\]"
        );
        assert_eq!(escape_markdown("- x"), r"\- x");
        assert_eq!(escape_markdown("1. x"), r"1\. x");
        assert_eq!(escape_markdown("a\nb"), "a<br>b");
        assert_eq!(escape_markdown("a-b"), "a-b");
        assert_eq!(escape_markdown("20.000"), "20.000");
        assert_eq!(escape_markdown("12."), r"12\.");
        // Nothing to escape: the text as it is (copied whole); a start that would begin
        // a list or a heading underline is still escaped.
        assert_eq!(
            escape_markdown("Ana Souza · São Paulo"),
            "Ana Souza · São Paulo"
        );
        assert_eq!(escape_markdown(""), "");
        assert_eq!(escape_markdown("+55 11"), r"\+55 11");
        assert_eq!(escape_markdown("=x"), r"\=x");
        assert_eq!(escape_markdown("a\r\nb\rc"), "a<br>b<br>c");
    }

    #[test]
    fn the_success_plans_includes_are_inlined() {
        let files = builtin_file_map();
        for lang in LANGS {
            let labels = Arc::new(Labels::empty("labels.toml"));
            let hb = build_registry(&files, lang, labels).expect("builds");
            let name = format!("{}/success-plan.md.hbs", lang.tag());
            let plan = hb.get_template(&name).expect("registered");
            use handlebars::template::{Template, TemplateElement};
            fn walk(t: &Template, name: &str) -> usize {
                let mut inlined = 0;
                for e in &t.elements {
                    match e {
                        TemplateElement::PartialExpression(d) => {
                            panic!("{name}: {:?} is still an include", d.name)
                        }
                        TemplateElement::HelperBlock(h)
                            if h.name.as_name() == Some(inline::HELPER) =>
                        {
                            inlined += 1
                        }
                        TemplateElement::HelperBlock(h) => {
                            for inner in h.template.iter().chain(h.inverse.iter()) {
                                inlined += walk(inner, name);
                            }
                        }
                        _ => {}
                    }
                }
                inlined
            }
            let inlined = walk(plan, &name);
            assert_eq!(inlined, 2, "{name}");
        }
    }

    #[test]
    fn key_at_names_the_table_and_key() {
        let t = "page = \"A4\"\n[colors]\ntext = \"x\"\n";
        assert_eq!(key_at(t, t.find("\"x\"").unwrap()), "colors.text");
        assert_eq!(key_at(t, 2), "page");
    }
}
