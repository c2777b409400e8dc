//! The successkit command: parses arguments, dispatches to one command, maps the result to
//! `error:`/`hint:` lines and one exit code (0 all ready, 1 some engagements failed,
//! 2 nothing could run).

mod cli;
mod cmd;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    let result = match cli.command {
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Templates(args) => cmd::templates::run(args),
        cli::Command::Send(args) => cmd::send::run(args),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(hint) = err.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(2)
        }
    }
}

/// A value an option's parser refused is printed as the command's own errors are
/// (`error: --lang: … ` then `hint: …`), so every bad option reads the same; any other
/// clap outcome (help, version, a missing or unknown argument) is clap's, exit 2 on error.
fn usage_error(e: clap::Error) -> ! {
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    if e.kind() == ErrorKind::ValueValidation {
        let arg = string(ContextKind::InvalidArg);
        let reason = std::error::Error::source(&e).map(|s| s.to_string());
        if let (Some(arg), Some(reason)) = (arg, reason) {
            // `--lang <LANG>` → `--lang`
            let flag = arg.split(' ').next().unwrap_or(&arg);
            eprintln!("error: {flag}: {reason}");
            if flag == "--lang" {
                eprintln!("hint: choose en or pt-BR");
            }
            std::process::exit(2);
        }
    }
    e.exit()
}
