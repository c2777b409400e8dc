//! `successkit templates export DIR [--force]`: the built-in templates, labels, theme and
//! fonts written out for editing, to be passed back with `--templates DIR`.

use super::{CmdError, Outcome};
use crate::cli::{TemplatesArgs, TemplatesCommand};
use std::path::Path;
use successkit::i18n::CmdText;

pub fn run(args: TemplatesArgs) -> Result<Outcome, CmdError> {
    match args.command {
        TemplatesCommand::Export { dir, force } => export(&dir, force),
    }
}

fn export(dir: &Path, force: bool) -> Result<Outcome, CmdError> {
    let files = successkit::template::builtin_files();
    if !force {
        let existing: Vec<&str> = files
            .iter()
            .filter(|(name, _)| dir.join(name).exists())
            .map(|(name, _)| *name)
            .collect();
        if let Some(first) = existing.first() {
            return Err(CmdError::new(CmdText::AlreadyHolds {
                dir: dir.display().to_string(),
                count: existing.len(),
                first: first.to_string(),
            })
            .with_hint(CmdText::ExportForceHint));
        }
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                CmdError::new(CmdText::CannotCreate(
                    parent.display().to_string(),
                    e.to_string(),
                ))
            })?;
        }
        write_atomically(&path, bytes).map_err(|e| {
            CmdError::new(CmdText::CannotWrite(
                path.display().to_string(),
                e.to_string(),
            ))
        })?;
        println!("wrote {}", path.display());
    }
    println!(
        "\n{} files exported. Edit them, delete the ones you keep as they are, and build with:\n  successkit build INPUT --templates {}",
        files.len(),
        dir.display()
    );
    Ok(Outcome::Ok)
}

/// Writes through a temporary file in the same folder, so an interrupted export never
/// leaves a half-written template behind.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir, path)?;
    std::io::Write::write_all(&mut tmp.1, bytes)?;
    tmp.1.sync_all()?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path)
}

fn tempfile_in(dir: &Path, target: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for i in 0..100u32 {
        let p = dir.join(format!(".{name}.{}.{i}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}
