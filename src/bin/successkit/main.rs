//! The successkit command: parses arguments, dispatches to one command, maps the result to
//! `error:`/`hint:` lines and one exit code (0 all ready, 1 some engagements failed,
//! 2 nothing could run).

// Printing never panics. std's print macros panic when a write fails, so a closed pipe
// (`build … | head -3`) or a full disk (`2>/dev/full`) would abort a run whose kits are
// still being made (exit 101). These shadow them for the whole binary (a `macro_rules!`
// defined before the modules is the one they see): a line that cannot be written is
// dropped and the run goes on to its own exit status.
macro_rules! print {
    ($($arg:tt)*) => { $crate::write_quietly(&mut std::io::stdout(), format_args!($($arg)*)) };
}
macro_rules! println {
    () => { print!("\n") };
    ($($arg:tt)*) => { print!("{}\n", format_args!($($arg)*)) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::write_quietly(&mut std::io::stderr(), format_args!($($arg)*)) };
}
macro_rules! eprintln {
    () => { eprint!("\n") };
    ($($arg:tt)*) => { eprint!("{}\n", format_args!($($arg)*)) };
}

mod cli;
mod cmd;

// mimalloc instead of the system allocator: a kit allocates and frees many small
// values (shaped words, drawing commands, template output), and glibc's malloc/free were
// about a fifth of a `build`'s profile. Measured on the 100-engagement workbook, one job:
// 0.90× the CPU (7 pairs alternated), peak 77 MB instead of 32 MB; at 2,000 engagements
// the same peak (222 MB); `check` 0.95×.
#[global_allocator]
static GLOBAL: Alloc = Alloc;

/// mimalloc, asked for plain blocks when a plain block is aligned enough.
///
/// `mimalloc::MiMalloc` passes every request to `mi_malloc_aligned`, whose checks before
/// it takes a block cost about 60 instructions a call (millions of calls a portfolio).
/// Every mimalloc block is aligned to the machine word (its size classes are whole words),
/// so a request aligned to a word at most takes `mi_malloc` straight away, as std's own
/// `System` allocator does with malloc's guarantee; a wider alignment goes the aligned
/// way. Blocks from either are freed by `mi_free`.
struct Alloc;

/// The alignment of every block `mi_malloc`, `mi_zalloc` and `mi_realloc` return.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: every pointer handed out comes from mimalloc with at least the layout's size and
// alignment (a word at most on the plain path, see above; the aligned calls otherwise),
// and goes back to mimalloc only.
unsafe impl std::alloc::GlobalAlloc for Alloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: mimalloc's allocation, no precondition.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: as above.
            unsafe { std::alloc::GlobalAlloc::alloc(&mimalloc::MiMalloc, layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: mimalloc's allocation, no precondition.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: as above.
            unsafe { std::alloc::GlobalAlloc::alloc_zeroed(&mimalloc::MiMalloc, layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: `ptr` came from mimalloc; the new block is word-aligned as well.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: as above.
            unsafe { std::alloc::GlobalAlloc::realloc(&mimalloc::MiMalloc, ptr, layout, new_size) }
        }
    }
}

/// Writes to stdout or stderr, ignoring a failure (see the print macros above).
fn write_quietly(w: &mut dyn std::io::Write, args: std::fmt::Arguments<'_>) {
    let _ = w.write_fmt(args);
}

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Parser;
use std::process::ExitCode;
use successkit::i18n::{CmdText, Lang, Ui};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    let lang = message_lang(&cli.command);
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
            eprintln!("{}: {}", Ui::Error.text(lang), err.message.render(lang));
            if let Some(hint) = err.hint() {
                eprintln!("{}: {}", Ui::Hint.text(lang), hint.render(lang));
            }
            ExitCode::from(2)
        }
    }
}

/// The language a command's `error:`/`hint:` lines are printed in, by the rule `check` and
/// `build` print problems by ([`cli::message_lang`]): their `--lang`, else the locale, else
/// English. `init`'s `--lang` names the starter workbook's language and its messages' by
/// the same rule.
fn message_lang(command: &cli::Command) -> Lang {
    cli::message_lang(match command {
        cli::Command::Check(args) => args.lang,
        cli::Command::Build(args) => args.lang,
        cli::Command::Init(args) => args.lang,
        // `templates` and any command without a message `--lang`.
        _ => None,
    })
}

/// A value an option's parser refused is printed as the command's own errors are
/// (`error: --lang: … ` then `hint: …`), so every bad option reads the same; any other
/// clap outcome (help, version, a missing or unknown argument) is clap's, exit 2 on error.
fn usage_error(e: clap::Error) -> ! {
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    // A workbook or folder given without a command (`successkit book.xlsx`): clap's
    // "a similar subcommand exists: 'init'" would lead astray.
    if e.kind() == ErrorKind::InvalidSubcommand {
        if let Some(path) =
            string(ContextKind::InvalidSubcommand).filter(|p| std::path::Path::new(p).exists())
        {
            let lang = cli::message_lang(None);
            eprintln!(
                "{}: {}",
                Ui::Error.text(lang),
                CmdText::NotACommand(path.clone()).render(lang)
            );
            eprintln!(
                "{}: {}",
                Ui::Hint.text(lang),
                CmdText::NotACommandHint(path).render(lang)
            );
            std::process::exit(2);
        }
    }
    if e.kind() == ErrorKind::ValueValidation {
        let arg = string(ContextKind::InvalidArg);
        let reason = std::error::Error::source(&e).map(|s| s.to_string());
        if let (Some(arg), Some(reason)) = (arg, reason) {
            // `--lang <LANG>` → `--lang`
            let flag = arg.split(' ').next().unwrap_or(&arg);
            // The arguments did not parse, so the locale alone picks the language.
            let lang = cli::message_lang(None);
            let (message, hint) = match string(ContextKind::InvalidValue) {
                Some(value) if flag == "--lang" => (
                    CmdText::NotALanguage(value).render(lang),
                    Some(CmdText::LangHint.render(lang)),
                ),
                _ => (format!("{flag}: {reason}"), None),
            };
            eprintln!("{}: {message}", Ui::Error.text(lang));
            if let Some(hint) = hint {
                eprintln!("{}: {hint}", Ui::Hint.text(lang));
            }
            std::process::exit(2);
        }
    }
    e.exit()
}

#[cfg(test)]
mod tests {
    use super::{Alloc, WORD};
    use std::alloc::{GlobalAlloc, Layout};

    /// The plain calls' blocks are word-aligned at every size (what `Alloc` relies on),
    /// wider alignments are kept through the aligned calls, and a reallocated block keeps
    /// its alignment and its bytes.
    #[test]
    fn every_block_has_its_layouts_alignment() {
        let aligned = |p: *mut u8, align: usize| !p.is_null() && (p as usize).is_multiple_of(align);
        for align in [1, 2, 4, WORD, 16, 32, 64, 4096] {
            for size in (1..=600).chain([1000, 4096, 70_000, 3 << 20]) {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: a non-zero size; every block is freed with its layout.
                unsafe {
                    let p = Alloc.alloc(layout);
                    assert!(aligned(p, align), "alloc {size} bytes, align {align}");
                    p.write_bytes(0xA5, size);
                    let grown = size * 3 + 5;
                    let q = Alloc.realloc(p, layout, grown);
                    assert!(
                        aligned(q, align),
                        "realloc {size} -> {grown}, align {align}"
                    );
                    assert!((0..size).all(|i| *q.add(i) == 0xA5), "bytes kept");
                    let grown = Layout::from_size_align(grown, align).expect("layout");
                    Alloc.dealloc(q, grown);
                    let z = Alloc.alloc_zeroed(layout);
                    assert!(aligned(z, align), "alloc_zeroed {size}, align {align}");
                    assert!((0..size).all(|i| *z.add(i) == 0), "zeroed");
                    Alloc.dealloc(z, layout);
                }
            }
        }
    }
}
