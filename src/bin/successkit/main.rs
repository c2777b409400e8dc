//! The successkit command: parses arguments, dispatches to one command, maps the result to
//! `error:`/`hint:` lines and one exit code (0 all ready, 1 some engagements failed,
//! 2 nothing could run).

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Templates(args) => cmd::templates::run(args),
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
