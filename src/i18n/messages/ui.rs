//! The fixed words `check` and `build` print around problems, in both languages.

use super::*;

/// The fixed words `check` and `build` print around problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    /// Severity `error`.
    Error,
    /// Severity `warning`.
    Warning,
    /// Severity `notice`.
    Notice,
    /// Table header: severity.
    HeadSeverity,
    /// Table header: place.
    HeadPlace,
    /// Table header: column.
    HeadColumn,
    /// Table header: value.
    HeadValue,
    /// Table header: message.
    HeadMessage,
    /// `row`, in a place.
    Row,
    /// `engagement`, in a one-line problem.
    Engagement,
    /// Under a table that cut cells.
    CutHint,
    /// The `hint:` prefix.
    Hint,
    /// `build` read no engagement.
    NothingBuilt,
    /// What to run when nothing was built.
    CheckHint,
    /// The prefix of the report's paths and errors.
    PortfolioReport,
}

impl Ui {
    /// The words in a language.
    pub fn text(self, lang: Lang) -> &'static str {
        use Ui::*;
        let (en, pt) = match self {
            Error => ("error", "erro"),
            Warning => ("warning", "aviso"),
            Notice => ("notice", "observação"),
            HeadSeverity => ("severity", "gravidade"),
            HeadPlace => ("place", "local"),
            HeadColumn => ("column", "coluna"),
            HeadValue => ("value", "valor"),
            HeadMessage => ("message", "mensagem"),
            Row => ("row", "linha"),
            Engagement => ("engagement", "envolvimento"),
            CutHint => (
                "(long columns and values are cut with …; `successkit check --format json` shows them whole)",
                "(colunas e valores longos são cortados com …; `successkit check --format json` os mostra por inteiro)",
            ),
            Hint => ("hint", "dica"),
            NothingBuilt => (
                "no engagement could be read; nothing was built",
                "nenhum envolvimento pôde ser lido; nada foi gerado",
            ),
            CheckHint => (
                "`successkit check INPUT` lists what is wrong with each file",
                "`successkit check INPUT` lista o que está errado em cada arquivo",
            ),
            PortfolioReport => ("portfolio report", "relatório do portfólio"),
        };
        match lang {
            Lang::En => en,
            Lang::PtBr => pt,
        }
    }

    /// Every word, for tests.
    pub const ALL: [Ui; 15] = [
        Ui::Error,
        Ui::Warning,
        Ui::Notice,
        Ui::HeadSeverity,
        Ui::HeadPlace,
        Ui::HeadColumn,
        Ui::HeadValue,
        Ui::HeadMessage,
        Ui::Row,
        Ui::Engagement,
        Ui::CutHint,
        Ui::Hint,
        Ui::NothingBuilt,
        Ui::CheckHint,
        Ui::PortfolioReport,
    ];

    /// `check`'s summary: `2 engagements ready, 1 failed; 3 errors, 1 warning` (and
    /// `, 2 notices` when there are any).
    pub fn check_summary(
        lang: Lang,
        ready: usize,
        failed: usize,
        errors: usize,
        warnings: usize,
        notices: usize,
    ) -> String {
        let p =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let engagements = match lang {
            Lang::En => format!(
                "{} ready, {failed} failed",
                p(ready, "engagement", "engagements")
            ),
            Lang::PtBr => format!(
                "{}, {failed} com falha",
                p(ready, "envolvimento pronto", "envolvimentos prontos")
            ),
        };
        format!(
            "{engagements}; {}",
            Ui::problem_counts(lang, errors, warnings, notices)
        )
    }

    /// How many problems a run found: `3 errors, 1 warning` (and `, 2 notices` when there
    /// are any).
    pub fn problem_counts(lang: Lang, errors: usize, warnings: usize, notices: usize) -> String {
        let p =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = match lang {
            Lang::En => format!(
                "{}, {}",
                p(errors, "error", "errors"),
                p(warnings, "warning", "warnings"),
            ),
            Lang::PtBr => format!(
                "{}, {}",
                p(errors, "erro", "erros"),
                p(warnings, "aviso", "avisos"),
            ),
        };
        if notices > 0 {
            s.push_str(", ");
            s.push_str(&match lang {
                Lang::En => p(notices, "notice", "notices"),
                Lang::PtBr => p(notices, "observação", "observações"),
            });
        }
        s
    }

    /// `build`'s summary: `12 engagements ready (3 rendered, 9 unchanged), 1 failed;
    /// 12 files written to out in 2.4 s` (a run under a second in milliseconds: `in
    /// 42 ms`, never `in 0.0 s`; in Portuguese the time in brackets, after the folder). A run that found problems (listed above it) also
    /// counts them, after the engagements: `…, 1 failed; 2 errors, 0 warnings; 12 files
    /// written…`: one summary line, not `check`'s and then `build`'s.
    pub fn build_summary(
        lang: Lang,
        (ok, skipped, failed): (usize, usize, usize),
        problems: Option<(usize, usize, usize)>,
        files: usize,
        out: &str,
        seconds: f64,
    ) -> String {
        let ready = ok + skipped;
        let s = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        let problems = problems
            .map(|(e, w, n)| format!("{}; ", Ui::problem_counts(lang, e, w, n)))
            .unwrap_or_default();
        match lang {
            Lang::En => format!(
                "{ready} {} ready ({ok} rendered, {skipped} unchanged), {failed} failed; \
                 {problems}{files} {} written to {out} in {}",
                s(ready, "engagement", "engagements"),
                s(files, "file", "files"),
                duration(seconds, '.'),
            ),
            Lang::PtBr => format!(
                "{ready} {} ({ok} {}, {skipped} {}), {failed} com falha; \
                 {problems}{files} {} em {out} ({})",
                s(ready, "envolvimento pronto", "envolvimentos prontos"),
                s(ok, "gerado", "gerados"),
                s(skipped, "inalterado", "inalterados"),
                s(files, "arquivo gravado", "arquivos gravados"),
                duration(seconds, ','),
            ),
        }
    }

    /// `build --templates DIR` names a file no template, font or logo uses.
    pub fn unused_override(lang: Lang, path: &str) -> String {
        match lang {
            Lang::En => format!(
                "warning: {path} is not used: no template, theme font or logo has that name"
            ),
            Lang::PtBr => format!(
                "aviso: {path} não é usado: nenhum modelo, fonte do tema ou logotipo tem esse nome"
            ),
        }
    }
}

/// A run's duration for the summary: milliseconds under a second (a one-kit build takes
/// a few dozen), else seconds to a tenth, with the language's decimal mark.
fn duration(seconds: f64, mark: char) -> String {
    let seconds = if seconds.is_finite() {
        seconds.max(0.0)
    } else {
        0.0
    };
    if seconds < 0.9995 {
        format!("{} ms", ((seconds * 1000.0).round() as u64).max(1))
    } else {
        format!("{seconds:.1} s").replace('.', &mark.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_run_is_told_in_milliseconds_a_long_one_in_seconds() {
        assert_eq!(duration(0.0424, '.'), "42 ms");
        assert_eq!(duration(0.0001, '.'), "1 ms");
        assert_eq!(duration(0.9994, '.'), "999 ms");
        assert_eq!(duration(0.9996, '.'), "1.0 s");
        assert_eq!(duration(12.34, '.'), "12.3 s");
        assert_eq!(duration(12.34, ','), "12,3 s");
        assert_eq!(duration(f64::NAN, '.'), "1 ms");
        let en = Ui::build_summary(Lang::En, (1, 0, 0), None, 5, "out", 0.04);
        assert!(en.ends_with("5 files written to out in 40 ms"), "{en}");
        let pt = Ui::build_summary(Lang::PtBr, (2, 0, 0), None, 9, "out", 2.46);
        assert!(pt.ends_with("9 arquivos gravados em out (2,5 s)"), "{pt}");
    }

    #[test]
    fn build_counts_the_problems_it_listed_in_its_one_summary() {
        assert_eq!(
            Ui::build_summary(Lang::En, (3, 1, 1), Some((2, 1, 0)), 12, "out", 2.4),
            "4 engagements ready (3 rendered, 1 unchanged), 1 failed; 2 errors, 1 warning; \
             12 files written to out in 2.4 s"
        );
        assert_eq!(
            Ui::build_summary(Lang::PtBr, (1, 0, 0), Some((0, 0, 2)), 5, "out", 0.5),
            "1 envolvimento pronto (1 gerado, 0 inalterados), 0 com falha; 0 erros, 0 avisos, \
             2 observações; 5 arquivos gravados em out (500 ms)"
        );
    }
}
