#!/usr/bin/env python3
"""The peer side of the benchmark: Typst making three PDFs per engagement.

Reads the portfolio workbook once with openpyxl, derives what each document shows
(readiness, gaps, overdue tasks, suggestions: the same facts successkit's view computes),
and compiles typst/plan.typ, typst/checklist.typ and typst/handout.typ per engagement
in-process with one `typst.Compiler` (fonts loaded once), writing
OUT/<engagement id>/{success-plan,success-checklist,workshop-handout}.pdf.

Usage: typst_kit.py WORKBOOK OUT
"""

import datetime as dt
import json
import os
import sys
from collections import defaultdict

import openpyxl
import typst

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.join(HERE, "..", "..", "templates", "fonts")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

STATUS_KEY = {
    "done": "done", "completed": "done", "concluído": "done", "concluída": "done",
    "in progress": "progress", "em andamento": "progress",
    "not started": "todo", "não iniciado": "todo", "não iniciada": "todo",
    "n/a": "na", "n/d": "na", "blocked": "blocked", "bloqueada": "blocked", "": "empty",
}

FACTORS = {
    "en": ["Stakeholders", "Scenarios", "Awareness", "Training"],
    "pt": ["Stakeholders", "Cenários", "Conscientização", "Treinamento"],
}
NEXT_STEP = {  # (factor index, started) -> text
    "en": {
        (0, False): "Name the executive sponsor, the success owner and the champions, and agree their roles and responsibilities.",
        (0, True): "Confirm the remaining stakeholders and how each will be engaged throughout the deployment.",
        (1, False): "Prioritize the business scenarios and define the success criteria for each.",
        (1, True): "Complete the scenarios with a metric, a baseline and a target, backed by the M365 usage reports.",
        (2, False): "Plan the launch communications (e-mails, posters, sites) that tell users the service is available.",
        (2, True): "Finish the communications plan and add it to the project plan with dates and owners.",
        (3, False): "Plan end-user training for the new features and add it to the project plan.",
        (3, True): "Schedule the remaining training for each user group and share the ready-made training material.",
    },
    "pt": {
        (0, False): "Nomear o patrocinador executivo, o responsável pelo sucesso e os campeões, e definir suas funções e responsabilidades.",
        (0, True): "Confirmar as partes interessadas que faltam e como cada uma será envolvida durante toda a implantação.",
        (1, False): "Priorizar os cenários de negócios e definir os critérios de sucesso de cada um.",
        (1, True): "Completar os cenários com métrica, linha de base e meta, apoiados pelos Relatórios de Uso do M365.",
        (2, False): "Planejar as comunicações de lançamento (e-mails, cartazes, sites) que informam os usuários sobre a disponibilidade do serviço.",
        (2, True): "Concluir o plano de comunicação e adicioná-lo ao Plano de Projeto com datas e responsáveis.",
        (3, False): "Planejar o treinamento dos usuários finais sobre os novos recursos e adicioná-lo ao Plano de Projeto.",
        (3, True): "Agendar o treinamento restante de cada grupo de usuários e compartilhar o material de treinamento pronto.",
    },
}
GUIDES = {
    "en": ["Key Stakeholders Guide",
           "Adoption: 4+4 Pre-reqs and Success Factors Guide, Measuring Success Guide",
           "Resource Hub, Productivity Library",
           "Office Quick Start Guide, Microsoft FastTrack portal"],
    "pt": ["Guia dos Principais Stakeholders",
           "Adoção: 4+4 Pré-requisitos e Guia de Fatores de Sucesso, Guia de Medição de Sucesso",
           "Hub de Recursos, Biblioteca de Produtividade",
           "Guia de Início Rápido do Office, Portal do Microsoft FastTrack"],
}
# Complementary services suggested for a service in scope: (en title, en reason, pt title, pt reason).
SUGGEST = {
    "Exchange Online": [("Outlook Mobile", "Secure mobile e-mail for the mailboxes you move.",
                         "Outlook Mobile", "E-mail móvel seguro para as caixas de correio migradas."),
                        ("Azure AD Premium", "Conditional access and self-service password reset.",
                         "Azure AD Premium", "Acesso condicional e redefinição de senha self-service.")],
    "SharePoint": [("SharePoint Online business value workshop", "Turns SharePoint scenarios into measurable business value.",
                    "Workshop de Valor de Negócios do SharePoint Online", "Transforma os cenários do SharePoint em valor de negócios mensurável.")],
    "OneDrive for Business": [("OneDrive Adoption Launch Program", "OneDrive adoption introductions and workshops, with the OneDrive Adoption Resources.",
                               "Programa de Lançamento de Adoção do OneDrive", "Introduções e workshops de adoção do OneDrive, com os Recursos de Adoção do OneDrive."),
                              ("OneDrive business value presentation", "Shows stakeholders the business value of OneDrive.",
                               "Apresentação de Valor de Negócios do OneDrive", "Mostra às partes interessadas o valor de negócios do OneDrive.")],
    "Microsoft Teams": [("Teams business value workshop", "Maps meetings, chat and files to the customer's scenarios.",
                         "Workshop de Valor de Negócios do Teams", "Relaciona reuniões, chat e arquivos aos cenários do cliente.")],
    "Microsoft 365 Apps": [("Desktop App Assurance (DAA) business value discussion", "Office ProPlus / Windows: application compatibility assurance during deployment.",
                            "BVD de Garantia de Aplicativo (DAA)", "Office ProPlus / Windows: garantia de compatibilidade de aplicativos na implantação."),
                           ("Office 365 ProPlus presentation", "Shows what the Microsoft 365 apps bring to each user group.",
                            "Apresentação do Office 365 ProPlus", "Mostra o que os aplicativos do Microsoft 365 trazem a cada grupo de usuários.")],
    "Windows": [("Windows 10 business value discussion", "Security and management benefits of a modern desktop.",
                 "Discussão de Valor de Negócios do Windows 10", "Benefícios de segurança e gestão de um desktop moderno.")],
    "Intune": [("Mobile device management workshop", "Protects company data on personal and corporate devices.",
                "Workshop de Gerenciamento de Dispositivos Móveis", "Protege os dados da empresa em dispositivos pessoais e corporativos.")],
    "Azure AD Premium": [("Identity and access discussion", "Single sign-on and conditional access for every app.",
                          "Discussão sobre Identidade e Acesso", "Logon único e acesso condicional para todos os aplicativos.")],
}


def fmt_date(v, lang):
    if not isinstance(v, (dt.date, dt.datetime)):
        return "" if v is None else str(v)
    if lang == "pt":
        return f"{v.day:02}/{v.month:02}/{v.year}"
    return f"{MONTHS[v.month - 1]} {v.day}, {v.year}"


def fmt_int(v, lang):
    s = f"{int(v):,}"
    return s.replace(",", ".") if lang == "pt" else s


def text(v):
    return "" if v is None else str(v)


def status(v):
    s = text(v).strip()
    return {"key": STATUS_KEY.get(s.lower(), "empty"), "text": s}


def percent(score):
    return "—" if score is None else f"{round(score * 100)}%"


def rows(ws):
    it = ws.iter_rows(values_only=True)
    head = [text(h) for h in next(it)]
    for r in it:
        if r and r[0] is not None:
            yield dict(zip(head, r))


def read(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    by = {name: defaultdict(list) for name in
          ["Services", "Stakeholders", "Success Metrics", "Tasks", "Actions"]}
    for name, groups in by.items():
        for r in rows(wb[name]):
            groups[r["Engagement ID"]].append(r)
    engagements = list(rows(wb["Engagements"]))
    wb.close()
    return engagements, by


def view(e, by, today):
    eid = e["Engagement ID"]
    lang = "pt" if text(e["Language"]).lower().startswith("pt") else "en"
    pt = lang == "pt"
    services, gap_groups, scores = [], [], []
    done_factor = [False] * 4
    for s in by["Services"][eid]:
        st = [status(s[k]) for k in ["Stakeholders", "Scenarios", "Awareness", "Training"]]
        weights = {"done": 1.0, "progress": 0.5, "todo": 0.0, "empty": 0.0, "blocked": 0.0}
        counted = [weights[x["key"]] for x in st if x["key"] in weights]
        score = sum(counted) / len(counted) if counted else None
        if score is not None:
            scores.append(score)
        for i, x in enumerate(st):
            done_factor[i] |= x["key"] == "done"
        services.append({"name": text(s["Service"]), "statuses": st, "readiness": percent(score),
                         "notes": text(s["Notes"])})
        gaps = [{"factor": FACTORS[lang][i], "status": x["text"],
                 "next_step": NEXT_STEP[lang][(i, x["key"] == "progress")],
                 "guides": GUIDES[lang][i]}
                for i, x in enumerate(st) if x["key"] in ("todo", "progress")]
        if gaps:
            gap_groups.append({"service": text(s["Service"]), "gaps": gaps})
    names = [x["name"] for x in services]
    suggestions = [{"title": g[2] if pt else g[0], "reason": g[3] if pt else g[1], "because": n}
                   for n in names for g in SUGGEST.get(n, [])]
    metrics = [{"scenario": f"{text(m['Service'])}: {text(m['Scenario'])}",
                "short": text(m["Scenario"]), "metric": text(m["Metric"]),
                "baseline": fmt_int(m["Baseline"], lang), "target": fmt_int(m["Target"], lang),
                "date": fmt_date(m["Target Date"], lang), "owner": text(m["Owner"]),
                "source": text(m["Source"])} for m in by["Success Metrics"][eid]]
    tasks, overdue_tasks, mandatory_open = [], 0, 0
    for k in by["Tasks"][eid]:
        st = status(k["Status"])
        due = k["Due Date"]
        is_open = st["key"] not in ("done", "na")
        late = is_open and isinstance(due, dt.datetime) and due.date() < today
        overdue_tasks += late
        mandatory_open += is_open and text(k["Required"]) == "M"
        tasks.append({"id": text(k["Task ID"]), "name": text(k["Task Name"]), "mo": text(k["Required"]),
                      "role": text(k["Role"]), "services": text(k["Services"]), "status": st,
                      "owner": text(k["Owner"]), "due": fmt_date(due, lang), "overdue": late})
    actions, overdue_actions = [], 0
    for a in by["Actions"][eid]:
        st = status(a["Status"])
        late = st["key"] not in ("done", "na") and isinstance(a["Due Date"], dt.datetime) \
            and a["Due Date"].date() < today
        overdue_actions += late
        actions.append({"action": text(a["Action"]), "owner": text(a["Owner"]),
                        "due": fmt_date(a["Due Date"], lang), "status": st, "overdue": late})
    stakeholders = [{"name": text(s["Name"]), "role": text(s["Role"]), "email": text(s["Email"]),
                     "responsibility": text(s["Responsibility"])} for s in by["Stakeholders"][eid]]
    licenses = int(e["Licenses"] or 0)
    enhanced = text(e["Segment"]) == "Enterprise" and licenses > 20000
    vision = text(e["Success Vision"])
    outcomes = [bool(vision), True, bool(actions), bool(services), bool(services), bool(metrics),
                False, False, bool(actions), False, bool(services), bool(vision), enhanced]
    items = [bool(stakeholders), done_factor[1], bool(metrics), done_factor[2], done_factor[3],
             bool(metrics), False, False]
    return {
        "lang": lang, "id": eid, "customer": text(e["Customer"]), "tenant": text(e["Tenant Domain"]),
        "fm": text(e["FastTrack Manager"]), "fm_email": text(e["FM Email"]),
        "partner": text(e["Partner"]) or "—",
        "contact": f"{text(e['Customer Contact'])} ({text(e['Contact Email'])})",
        "segment": text(e["Segment"]), "licenses": fmt_int(licenses, lang),
        "kickoff": fmt_date(e["Kickoff Date"], lang), "workshop": fmt_date(e["Workshop Date"], lang),
        "as_of": fmt_date(today, lang), "vision": vision,
        "cadence": text(e["Check-in Cadence"]), "channel": text(e["Communication Channel"]),
        "next_checkin": fmt_date(e["Next Check-in"], lang),
        "stakeholders": stakeholders, "services": services, "gap_groups": gap_groups,
        "readiness": percent(sum(scores) / len(scores) if scores else None),
        "metrics": metrics, "suggestions": suggestions, "tasks": tasks,
        "overdue_tasks": overdue_tasks, "mandatory_open": mandatory_open,
        "actions": actions, "overdue_actions": overdue_actions, "enhanced": enhanced,
        "outcomes": outcomes, "items": items,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    workbook, out = sys.argv[1], sys.argv[2]
    engagements, by = read(workbook)
    today = dt.date.today()
    tdir = os.path.join(HERE, "typst")
    compiler = typst.Compiler(root=tdir, font_paths=[FONTS], ignore_system_fonts=True)
    docs = [(os.path.join(tdir, f"{t}.typ"), f"{name}.pdf") for t, name in
            [("plan", "success-plan"), ("checklist", "success-checklist"), ("handout", "workshop-handout")]]
    for e in engagements:
        data = json.dumps(view(e, by, today), ensure_ascii=False)
        folder = os.path.join(out, e["Engagement ID"])
        os.makedirs(folder, exist_ok=True)
        for src, name in docs:
            compiler.compile(input=src, output=os.path.join(folder, name), sys_inputs={"data": data})


if __name__ == "__main__":
    main()
