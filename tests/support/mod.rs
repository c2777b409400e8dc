//! Sample documents built directly in the IR (every block kind, English and Portuguese),
//! shared by the PDF tests and the benchmark.
#![allow(dead_code)]

use successkit::document::{
    Align, Block, CalloutKind, Chart, Check, Document, Inline, Layout, ListItem, Meta, Style,
    Table, Tone,
};
use successkit::model::Lang;

pub fn t(s: &str) -> Inline {
    Inline::text(s)
}

pub fn styled(s: &str, bold: bool, italic: bool, code: bool) -> Inline {
    Inline::Span {
        text: s.to_string(),
        style: Style { bold, italic, code },
        link: None,
        tone: None,
    }
}

pub fn b(s: &str) -> Inline {
    styled(s, true, false, false)
}

pub fn link(s: &str, url: &str) -> Inline {
    Inline::Span {
        text: s.to_string(),
        style: Style::default(),
        link: Some(url.to_string()),
        tone: None,
    }
}

pub fn tone(s: &str, tone: Tone) -> Inline {
    Inline::Span {
        text: s.to_string(),
        style: Style::default(),
        link: None,
        tone: Some(tone),
    }
}

pub fn p(inl: Vec<Inline>) -> Block {
    Block::Paragraph(inl)
}

pub fn h(level: u8, s: &str) -> Block {
    Block::Heading {
        level,
        classes: Vec::new(),
        content: vec![t(s)],
    }
}

pub fn subtitle(s: &str) -> Block {
    Block::Heading {
        level: 1,
        classes: vec!["subtitle".to_string()],
        content: vec![t(s)],
    }
}

pub fn item(blocks: Vec<Block>) -> ListItem {
    ListItem {
        check: None,
        blocks,
    }
}

pub fn task(check: Check, s: &str) -> ListItem {
    ListItem {
        check: Some(check),
        blocks: vec![p(vec![t(s)])],
    }
}

pub fn cells(row: &[&str]) -> Vec<Vec<Inline>> {
    row.iter()
        .map(|c| if c.is_empty() { Vec::new() } else { vec![t(c)] })
        .collect()
}

fn pick<'a>(lang: Lang, en: &'a str, pt: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::PtBr => pt,
    }
}

pub fn meta(lang: Lang, title: &str, layout: Layout) -> Meta {
    Meta {
        title: title.to_string(),
        author: "Cecília Romão".to_string(),
        subject: format!("{title}: Grupo Itaú Têxtil Ltda."),
        customer: "Grupo Itaú Têxtil Ltda.".to_string(),
        keywords: vec!["FastTrack".to_string(), "SSAT".to_string()],
        lang,
        footer: title.to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 7, 12),
        layout,
    }
}

const SERVICES: [&str; 6] = [
    "Microsoft 365 Apps",
    "OneDrive for Business",
    "Intune",
    "Microsoft Teams",
    "Windows",
    "Viva Engage",
];

/// A Success Plan using every block kind.
pub fn plan(lang: Lang) -> Document {
    let l = |en, pt| pick(lang, en, pt);
    let status = |i: usize| -> Inline {
        match i % 4 {
            0 => tone(l("Done", "Concluído"), Tone::Good),
            1 => tone(l("In progress", "Em andamento"), Tone::Warn),
            2 => tone(l("Not started", "Não iniciado"), Tone::Bad),
            _ => tone("N/A", Tone::Muted),
        }
    };
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            classes: Vec::new(),
            content: vec![t(l("Success Plan", "Plano de Sucesso"))],
        },
        subtitle("Grupo Itaú Têxtil Ltda."),
        Block::Table(Table {
            widths: Some(vec![1.0, 2.0]),
            row_headers: false,
            align: vec![Align::Left, Align::Left],
            header: vec![vec![t(l("Field", "Campo"))], vec![t(l("Value", "Valor"))]],
            rows: vec![
                cells(&[l("Customer", "Cliente"), "Grupo Itaú Têxtil Ltda."]),
                cells(&[l("FastTrack Manager", "Gerente FastTrack"), "Cecília Romão (cecilia.romao@fasttrack.example.com)"]),
                cells(&[l("Workshop date", "Data do workshop"), l("July 12, 2024", "12/07/2024")]),
                cells(&[l("Phase", "Fase"), l("Assess", "Avaliar")]),
            ],
        }),
        h(2, l("Success vision", "Visão de Sucesso")),
        p(vec![
            t(l(
                "Grupo Itaú Têxtil wants to transform collaboration between the Vitória and Maceió units, reducing travel and speeding up decisions. The initiative ",
                "Grupo Itaú Têxtil Ltda. quer transformar a colaboração entre as unidades de Vitória e Maceió, reduzindo deslocamentos e acelerando a tomada de decisão. A iniciativa ",
            )),
            b(l("prioritises information security", "prioriza a segurança da informação")),
            t(l(", with ", ", com ")),
            styled(l("multi-factor authentication", "autenticação multifator"), false, true, false),
            t(l(
                " and managed devices; the organisation expects to cut e-mail volume by 40% by replacing it with channels and online meetings. See the ",
                " e dispositivos gerenciados; a organização espera reduzir em 40% o volume de e-mails, substituindo-os por conversas em canais e reuniões on-line. Veja o ",
            )),
            link(l("FastTrack portal", "portal FastTrack"), "https://www.microsoft.com/fasttrack"),
            t(l(" and run ", " e execute ")),
            styled("Get-MgUser -All", false, false, true),
            t(l(" for the inventory. Ação, coração, Êxito, çà.", " para o inventário. Ação, coração, Êxito, à.")),
        ]),
        Block::Callout {
            kind: CalloutKind::Note,
            blocks: vec![p(vec![t(l(
                "The success vision is written with the customer during the workshop.",
                "A visão de sucesso é escrita com o cliente durante o workshop.",
            ))])],
        },
        h(2, l("Stakeholders", "Partes interessadas")),
        Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![Align::Left; 4],
            header: cells(&[l("Name", "Nome"), l("Role", "Função"), "E-mail", l("Responsibility", "Responsabilidade")]),
            rows: vec![
                cells(&["Vinícius Conceição", l("Executive Sponsor", "Patrocinador Executivo"), "vinicius.conceicao@itautextil.onmicrosoft.com", l("Approves budget and promotes the vision to the board.", "Aprova o orçamento e promove a visão de sucesso junto à diretoria.")]),
                cells(&["José Gusmão", l("Success Owner", "Responsável pelo Sucesso"), "jose.gusmao@itautextil.onmicrosoft.com", l("Coordinates the plan and tracks metrics.", "Coordena o plano, acompanha as métricas e remove impedimentos.")]),
                cells(&["Simão Magalhães", l("Adoption Champion", "Campeão de Adoção"), "simao.magalhaes@itautextil.onmicrosoft.com", l("Spreads good practice in the business areas.", "Dissemina boas práticas e apoia os usuários nas áreas de negócio.")]),
            ],
        }),
        Block::Callout {
            kind: CalloutKind::Warning,
            blocks: vec![p(vec![t(l(
                "No Success Owner for Intune yet: name one before the next check-in.",
                "Ainda não há Responsável pelo Sucesso para o Intune: nomeie um antes da próxima verificação.",
            ))])],
        },
        h(2, l("Success factors (SSAT)", "Fatores de sucesso (SSAT)")),
        p(vec![t(l(
            "Status of each service for the four success factors.",
            "Situação de cada serviço em relação aos quatro fatores de sucesso.",
        ))]),
    ];
    let mut ssat_rows = Vec::new();
    for (i, s) in SERVICES.iter().enumerate() {
        ssat_rows.push(vec![
            vec![t(s)],
            vec![status(i)],
            vec![status(i + 1)],
            vec![status(i + 2)],
            vec![status(i + 3)],
            vec![t(&format!("{}%", 25 * (i % 5)))],
        ]);
    }
    blocks.push(Block::Table(Table {
        widths: Some(vec![3.0, 2.0, 2.0, 2.0, 2.0, 1.3]),
        row_headers: false,
        align: vec![
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
        ],
        header: cells(&[
            l("Service", "Serviço"),
            "Stakeholders",
            l("Scenarios", "Cenários"),
            l("Awareness", "Conscientização"),
            l("Training", "Treinamento"),
            l("Ready", "Pronto"),
        ]),
        rows: ssat_rows,
    }));
    blocks.push(Block::Chart(Chart {
        title: l("Readiness by service", "Prontidão por serviço").to_string(),
        bars: SERVICES
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_string(), 0.25 * (i % 5) as f32))
            .collect(),
    }));
    blocks.push(h(3, l("Gaps and next steps", "Lacunas e próximos passos")));
    blocks.push(Block::List {
        start: None,
        items: vec![
            item(vec![
                p(vec![
                    b("Intune"),
                    t(l(
                        ": name stakeholders and ",
                        ": identificar stakeholders e ",
                    )),
                    tone(l("in progress", "em andamento"), Tone::Warn),
                ]),
                Block::List {
                    start: None,
                    items: vec![
                        item(vec![p(vec![
                            t(l("Guide: ", "Guia: ")),
                            link(
                                "aka.ms/success-workshop-decks-all",
                                "https://aka.ms/success-workshop-decks-all",
                            ),
                        ])]),
                        item(vec![p(vec![t(l(
                            "Deadline before the pilot.",
                            "Prazo antes do piloto.",
                        ))])]),
                    ],
                },
            ]),
            item(vec![p(vec![
                b("Windows"),
                t(l(
                    ": awareness campaign not started.",
                    ": campanha de conscientização não iniciada.",
                )),
            ])]),
        ],
    });
    blocks.push(h(4, l("Priorities", "Prioridades")));
    blocks.push(Block::List {
        start: Some(1),
        items: vec![
            item(vec![p(vec![t(l(
                "Prioritise scenarios per business unit.",
                "Priorizar cenários por unidade de negócio.",
            ))])]),
            item(vec![p(vec![t(l(
                "Define success criteria and baselines.",
                "Definir critérios de sucesso e linhas de base.",
            ))])]),
            item(vec![p(vec![t(l(
                "Set up the usage reports.",
                "Configurar os relatórios de uso.",
            ))])]),
        ],
    });
    blocks.push(h(2, l("Key outcomes", "Principais resultados")));
    blocks.push(Block::List {
        start: None,
        items: vec![
            task(
                Check::Done,
                l("Stakeholders identified", "Stakeholders identificados"),
            ),
            task(
                Check::Open,
                l("Scenarios prioritised", "Cenários priorizados"),
            ),
            task(
                Check::NotApplicable,
                l("Enhanced adoption services", "Serviços de adoção avançados"),
            ),
        ],
    });
    blocks.push(p(vec![
        Inline::Check(Check::Done),
        t(l(" Communications plan ", " Plano de comunicação ")),
        Inline::Check(Check::Open),
        t(l(" Training plan ", " Plano de treinamento ")),
        Inline::Check(Check::NotApplicable),
        t(l(" Project plan", " Plano do projeto")),
        Inline::LineBreak,
        t(l(
            "Next check-in: August 11, 2024",
            "Próxima verificação: 11/08/2024",
        )),
    ]));
    blocks.push(Block::Quote(vec![p(vec![t(l(
        "\"Adoption is a journey, not a go-live date.\"",
        "\"A adoção é uma jornada, não uma data de entrada em produção.\"",
    ))])]));
    blocks.push(Block::Code("Connect-MgGraph -Scopes \"Reports.Read.All\"\n    Get-MgReportTeamsUserActivityUserDetail -Period D30".to_string()));
    blocks.push(Block::Callout {
        kind: CalloutKind::Tip,
        blocks: vec![p(vec![t(l(
            "Share the quick-start guide with every champion.",
            "Compartilhe o guia de início rápido com cada campeão.",
        ))])],
    });
    blocks.push(Block::Callout { kind: CalloutKind::Important, blocks: vec![p(vec![t(l("Enterprise customers with more than 20,000 licenses qualify for enhanced adoption services.", "Clientes Enterprise com mais de 20.000 licenças se qualificam para serviços de adoção avançados."))])] });
    blocks.push(Block::Callout {
        kind: CalloutKind::Caution,
        blocks: vec![p(vec![t(l(
            "Two mandatory tasks are overdue.",
            "Duas tarefas obrigatórias estão atrasadas.",
        ))])],
    });
    blocks.push(Block::Rule);
    blocks.push(p(vec![t(l("Resources: ", "Recursos: ")), link("https://fasttrack.microsoft.com/microsoft365/resourcehub/success-plan-checklist-and-templates", "https://fasttrack.microsoft.com/microsoft365/resourcehub/success-plan-checklist-and-templates")]));
    blocks.push(Block::Image {
        src: "logo.png".to_string(),
        alt: l("Company logo", "Logotipo da empresa").to_string(),
    });
    blocks.push(Block::PageBreak);
    blocks.push(h(2, l("Portal tasks", "Tarefas do portal")));
    let mut rows = Vec::new();
    for i in 0..48 {
        let id = ["3734", "3278", "3718", "3737", "3738", "2536"][i % 6];
        rows.push(vec![
            vec![t(id)],
            vec![t(l(
                "Workshop to Drive Success: prepare and run the session",
                "Workshop para Impulsionar o Sucesso: preparar e conduzir a sessão",
            ))],
            vec![t(if i % 3 == 0 {
                l("Mandatory", "Obrigatória")
            } else {
                l("Optional", "Opcional")
            })],
            vec![t(SERVICES[i % 6])],
            vec![if i % 5 == 0 {
                tone(l("Overdue", "Atrasada"), Tone::Bad)
            } else {
                tone(l("Open", "Aberta"), Tone::Info)
            }],
            vec![t(&format!("{:02}/08/2024", 1 + i % 28))],
        ]);
    }
    blocks.push(Block::Table(Table {
        widths: None,
        row_headers: false,
        align: vec![
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Center,
            Align::Left,
        ],
        header: cells(&[
            "ID",
            l("Task", "Tarefa"),
            l("Type", "Tipo"),
            l("Service", "Serviço"),
            "Status",
            l("Due", "Prazo"),
        ]),
        rows,
    }));
    blocks.push(Block::PageBreak);
    blocks.push(Block::PageBreak);
    Document {
        meta: meta(lang, l("Success Plan", "Plano de Sucesso"), Layout::Flow),
        blocks,
    }
}

/// A workshop handout: title block, then slides (one too full for its frame).
pub fn handout(lang: Lang) -> Document {
    let l = |en, pt| pick(lang, en, pt);
    let bullets = |xs: &[&str]| Block::List {
        start: None,
        items: xs.iter().map(|x| item(vec![p(vec![t(x)])])).collect(),
    };
    let slide = |title: &str, body: Vec<Block>| {
        let mut v = vec![h(2, title)];
        v.extend(body);
        Block::Slide(v)
    };
    let mut blocks = vec![
        h(1, l("Success Workshop", "Workshop de Sucesso")),
        subtitle("Grupo Itaú Têxtil Ltda."),
        p(vec![t(l(
            "Participant handout · July 12, 2024 · FastTrack Manager: Cecília Romão",
            "Material de apoio do participante · 12/07/2024 · Gerente FastTrack: Cecília Romão",
        ))]),
        slide(
            l(
                "Success Workshop: Grupo Itaú Têxtil Ltda.",
                "Workshop de Sucesso: Grupo Itaú Têxtil Ltda.",
            ),
            vec![bullets(&[
                l("Date: July 12, 2024", "Data: 12/07/2024"),
                l(
                    "FastTrack Manager: Cecília Romão",
                    "Gerente FastTrack: Cecília Romão",
                ),
                l(
                    "Goal: align the success vision and the adoption plan",
                    "Objetivo: alinhar a visão de sucesso e o plano de adoção",
                ),
            ])],
        ),
        slide(
            l("Agenda", "Agenda"),
            vec![Block::List {
                start: Some(1),
                items: [
                    l("Adoption approach", "Abordagem de adoção"),
                    l("Your services", "Seus serviços"),
                    l("Success factors", "Fatores de sucesso"),
                    l("Next steps", "Próximos passos"),
                ]
                .iter()
                .map(|x| item(vec![p(vec![t(x)])]))
                .collect(),
            }],
        ),
        slide(
            l("Success factors (SSAT)", "Fatores de sucesso (SSAT)"),
            vec![bullets(&[
                l(
                    "Stakeholders: who sponsors and drives the change",
                    "Stakeholders: quem patrocina e conduz a mudança",
                ),
                l(
                    "Scenarios: how work changes day to day",
                    "Cenários: como o trabalho muda no dia a dia",
                ),
                l(
                    "Awareness: how users learn about it",
                    "Conscientização: como os usuários ficam sabendo",
                ),
                l(
                    "Training: how each profile learns",
                    "Treinamento: como cada perfil aprende",
                ),
            ])],
        ),
        slide(
            l("Your services", "Seus serviços"),
            vec![Block::Table(Table {
                widths: None,
                row_headers: false,
                align: vec![Align::Left; 3],
                header: cells(&[l("Service", "Serviço"), "SSAT", l("Ready", "Pronto")]),
                rows: SERVICES
                    .iter()
                    .take(4)
                    .enumerate()
                    .map(|(i, s)| {
                        vec![
                            vec![t(s)],
                            vec![tone(
                                if i % 2 == 0 {
                                    l("Done", "Concluído")
                                } else {
                                    l("In progress", "Em andamento")
                                },
                                if i % 2 == 0 { Tone::Good } else { Tone::Warn },
                            )],
                            vec![t(&format!("{}%", 25 * i))],
                        ]
                    })
                    .collect(),
            })],
        ),
    ];
    let long: Vec<String> = (1..=30)
        .map(|i| {
            format!(
                "{} {i}: {}",
                l("Point", "Ponto"),
                l(
                    "a long bullet that will not fit in the frame at any size",
                    "um item longo que não cabe no quadro em nenhum tamanho"
                )
            )
        })
        .collect();
    let long_refs: Vec<&str> = long.iter().map(String::as_str).collect();
    blocks.push(slide(
        l("Too much text", "Texto demais"),
        vec![bullets(&long_refs)],
    ));
    blocks.push(slide(
        l("Resources", "Recursos"),
        vec![
            bullets(&[
                l("FastTrack portal", "Portal FastTrack"),
                l("Productivity library", "Biblioteca de produtividade"),
            ]),
            p(vec![link(
                "aka.ms/success-workshop-decks-all",
                "https://aka.ms/success-workshop-decks-all",
            )]),
        ],
    ));
    blocks.push(slide(
        l("Next steps", "Próximos passos"),
        vec![Block::List {
            start: None,
            items: vec![
                task(
                    Check::Done,
                    l("Stakeholders named", "Stakeholders nomeados"),
                ),
                task(Check::Open, l("Training plan", "Plano de treinamento")),
            ],
        }],
    ));
    Document {
        meta: meta(
            lang,
            l("Success Workshop", "Workshop de Sucesso"),
            Layout::Handout,
        ),
        blocks,
    }
}

/// The benchmark document: about five pages, four tables with 120 rows in all.
pub fn bench_doc() -> Document {
    let mut blocks = vec![
        h(1, "Plano de Sucesso"),
        subtitle("Grupo Itaú Têxtil Ltda."),
    ];
    for (k, n) in [20usize, 30, 30, 40].into_iter().enumerate() {
        blocks.push(h(2, &format!("Seção {} — situação dos serviços", k + 1)));
        for _ in 0..3 {
            blocks.push(p(vec![t("O processo Realizar Workshop de Sucesso do Cliente ocorre com base nas conclusões e resultados da Chamada de Abertura do Cliente. O Gerente FastTrack agenda e realiza um Workshop de Sucesso com o cliente e com os stakeholders para resolver lacunas de conhecimento, entender as necessidades técnicas e os objetivos de negócios, e apresentar a proposta de valor do M365.")]));
        }
        let rows = (0..n)
            .map(|i| {
                vec![
                    vec![t(&format!("{}", 3700 + i))],
                    vec![t(SERVICES[i % 6])],
                    vec![tone(
                        if i % 3 == 0 {
                            "Concluído"
                        } else {
                            "Em andamento"
                        },
                        if i % 3 == 0 { Tone::Good } else { Tone::Warn },
                    )],
                    vec![t(
                        "Campanha de conscientização prevista para o próximo trimestre.",
                    )],
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![Align::Right, Align::Left, Align::Left, Align::Left],
            header: cells(&["ID", "Serviço", "Situação", "Observações"]),
            rows,
        }));
    }
    Document {
        meta: meta(Lang::PtBr, "Plano de Sucesso", Layout::Flow),
        blocks,
    }
}

/// The text of one part of a DOCX, e.g. `word/document.xml` (empty when it is missing).
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut s = String::new();
    if let Ok(mut part) = zip.by_name(name) {
        std::io::Read::read_to_string(&mut part, &mut s).expect("UTF-8 XML");
    }
    s
}

/// Converts `files` to PDF with LibreOffice headless into `out`, each as its name with
/// `.pdf`; the LibreOffice profile is kept in `out` too, so runs do not share one.
pub fn soffice_pdf(out: &std::path::Path, files: &[std::path::PathBuf]) {
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice could not convert {files:?}");
}
