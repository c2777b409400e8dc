//! What a command prints when it cannot run at all: the text after `error:` and `hint:`
//! (`erro:` and `dica:` in Portuguese, as [`Ui::Error`](super::Ui::Error) and
//! [`Ui::Hint`](super::Ui::Hint) word them), in English and Brazilian Portuguese.
//!
//! The English wording is what scripts have always read: it changes only on purpose.
//! Paths, option names, values and the operating system's reasons are shown as given.

use super::Lang;

/// One line a command prints when it stops: an error, or the hint under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CmdText {
    /// Text from outside the catalogue (a library error), shown as given in every language.
    Text(String),
    /// A path could not be read (the path, the reason).
    CannotRead(String, String),
    /// A folder could not be created (the folder, the reason): `init`.
    CouldNotCreate(String, String),
    /// A file could not be written (the path, the reason): `init`.
    CouldNotWrite(String, String),
    /// A folder could not be created (the folder, the reason).
    CannotCreate(String, String),
    /// A file could not be written (the path, the reason).
    CannotWrite(String, String),
    /// The output folder could not be created (the folder, the reason).
    CannotCreateOutput(String, String),
    /// `check --format json` could not serialise its report (the reason).
    CannotWriteJson(String),
    /// `check` could not print its report (the reason).
    CannotWriteReport(String),
    /// `build` could not serialise the manifest (the reason).
    CannotSerialiseManifest(String),
    /// The worker threads could not start (the reason).
    CannotStartThreads(String),
    /// `init`: the starter workbook is already there (its path).
    AlreadyExists(String),
    /// `init`: how to overwrite it.
    InitForceHint,
    /// `templates export`: the folder already holds some of the files.
    AlreadyHolds {
        /// The folder.
        dir: String,
        /// How many of the files are there.
        count: usize,
        /// The first of them.
        first: String,
    },
    /// `templates export`: how to overwrite them.
    ExportForceHint,
    /// The templates (`--templates DIR` or the built-ins) could not be loaded (why).
    Templates(String),
    /// How to start a templates folder.
    TemplatesHint,
    /// A path given where the command goes (the path).
    NotACommand(String),
    /// The commands that take it.
    NotACommandHint(String),
    /// The output folder named is a file (its path).
    OutputIsAFileHint(String),
    /// The output folder cannot be written.
    OutputNotWritableHint,
    /// `send` was given something other than the folder `build` wrote.
    SendTakesOutHint,
    /// `--only` names no document (the value).
    UnknownDocument(String),
    /// The documents `--only` takes.
    OnlyHint,
    /// `--as-of` is not a date (the value).
    NotADate(String),
    /// How to write `--as-of`: the date the run uses without it, when known.
    AsOfHint(Option<String>),
    /// `SOURCE_DATE_EPOCH` is not a number (its value).
    EpochNotANumber(String),
    /// `SOURCE_DATE_EPOCH` is out of range (its value).
    EpochOutOfRange(i64),
    /// `--lang` names no language (the value).
    NotALanguage(String),
    /// The languages `--lang` takes.
    LangHint,
    /// A note: another run holds the output folder, and this one waits for it (the
    /// folder, the other run's process ID when known).
    WaitingForOutput(String, Option<u32>),
    /// The output folder's lock could not be taken (the lock file, the reason).
    CannotLock(String, String),
    /// The manifest could not be written (its path, the reason): the documents are made,
    /// but the folder has no manifest until a run writes one.
    ManifestNotWritten(String, String),
    /// `init` wrote the starter workbook (its path).
    InitWrote(String),
    /// `init`: what the starter workbook holds.
    InitSheets,
    /// `init`: the command to run next.
    InitNext(String),
    /// `send`: the engagement has no Contact Email.
    SendNoContactEmail,
    /// `send`: its kit lists no documents to attach.
    SendNoDocuments,
    /// `send`: the manifest was written before recipients were recorded.
    SendNoRecipientsListed,
    /// `send --input`: the engagement is not in the data given.
    SendNotInInput,
    /// `send`: the kit failed to build.
    SendFailedKit,
    /// `send`: already sent (the date).
    SentOn(String),
    /// `send`: sent (the date), and the documents changed since.
    ChangedSinceSent(String),
    /// `send`: a message whose delivery is not known.
    MayHaveBeenDelivered,
    /// `send`: another run is sending it (its process ID).
    BeingSentBy(u32),
    /// `send`: not sent, since the run stopped before it.
    NotSentRunStopped,
    /// `send --limit`: not sent this run.
    NotSentLimit,
    /// `send`: a server's temporary refusal, tried again (the engagement, the reply).
    TryingAgain(String, String),
    /// `send --input`: no engagement could be read.
    NoEngagementFromInput,
    /// `send --input`: how to see why.
    CheckInputHint,
    /// `send --only`: an ID the manifest does not list (the ID, the manifest).
    OnlyNotIn(String, String),
    /// `send --smtp`: what one looks like.
    SmtpUrlHint,
    /// `send --smtp` names a user, but no password or token is set (the two variables).
    SmtpNoSecret(String, String),
    /// `send --smtp`: where Microsoft 365's token goes.
    SmtpSecretHint,
    /// `send --tls-ca`: the file cannot be read (the path, why).
    TlsCaUnreadable(String, String),
    /// `send --tls-ca`: the file holds no PEM certificate (the path).
    TlsCaNotPem(String),
    /// `send`: the server refused the login.
    LoginHint,
    /// `send`: the server could not be reached.
    ConnectHint,
    /// `send`: the send journal failed (why).
    Journal(String),
    /// `send`: a server's temporary refusals, given up on (the last reply, the attempts).
    GaveUp(String, u32),
    /// `send`: not sent, the run could not go on (why).
    NotSent(String),
    /// `send`: no sender address.
    NoSender,
    /// `send`: how to give one.
    NoSenderHint,
    /// `send`: a dry run's summary (the counts, already joined).
    DryRunSummary(String),
    /// `send`: a run's summary other than a dry run's (the mode, the counts).
    SendSummary(String, String),
    /// `send`: a run that stopped (why).
    RunStopped(String),
    /// `send --status`: nothing sent from this folder yet.
    NothingSentYet(String),
    /// `send --status`: the counts (sent, failed, unknown, sending).
    SendStatusCounts(usize, usize, usize, usize),
    /// `build`: ready engagements without a Contact Email, which `send` will skip (how
    /// many, of how many ready, the first IDs).
    NoContactEmail(usize, usize, Vec<String>),
}

impl CmdText {
    /// The line in English.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The line in a language.
    pub fn render(&self, lang: Lang) -> String {
        use CmdText::*;
        let pt = lang == Lang::PtBr;
        let pick = |en: String, pt_br: String| if pt { pt_br } else { en };
        match self {
            Text(s) => s.clone(),
            CannotRead(p, e) => pick(
                format!("cannot read {p}: {e}"),
                format!("não foi possível ler {p}: {e}"),
            ),
            CouldNotCreate(p, e) => pick(
                format!("could not create {p}: {e}"),
                format!("não foi possível criar {p}: {e}"),
            ),
            CouldNotWrite(p, e) => pick(
                format!("could not write {p}: {e}"),
                format!("não foi possível gravar {p}: {e}"),
            ),
            CannotCreate(p, e) => pick(
                format!("cannot create {p}: {e}"),
                format!("não foi possível criar {p}: {e}"),
            ),
            CannotWrite(p, e) => pick(
                format!("cannot write {p}: {e}"),
                format!("não foi possível gravar {p}: {e}"),
            ),
            WaitingForOutput(p, Some(pid)) => pick(
                format!("{p} is in use by another successkit run (process {pid}): waiting for it to finish"),
                format!("{p} está em uso por outra execução do successkit (processo {pid}): aguardando ela terminar"),
            ),
            WaitingForOutput(p, None) => pick(
                format!("{p} is in use by another successkit run: waiting for it to finish"),
                format!("{p} está em uso por outra execução do successkit: aguardando ela terminar"),
            ),
            SendNoContactEmail => pick(
                "no Contact Email".into(),
                "sem E-mail do Contato (Contact Email)".into(),
            ),
            SendNoDocuments => pick(
                "no documents to attach".into(),
                "nenhum documento para anexar".into(),
            ),
            SendNoRecipientsListed => pick(
                "the manifest lists no recipients (built by an older successkit): build again, or give --input".into(),
                "o manifesto não lista destinatários (gerado por um successkit mais antigo): gere de novo ou use --input".into(),
            ),
            SendNotInInput => pick(
                "not in the input given (--input): no recipients known".into(),
                "não está nos dados informados (--input): destinatários desconhecidos".into(),
            ),
            SendFailedKit => pick(
                "its kit failed to build".into(),
                "a geração do kit falhou".into(),
            ),
            SentOn(d) => pick(format!("sent on {d}"), format!("enviado em {d}")),
            ChangedSinceSent(d) => pick(
                format!("sent on {d}; the documents changed since (send again with --resend-changed)"),
                format!("enviado em {d}; os documentos mudaram desde então (envie de novo com --resend-changed)"),
            ),
            MayHaveBeenDelivered => pick(
                "may have been delivered (send again with --resend-unknown)".into(),
                "pode ter sido entregue (envie de novo com --resend-unknown)".into(),
            ),
            BeingSentBy(pid) => pick(
                format!("being sent by process {pid}"),
                format!("sendo enviado pelo processo {pid}"),
            ),
            NotSentRunStopped => pick(
                "not sent: the run stopped".into(),
                "não enviado: a execução parou".into(),
            ),
            NotSentLimit => pick(
                "not sent this run (--limit)".into(),
                "não enviado nesta execução (--limit)".into(),
            ),
            TryingAgain(id, reply) => pick(
                format!("{id}: {reply}; trying again"),
                format!("{id}: {reply}; tentando de novo"),
            ),
            NoEngagementFromInput => pick(
                "no engagement could be read from --input".into(),
                "nenhum envolvimento pôde ser lido de --input".into(),
            ),
            CheckInputHint => super::Ui::CheckHint.text(lang).to_string(),
            OnlyNotIn(id, m) => pick(
                format!("--only: {id} is not in {m}"),
                format!("--only: {id} não está em {m}"),
            ),
            SmtpUrlHint => pick(
                "e.g. --smtp smtp://fm@contoso.com@smtp.office365.com:587".into(),
                "por exemplo, --smtp smtp://fm@contoso.com@smtp.office365.com:587".into(),
            ),
            SmtpNoSecret(pw, token) => pick(
                format!("--smtp names a user but neither {pw} nor {token} is set"),
                format!("--smtp indica um usuário, mas nem {pw} nem {token} está definida"),
            ),
            SmtpSecretHint => pick(
                "Microsoft 365: put an OAuth 2.0 access token in SUCCESSKIT_SMTP_OAUTH2_TOKEN".into(),
                "Microsoft 365: coloque um token de acesso OAuth 2.0 em SUCCESSKIT_SMTP_OAUTH2_TOKEN".into(),
            ),
            TlsCaUnreadable(p, e) => pick(
                format!("--tls-ca: cannot read {p}: {e}"),
                format!("--tls-ca: não foi possível ler {p}: {e}"),
            ),
            TlsCaNotPem(p) => pick(
                format!("--tls-ca: {p} holds no PEM certificate"),
                format!("--tls-ca: {p} não contém um certificado PEM"),
            ),
            LoginHint => pick(
                "check the user in --smtp and the password or token; nothing was sent".into(),
                "confira o usuário em --smtp e a senha ou o token; nada foi enviado".into(),
            ),
            ConnectHint => pick(
                "check --smtp (host, port, smtp:// for STARTTLS or smtps:// for TLS) and --tls-ca; nothing was sent".into(),
                "confira --smtp (servidor, porta, smtp:// para STARTTLS ou smtps:// para TLS) e --tls-ca; nada foi enviado".into(),
            ),
            Journal(e) => pick(
                format!("send journal: {e}"),
                format!("registro de envios: {e}"),
            ),
            GaveUp(reply, n) => pick(
                format!("{reply} (gave up after {n} attempts)"),
                format!("{reply} (desistiu após {n} tentativas)"),
            ),
            NotSent(why) => pick(format!("not sent: {why}"), format!("não enviado: {why}")),
            NoSender => pick(
                "no sender: give --from ADDRESS or set SUCCESSKIT_FROM".into(),
                "remetente não informado: use --from ENDEREÇO ou defina SUCCESSKIT_FROM".into(),
            ),
            NoSenderHint => pick(
                "e.g. --from \"Bea Lima <bea.lima@contoso.com>\"".into(),
                "por exemplo, --from \"Bea Lima <bea.lima@contoso.com>\"".into(),
            ),
            DryRunSummary(counts) => pick(
                format!("dry-run: {counts}; nothing was sent (--drafts DIR writes drafts, --smtp URL sends)"),
                format!("simulação: {counts}; nada foi enviado (--drafts PASTA grava rascunhos, --smtp URL envia)"),
            ),
            SendSummary(mode, counts) => pick(
                format!("{mode}: {counts}"),
                format!(
                    "{}: {counts}",
                    match mode.as_str() {
                        "drafts" => "rascunhos",
                        "send" => "envio",
                        m => m,
                    }
                ),
            ),
            RunStopped(why) => pick(
                format!("{why}; the run stopped"),
                format!("{why}; a execução parou"),
            ),
            NothingSentYet(p) => pick(
                format!("no message sent from {p} yet"),
                format!("nenhuma mensagem enviada de {p} ainda"),
            ),
            SendStatusCounts(sent, failed, unknown, sending) => pick(
                format!("{sent} sent, {failed} failed, {unknown} unknown, {sending} sending"),
                format!("{sent} enviadas, {failed} com falha, {unknown} incertas, {sending} em envio"),
            ),
            InitWrote(p) => pick(format!("wrote {p}"), format!("gravado: {p}")),
            InitSheets => pick(
                "  one sheet per table, with an example engagement (ENG-0001) to replace".into(),
                "  uma aba por tabela, com um envolvimento de exemplo (ENG-0001) para substituir"
                    .into(),
            ),
            InitNext(cmd) => pick(format!("next: {cmd}"), format!("próximo passo: {cmd}")),
            NoContactEmail(n, of, ids) => {
                let rest = n.saturating_sub(ids.len());
                let list = |more: String| match rest {
                    0 => ids.join(", "),
                    _ => format!("{}, {more}", ids.join(", ")),
                };
                pick(
                    format!(
                        "{}: send will skip {} ({}); fill in the column and build again",
                        match (*n, *of) {
                            (1, 1) => "the engagement has no Contact Email".to_string(),
                            (n, of) if n == of => {
                                format!("none of the {of} engagements has a Contact Email")
                            }
                            (1, of) => format!("1 of {of} engagements has no Contact Email"),
                            (n, of) => format!("{n} of {of} engagements have no Contact Email"),
                        },
                        if *n == 1 { "its kit" } else { "their kits" },
                        list(format!("and {rest} more")),
                    ),
                    format!(
                        "{}: o send não enviará {} ({}); preencha a coluna e gere de novo",
                        match (*n, *of) {
                            (1, 1) => "o envolvimento não tem E-mail do Contato (Contact Email)"
                                .to_string(),
                            (n, of) if n == of => format!(
                                "nenhum dos {of} envolvimentos tem E-mail do Contato (Contact Email)"
                            ),
                            (1, of) => format!(
                                "1 dos {of} envolvimentos está sem E-mail do Contato (Contact Email)"
                            ),
                            (n, of) => format!(
                                "{n} dos {of} envolvimentos estão sem E-mail do Contato (Contact Email)"
                            ),
                        },
                        if *n == 1 { "o kit dele" } else { "os kits deles" },
                        list(format!("e mais {rest}")),
                    ),
                )
            }
            CannotLock(p, e) => pick(
                format!("cannot lock the output folder ({p}): {e}"),
                format!("não foi possível bloquear a pasta de saída ({p}): {e}"),
            ),
            ManifestNotWritten(p, e) => pick(
                format!("cannot write {p}: {e}; the documents above are made, but the folder has no manifest until a run writes one"),
                format!("não foi possível gravar {p}: {e}; os documentos acima foram gerados, mas a pasta fica sem manifesto até uma execução gravá-lo"),
            ),
            CannotCreateOutput(p, e) => pick(
                format!("cannot create the output folder {p}: {e}"),
                format!("não foi possível criar a pasta de saída {p}: {e}"),
            ),
            CannotWriteJson(e) => pick(
                format!("could not write the JSON report: {e}"),
                format!("não foi possível gerar o relatório em JSON: {e}"),
            ),
            CannotWriteReport(e) => pick(
                format!("could not write the report: {e}"),
                format!("não foi possível escrever o relatório: {e}"),
            ),
            CannotSerialiseManifest(e) => pick(
                format!("cannot serialise the manifest: {e}"),
                format!("não foi possível gerar o manifesto: {e}"),
            ),
            CannotStartThreads(e) => pick(
                format!("cannot start worker threads: {e}"),
                format!("não foi possível iniciar as threads de trabalho: {e}"),
            ),
            AlreadyExists(p) => pick(format!("{p} already exists"), format!("{p} já existe")),
            InitForceHint => pick(
                "use --force to overwrite it, or name another folder".into(),
                "use --force para substituí-lo ou indique outra pasta".into(),
            ),
            AlreadyHolds { dir, count, first } => pick(
                format!("{dir} already holds {count} of the files to export (first: {first})"),
                format!("{dir} já contém {count} dos arquivos a exportar (o primeiro: {first})"),
            ),
            ExportForceHint => pick(
                "pass --force to overwrite them, or export into an empty folder".into(),
                "use --force para substituí-los ou exporte para uma pasta vazia".into(),
            ),
            Templates(e) => pick(format!("templates: {e}"), format!("modelos: {e}")),
            NotACommand(p) => pick(
                format!("{p} is a file or folder, not a command"),
                format!("{p} é um arquivo ou pasta, não um comando"),
            ),
            NotACommandHint(p) => pick(
                format!("name the command first: successkit check {p} (validate), successkit build {p} (make the kits)"),
                format!("indique o comando primeiro: successkit check {p} (validar), successkit build {p} (gerar os kits)"),
            ),
            OutputIsAFileHint(p) => pick(
                format!("{p} is a file, not a folder: name another output folder with -o"),
                format!("{p} é um arquivo, não uma pasta: indique outra pasta de saída com -o"),
            ),
            OutputNotWritableHint => pick(
                "this folder cannot be written to: name one you can write to with -o".into(),
                "não é possível gravar nesta pasta: indique com -o uma pasta em que você possa gravar".into(),
            ),
            SendTakesOutHint => pick(
                "send takes the output folder `build` wrote (its -o, successkit-out by default), not the workbook".into(),
                "o send recebe a pasta de saída gravada pelo `build` (o -o dele; successkit-out por padrão), não a pasta de trabalho".into(),
            ),
            TemplatesHint => pick(
                "`successkit templates export DIR` writes the built-ins to start from".into(),
                "`successkit templates export DIR` grava os modelos padrão como ponto de partida"
                    .into(),
            ),
            UnknownDocument(s) => pick(
                format!("--only: unknown document {s:?}"),
                format!("--only: documento desconhecido {s:?}"),
            ),
            OnlyHint => pick(
                "choose from plan, checklist, handout (comma-separated)".into(),
                "escolha entre plan, checklist e handout (separados por vírgula)".into(),
            ),
            NotADate(s) => pick(
                format!("--as-of: {s:?} is not a date"),
                format!("--as-of: {s:?} não é uma data"),
            ),
            AsOfHint(Some(d)) => pick(
                format!("write it as YYYY-MM-DD or DD/MM/YYYY, e.g. {d} (the date used without --as-of)"),
                format!(
                    "escreva no formato AAAA-MM-DD ou DD/MM/AAAA, por exemplo {d} (a data usada sem --as-of)"
                ),
            ),
            AsOfHint(None) => pick(
                "write it as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-24".into(),
                "escreva no formato AAAA-MM-DD ou DD/MM/AAAA, por exemplo 2026-11-24".into(),
            ),
            EpochNotANumber(v) => pick(
                format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"),
                format!("SOURCE_DATE_EPOCH={v:?} não é um número de segundos"),
            ),
            EpochOutOfRange(s) => pick(
                format!("SOURCE_DATE_EPOCH={s} is out of range"),
                format!("SOURCE_DATE_EPOCH={s} está fora do intervalo válido"),
            ),
            NotALanguage(s) => pick(
                format!("--lang: {s:?} is not a language"),
                format!("--lang: {s:?} não é um idioma"),
            ),
            LangHint => pick("choose en or pt-BR".into(), "escolha en ou pt-BR".into()),
        }
    }
}

/// Text from outside the catalogue, shown as given in every language (a library error, or
/// a command's own line not yet worded in Portuguese).
impl From<String> for CmdText {
    fn from(s: String) -> CmdText {
        CmdText::Text(s)
    }
}

impl From<&str> for CmdText {
    fn from(s: &str) -> CmdText {
        CmdText::Text(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_as_before_portuguese_worded() {
        let t = CmdText::Templates(CmdText::CannotRead("x".into(), "denied".into()).en());
        assert_eq!(t.en(), "templates: cannot read x: denied");
        let t =
            CmdText::Templates(CmdText::CannotRead("x".into(), "denied".into()).render(Lang::PtBr));
        assert_eq!(
            t.render(Lang::PtBr),
            "modelos: não foi possível ler x: denied"
        );
        assert_eq!(
            CmdText::AsOfHint(None).en(),
            "write it as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-24"
        );
        assert_eq!(CmdText::Text("as is".into()).render(Lang::PtBr), "as is");
    }

    #[test]
    fn engagements_without_a_contact_email_are_counted_in_either_language() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let one = CmdText::NoContactEmail(1, 9, ids(&["ENG-3"]));
        assert_eq!(
            one.en(),
            "1 of 9 engagements has no Contact Email: send will skip its kit (ENG-3); \
             fill in the column and build again"
        );
        assert_eq!(
            one.render(Lang::PtBr),
            "1 dos 9 envolvimentos está sem E-mail do Contato (Contact Email): o send não \
             enviará o kit dele (ENG-3); preencha a coluna e gere de novo"
        );
        let some = CmdText::NoContactEmail(2, 9, ids(&["ENG-3", "ENG-7"]));
        assert!(some.en().starts_with(
            "2 of 9 engagements have no Contact Email: send will skip their kits (ENG-3, ENG-7);"
        ));
        assert!(some
            .render(Lang::PtBr)
            .starts_with("2 dos 9 envolvimentos estão sem E-mail do Contato"));
        let only = CmdText::NoContactEmail(1, 1, ids(&["ENG-1"]));
        assert!(only
            .en()
            .starts_with("the engagement has no Contact Email: send will skip its kit (ENG-1);"));
    }
}
