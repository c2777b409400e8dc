//! A synthetic portfolio workbook for benchmarks, shared by every bench (`#[path]`).
//!
//! `portfolio_xlsx(n)` writes (once, cached under `target/bench-data/`) a workbook of `n`
//! engagements with every contract sheet: Engagements, Services, Stakeholders, Success
//! Metrics, Tasks (40 per engagement: 80,000 rows for 2,000) and Actions. Values are
//! realistic: half the engagements are in Portuguese (Language `pt-BR`, Portuguese
//! statuses and task names), dates are date cells, statuses and SSAT factors vary. The
//! values come from a fixed-seed generator, so every run writes the same cells.

#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::PathBuf;

/// Tasks per engagement (the portal's phase checklist).
pub const TASKS_PER_ENGAGEMENT: usize = 40;

/// The cached portfolio workbook of `engagements` engagements, written if missing.
pub fn portfolio_xlsx(engagements: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    let path = dir.join(format!("portfolio-{engagements}-v1.xlsx"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("create target/bench-data");
        let tmp = dir.join(format!("portfolio-{engagements}-v1.xlsx.tmp"));
        write_portfolio(engagements)
            .and_then(|mut wb| wb.save(&tmp))
            .expect("write the portfolio workbook");
        std::fs::rename(&tmp, &path).expect("rename the portfolio workbook");
    }
    path
}

/// A small deterministic generator (xorshift), so no `rand` dependency and no seed drift.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CUSTOMERS: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Tailspin Toys",
    "Northwind Traders",
    "Adventure Works",
    "Woodgrove Bank",
    "Litware",
    "Proseware",
    "Wide World Importers",
    "Coho Winery",
    "Banco Aurora",
    "Construtora Ipê",
    "Farmácia São João",
    "Cooperativa Vale Verde",
];
const FMS: &[&str] = &[
    "Ana Souza",
    "Bruno Lima",
    "Carla Mendes",
    "Daniel Park",
    "Emily Clarke",
];
const SERVICES: &[&str] = &[
    "Exchange Online",
    "SharePoint",
    "OneDrive for Business",
    "Microsoft Teams",
    "Microsoft 365 Apps",
    "Windows",
    "Intune",
    "Azure AD Premium",
];
const STATUS_EN: &[&str] = &["Done", "In progress", "Not started", "N/A", ""];
const STATUS_PT: &[&str] = &["Concluído", "Em andamento", "Não iniciado", "N/D", ""];
const TASK_STATUS_EN: &[&str] = &["Not started", "In progress", "Completed", "Blocked", "N/A"];
const TASK_STATUS_PT: &[&str] = &[
    "Não iniciada",
    "Em andamento",
    "Concluída",
    "Bloqueada",
    "N/D",
];
const ROLES: &[&str] = &["Executive Sponsor", "Success Owner", "Champion", "IT Lead"];
const TASKS_EN: &[&str] = &[
    "Identify the executive sponsor",
    "Define business scenarios",
    "Plan awareness campaign",
    "Schedule champion training",
    "Review usage reports",
    "Agree on success metrics",
];
const TASKS_PT: &[&str] = &[
    "Identificar o patrocinador executivo",
    "Definir cenários de negócio",
    "Planejar campanha de conscientização",
    "Agendar treinamento dos campeões",
    "Revisar relatórios de uso",
    "Acordar métricas de sucesso",
];

fn date(days_from_2026: usize) -> ExcelDateTime {
    // Whole days from 2026-01-01 via the serial, so any offset is a valid date.
    ExcelDateTime::from_serial_datetime(46023.0 + days_from_2026 as f64)
        .expect("a serial date in range")
}

fn header(
    ws: &mut Worksheet,
    name: &str,
    columns: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)?;
    }
    Ok(())
}

/// The portfolio workbook, not yet saved.
pub fn write_portfolio(engagements: usize) -> Result<Workbook, XlsxError> {
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let id = |i: usize| format!("ENG-{:05}", i + 1);
    let pt = |i: usize| i % 2 == 1;

    let ws = wb.add_worksheet();
    header(
        ws,
        "Engagements",
        &[
            "Engagement ID",
            "Customer",
            "Tenant Domain",
            "Segment",
            "Licenses",
            "FastTrack Manager",
            "FM Email",
            "Partner",
            "Customer Contact",
            "Contact Email",
            "Kickoff Date",
            "Workshop Date",
            "Language",
            "Check-in Cadence",
            "Next Check-in",
            "Communication Channel",
            "Enterprise Adoption Benefit",
            "Success Vision",
        ],
        &bold,
    )?;
    for i in 0..engagements {
        let r = (i + 1) as u32;
        let customer = format!("{} {}", rng.pick(CUSTOMERS), i + 1);
        let domain = format!("tenant{}.onmicrosoft.com", i + 1);
        ws.write_string(r, 0, id(i))?;
        ws.write_string(r, 1, &customer)?;
        ws.write_string(r, 2, &domain)?;
        ws.write_string(r, 3, rng.pick(&["Enterprise", "SMC", "SMB"]))?;
        ws.write_number(r, 4, (150 + rng.below(50_000)) as f64)?;
        ws.write_string(r, 5, rng.pick(FMS))?;
        ws.write_string(r, 6, "fm@fasttrack.example.com")?;
        ws.write_string(
            r,
            7,
            rng.pick(&["", "Parceiro Digital", "Cloud Partners Ltd"]),
        )?;
        ws.write_string(r, 8, "Maria Oliveira")?;
        ws.write_string(
            r,
            9,
            format!(
                "it@tenant{}.example.com; cio@tenant{}.example.com",
                i + 1,
                i + 1
            ),
        )?;
        let kickoff = rng.below(300);
        ws.write_datetime_with_format(r, 10, date(kickoff), &day)?;
        ws.write_datetime_with_format(r, 11, date(kickoff + 14), &day)?;
        ws.write_string(r, 12, if pt(i) { "pt-BR" } else { "en" })?;
        ws.write_string(
            r,
            13,
            if pt(i) {
                rng.pick(&["semanal", "quinzenal", "mensal"])
            } else {
                rng.pick(&["weekly", "biweekly", "monthly"])
            },
        )?;
        ws.write_datetime_with_format(r, 14, date(kickoff + 28), &day)?;
        ws.write_string(r, 15, "Microsoft Teams")?;
        ws.write_string(
            r,
            16,
            if pt(i) {
                rng.pick(&["sim", "não"])
            } else {
                rng.pick(&["yes", "no"])
            },
        )?;
        ws.write_string(
            r,
            17,
            if pt(i) {
                "Todos os colaboradores colaborando no Teams até o fim do trimestre."
            } else {
                "Every employee collaborating in Teams by the end of the quarter."
            },
        )?;
    }

    let ws = wb.add_worksheet();
    header(
        ws,
        "Services",
        &[
            "Engagement ID",
            "Service",
            "Stakeholders",
            "Scenarios",
            "Awareness",
            "Training",
            "Notes",
        ],
        &bold,
    )?;
    let mut r = 1u32;
    for i in 0..engagements {
        let statuses = if pt(i) { STATUS_PT } else { STATUS_EN };
        for s in 0..5 {
            ws.write_string(r, 0, id(i))?;
            ws.write_string(r, 1, SERVICES[(i + s) % SERVICES.len()])?;
            for c in 2..6 {
                ws.write_string(r, c, rng.pick(statuses))?;
            }
            ws.write_string(
                r,
                6,
                if pt(i) {
                    "Revisar na próxima verificação"
                } else {
                    "Review at next check-in"
                },
            )?;
            r += 1;
        }
    }

    let ws = wb.add_worksheet();
    header(
        ws,
        "Stakeholders",
        &["Engagement ID", "Name", "Role", "Email", "Responsibility"],
        &bold,
    )?;
    let mut r = 1u32;
    for i in 0..engagements {
        for (k, role) in ROLES.iter().enumerate() {
            ws.write_string(r, 0, id(i))?;
            ws.write_string(
                r,
                1,
                format!(
                    "{} {}",
                    rng.pick(&["João", "Ana", "Peter", "Lucía", "Chen"]),
                    k + 1
                ),
            )?;
            ws.write_string(r, 2, *role)?;
            ws.write_string(r, 3, format!("person{k}@tenant{}.example.com", i + 1))?;
            ws.write_string(
                r,
                4,
                if pt(i) {
                    "Patrocinar a adoção"
                } else {
                    "Sponsor adoption"
                },
            )?;
            r += 1;
        }
    }

    let ws = wb.add_worksheet();
    header(
        ws,
        "Success Metrics",
        &[
            "Engagement ID",
            "Service",
            "Scenario",
            "Metric",
            "Baseline",
            "Target",
            "Target Date",
            "Owner",
            "Source",
        ],
        &bold,
    )?;
    let mut r = 1u32;
    for i in 0..engagements {
        for m in 0..3 {
            ws.write_string(r, 0, id(i))?;
            ws.write_string(r, 1, SERVICES[(i + m) % SERVICES.len()])?;
            ws.write_string(
                r,
                2,
                if pt(i) {
                    "Reuniões online"
                } else {
                    "Online meetings"
                },
            )?;
            ws.write_string(
                r,
                3,
                if pt(i) {
                    "Usuários ativos mensais"
                } else {
                    "Monthly active users"
                },
            )?;
            ws.write_number(r, 4, (rng.below(1000)) as f64)?;
            ws.write_number(r, 5, (1000 + rng.below(9000)) as f64)?;
            ws.write_datetime_with_format(r, 6, date(200 + rng.below(300)), &day)?;
            ws.write_string(r, 7, rng.pick(FMS))?;
            ws.write_string(r, 8, "Microsoft 365 usage report")?;
            r += 1;
        }
    }

    let ws = wb.add_worksheet();
    header(
        ws,
        "Tasks",
        &[
            "Engagement ID",
            "Task ID",
            "Task Name",
            "Required",
            "Role",
            "Services",
            "Status",
            "Owner",
            "Due Date",
            "Completed Date",
        ],
        &bold,
    )?;
    let mut r = 1u32;
    for i in 0..engagements {
        let (names, statuses) = if pt(i) {
            (TASKS_PT, TASK_STATUS_PT)
        } else {
            (TASKS_EN, TASK_STATUS_EN)
        };
        for t in 0..TASKS_PER_ENGAGEMENT {
            ws.write_string(r, 0, id(i))?;
            ws.write_number(r, 1, (t + 1) as f64)?;
            ws.write_string(r, 2, names[t % names.len()])?;
            ws.write_string(r, 3, if t % 3 == 0 { "O" } else { "M" })?;
            ws.write_string(r, 4, rng.pick(ROLES))?;
            ws.write_string(r, 5, SERVICES[t % SERVICES.len()])?;
            let status = rng.below(statuses.len());
            ws.write_string(r, 6, statuses[status])?;
            ws.write_string(r, 7, rng.pick(FMS))?;
            let due = rng.below(365);
            ws.write_datetime_with_format(r, 8, date(due), &day)?;
            if status == 2 {
                ws.write_datetime_with_format(r, 9, date(due.saturating_sub(3)), &day)?;
            }
            r += 1;
        }
    }

    let ws = wb.add_worksheet();
    header(
        ws,
        "Actions",
        &["Engagement ID", "Action", "Owner", "Due Date", "Status"],
        &bold,
    )?;
    let mut r = 1u32;
    for i in 0..engagements {
        let statuses = if pt(i) {
            TASK_STATUS_PT
        } else {
            TASK_STATUS_EN
        };
        for a in 0..3 {
            ws.write_string(r, 0, id(i))?;
            ws.write_string(
                r,
                1,
                if pt(i) {
                    format!("Próxima etapa {}", a + 1)
                } else {
                    format!("Next step {}", a + 1)
                },
            )?;
            ws.write_string(r, 2, rng.pick(FMS))?;
            ws.write_datetime_with_format(r, 3, date(rng.below(365)), &day)?;
            ws.write_string(r, 4, rng.pick(statuses))?;
            r += 1;
        }
    }
    Ok(wb)
}
