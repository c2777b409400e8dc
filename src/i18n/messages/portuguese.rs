//! Every message in Brazilian Portuguese, written for an FM in Brazil in the contract's own
//! terms (Envolvimentos, planilha, linha, coluna).

use super::*;

impl Message {
    pub(super) fn portuguese(&self) -> String {
        use Message::*;
        use ReadError as R;
        const RESAVE: &str = "abra no Excel ou no LibreOffice e salve de novo";
        let pt = Lang::PtBr;
        match self {
            Text(s) => s.clone(),
            Read(R::NotFound) => "arquivo ou pasta inexistente".into(),
            Read(R::NotAFile) => "não é um arquivo comum (é um pipe, dispositivo ou socket); informe uma pasta de trabalho ou um arquivo CSV".into(),
            Read(R::Io(e)) => format!("não foi possível ler: {e}"),
            Read(R::Empty) => "o arquivo está vazio; exporte os dados de novo".into(),
            Read(R::TooLarge { size, limit }) => format!(
                "o arquivo tem {}, acima do limite de {}; divida os dados em pastas de trabalho menores",
                human(*size, pt),
                human(*limit, pt)
            ),
            Read(R::NotASpreadsheet { what }) => format!(
                "este arquivo é {}, não uma planilha; use a pasta de trabalho (.xlsx, .xls, .ods) ou a exportação CSV",
                what.render(pt)
            ),
            Read(R::TextAsWorkbook { ext }) => format!(
                "este arquivo é texto simples, não uma pasta de trabalho {ext}; se for uma exportação CSV, mude a extensão para .csv"
            ),
            Read(R::Unsupported { what }) => format!(
                "formato não suportado ({}); abra no Excel e salve como .xlsx",
                what.render(pt)
            ),
            Read(R::Encrypted) => "a pasta de trabalho está protegida por senha (criptografada); abra no Excel e salve uma cópia sem senha".into(),
            Read(R::Corrupt(d)) => format!(
                "a pasta de trabalho está danificada ou incompleta ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::ZipBomb { declared, limit }) => format!(
                "descompactada, a pasta de trabalho chega a {}, acima do limite de {} (uma bomba zip?); ela não foi lida",
                human(*declared, pt),
                human(*limit, pt)
            ),
            Read(R::LyingHeader) => "um item do zip descompacta além do tamanho declarado no cabeçalho (uma bomba zip ou um arquivo danificado); o arquivo não foi lido".into(),
            Read(R::TooManyRows { limit, .. }) => format!(
                "mais de {} linhas de dados, o limite para uma planilha; divida os dados em arquivos menores",
                count(*limit, pt)
            ),
            Read(R::TooManyCells { sheet, limit }) => format!(
                "mais células do que uma execução lê ({}, somando todas as entradas{}); verifique o arquivo ou gere o portfólio em partes",
                crate::i18n::format::number(*limit as f64, Some(0), pt),
                if sheet.is_empty() { ", pelo tamanho que a pasta de trabalho declara" } else { "; atingido nesta planilha" }
            ),
            Read(R::TooMuchText { limit, .. }) => format!(
                "mais texto do que uma execução lê ({}, somando todas as entradas; atingido nesta planilha); verifique o arquivo ou gere o portfólio em partes",
                human(*limit, pt)
            ),
            Read(R::TooManyStrings { declared, limit }) => format!(
                "a pasta de trabalho declara {} textos distintos, mais do que uma execução lê ({}); está danificada ou não contém dados de envolvimentos",
                crate::i18n::format::number(*declared as f64, Some(0), pt),
                crate::i18n::format::number(*limit as f64, Some(0), pt)
            ),
            Read(R::LineTooLong { line, limit }) => format!(
                "a linha {line} passa de {}, o limite para uma linha de CSV (é mesmo uma tabela CSV?); o arquivo não foi lido",
                human(*limit as u64, pt)
            ),
            Read(R::RecordTooLong { row, limit }) => format!(
                "o registro {row} passa de {}, o limite para um registro de CSV (aspas sem fechamento?); o arquivo não foi lido",
                human(*limit as u64, pt)
            ),
            Read(R::InvalidText { line, byte }) => format!(
                "a linha {line} contém o byte 0x{byte:02X}, que não é texto UTF-8 nem Windows-1252; salve a tabela no Excel como \"CSV UTF-8\""
            ),
            Read(R::InvalidUtf16) => "o arquivo começa como texto UTF-16, mas está malformado (incompleto?); salve a tabela no Excel de novo".into(),
            Read(R::Binary) => "este arquivo contém dados binários, não uma tabela CSV; use a pasta de trabalho ou uma exportação CSV".into(),
            Read(R::ReaderFailed(d)) => format!(
                "o leitor de pastas de trabalho falhou neste arquivo ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::Unreadable(d)) => format!(
                "não foi possível ler a pasta de trabalho ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::NothingToRead) => "a pasta não tem nenhuma pasta de trabalho (.xlsx .xlsm .xlsb .xls .ods) nem tabela CSV (.csv .tsv .txt); as subpastas não são pesquisadas: indique cada pasta a ler".into(),
            Read(R::NoData) => "a pasta de trabalho não tem dados: todas as planilhas estão vazias".into(),
            Windows1252 => "não é UTF-8: lido como Windows-1252 (o \"CSV\" do Excel no Windows); se os acentos aparecerem errados, salve a tabela no Excel como \"CSV UTF-8\"".into(),
            ValuesBeyondColumn { column, max } => format!(
                "os valores depois da coluna {column} foram ignorados (o limite é de {max} colunas)"
            ),
            ValuesOutsideHeader { first, last } => format!(
                "os valores fora das colunas do cabeçalho ({first}..{last}) foram ignorados: dê um cabeçalho a essas colunas para mantê-los"
            ),
            StrayTables(names) => match names.as_slice() {
                [one] => format!("{one} não tem o nome de uma tabela do contrato e por isso não é lido; as pastas de trabalho da pasta são lidas"),
                _ => format!("{} não têm o nome de tabelas do contrato e por isso não são lidos; as pastas de trabalho da pasta são lidas", names.join(", ")),
            },
            WorkbooksIgnored(1) => "a pasta tem tabelas CSV, então a pasta de trabalho que está nela foi ignorada; indique a pasta de trabalho sozinha para lê-la".into(),
            OpenInExcel(lock) => format!(
                "a pasta de trabalho está aberta no Excel ({lock} ao lado dela): alterações ainda não salvas não são lidas"
            ),
            OneTableOfFolder { folder, others } => format!(
                "uma das tabelas da pasta CSV {folder}: as outras tabelas ({}) só são lidas quando a própria pasta é indicada",
                others.join(", ")
            ),
            OwnReport => "um relatório de portfólio gerado pelo successkit (uma saída, não dados de envolvimentos): ignorado".into(),
            WorkbooksIgnored(n) => format!("a pasta tem tabelas CSV, então as {n} pastas de trabalho que estão nela foram ignoradas; indique cada pasta de trabalho sozinha para lê-la"),
            SheetNotInContract => "planilha fora do contrato; ignorada (esperava-se Envolvimentos, Serviços, \
                 Partes Interessadas, Métricas de Sucesso, Tarefas, Ações ou os nomes em inglês)".into(),
            NoContractSheet => "nenhuma planilha do contrato foi encontrada: esperava-se pelo menos a planilha \
                 “Envolvimentos” (em inglês: “Engagements”)".into(),
            LooksLikeSheet(t) => format!(
                "planilha fora do contrato, por isso suas linhas não são lidas: você quis dizer {}? Renomeie a planilha",
                t.render(pt)
            ),
            NoEngagementsSheet => "não há planilha “Envolvimentos” (em inglês: “Engagements”): as linhas das \
                 outras planilhas pertencem aos envolvimentos listados nela, por isso nenhuma pode ser lida; \
                 inclua a planilha (numa pasta CSV, envolvimentos.csv) ou indique também o arquivo que a contém".into(),
            LooksLikeColumn { header, column } => format!(
                "“{header}” não é uma coluna do contrato (mantida como campo personalizado): você quis dizer {}? \
                 Enquanto não for renomeada, essa coluna é lida como vazia",
                column.render(pt)
            ),
            MissingColumn(c) => format!(
                "falta a coluna {}: as linhas desta planilha não podem ser lidas",
                c.render(pt)
            ),
            MissingIdColumn { column, engagements } => format!(
                "falta a coluna {}: ela é necessária quando um arquivo tem {}",
                column.render(pt),
                match engagements {
                    0 => "nenhum envolvimento".to_string(),
                    1 => "1 envolvimento".to_string(),
                    n => format!("{n} envolvimentos"),
                }
            ),
            DuplicateColumn { letter, header, first } => format!(
                "a coluna {letter} ({header}) repete a coluna “{first}”; só a primeira é lida"
            ),
            ErrorCellRequired(e) => format!("célula com erro {e}: este campo é obrigatório"),
            ErrorCellIgnored(e) => format!("célula com erro {e}: considerada vazia"),
            RequiredEmpty(c) => format!("o campo {} é obrigatório, mas está vazio", c.render(pt)),
            NotADate => "não é uma data: esperava-se uma data como 12/07/2024 ou 2024-07-12".into(),
            NoSuchDay => "esse dia não existe no calendário: esperava-se uma data como 12/07/2024 ou 2024-07-12".into(),
            MonthFirst(iso) => format!(
                "as datas são lidas com o dia primeiro (dd/mm/aaaa), e esta tem um mês que não existe: se foi digitada com o mês primeiro, escreva {iso} (ou dd/mm/aaaa)"
            ),
            Negative => "não pode ser negativo: esperava-se um número inteiro ≥ 0".into(),
            NotWhole => "não é um número inteiro: esperava-se um número inteiro como 25000 ou 25.000".into(),
            TooManyLicenses(max) => format!(
                "mais licenças do que qualquer locatário tem (no máximo {}): confira o número",
                crate::i18n::format::number(*max as f64, Some(0), pt)
            ),
            NoFont(chars) => {
                let one = chars.matches("(U+").count() <= 1;
                let (which, stays, them) = if one {
                    ("o caractere", "que fica", "o")
                } else {
                    ("os caracteres", "que ficam", "os")
                };
                format!(
                    "nenhuma fonte tem {which} {chars}, {stays} fora do PDF; instale uma fonte \
                     que {them} tenha (Debian: fonts-noto-core, fonts-noto-cjk; emoji: fonts-symbola) ou indique a \
                     pasta dela com --font-dir"
                )
            }
            NotYesNo => "não é sim nem não: esperava-se sim ou não (yes ou no)".into(),
            NotKeyword(k) => k.render(pt).into(),
            NotEmail(part) => format!(
                "“{part}” não é um endereço de e-mail: esperava-se nome@exemplo.com.br, vários separados por ; ou ,"
            ),
            DuplicateId { others, more } => {
                let mut at = others.iter().map(|p| p.render(pt)).collect::<Vec<_>>().join(", ");
                if *more > 0 {
                    at.push_str(&format!(
                        " e mais {}",
                        crate::i18n::format::number(*more as f64, Some(0), pt)
                    ));
                }
                format!("ID do Envolvimento usado mais de uma vez (também em {at}); nenhuma das cópias é usada")
            }
            UnknownEngagement { like: None } => "não há envolvimento com este ID em nenhuma planilha Envolvimentos".into(),
            UnknownEngagement { like: Some(id) } => format!(
                "não há envolvimento com este ID em nenhuma planilha Envolvimentos: você quis dizer {id}?"
            ),
            EmptyEngagementId => "o ID do Envolvimento está vazio: esperava-se o ID de uma linha de Envolvimentos".into(),
            CannotPrepare(dir, e) => format!("não foi possível preparar {dir}: {e}"),
            CannotWrite(path, e) => format!("não foi possível gravar {path}: {e}"),
            CouldNotMake(file, e) => format!("não foi possível gerar {file}: {e}"),
            RenderPanic(m) => format!("erro interno ao gerar os documentos (por favor, informe): {m}"),
            CannotWriteStamp(dir, e) => format!("não foi possível gravar o carimbo em {dir}: {e}"),
            EditedKept { file, kept } => format!(
                "{file} foi alterado depois de gerado: essa versão foi mantida como {kept}, e um novo {file} foi gerado a partir dos dados"
            ),
            FilesNotWritten => "erro interno: os arquivos deste envolvimento não foram gravados".into(),
            CannotRemove(path, e) => format!("não foi possível remover {path}: {e}"),
            ReportFile(name, e) => format!("não foi possível gerar {name}: {e}"),
        }
    }
}
