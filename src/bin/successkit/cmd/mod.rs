//! One file per command, each with `run(args) -> Result<Outcome, CmdError>`.

pub mod build;
pub mod check;
pub mod init;
pub mod send;
pub mod templates;

use std::process::ExitCode;

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

/// A command that could not run at all.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CmdError {
    pub message: String,
    pub hint: Option<String>,
}

impl CmdError {
    pub fn new(message: impl Into<String>) -> Self {
        CmdError {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}
