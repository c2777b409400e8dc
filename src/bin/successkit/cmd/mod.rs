//! One file per command, each with `run(args) -> Result<Outcome, CmdError>`.

pub mod build;
pub mod check;
pub mod init;
pub mod send;
pub mod templates;

use std::process::ExitCode;
use successkit::i18n::CmdText;

/// How a command ended when it could run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for is done (exit 0).
    Ok,
    /// Some engagements failed; the others are done (exit 1).
    SomeFailed,
    /// Nothing could be read or made (exit 2).
    NothingRan,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Ok => 0,
            Outcome::SomeFailed => 1,
            Outcome::NothingRan => 2,
        })
    }
}

/// A command that could not run at all: what went wrong and, maybe, what to do, worded
/// only when `main` prints them, in the message language.
#[derive(Debug)]
pub struct CmdError {
    pub message: CmdText,
    pub hint: Option<CmdText>,
}

impl CmdError {
    pub fn new(message: impl Into<CmdText>) -> Self {
        CmdError {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<CmdText>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint(&self) -> Option<&CmdText> {
        self.hint.as_ref()
    }
}

impl std::fmt::Display for CmdError {
    /// The message in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en())
    }
}

impl std::error::Error for CmdError {}
