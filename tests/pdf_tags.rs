//! Tagged PDF (PDF/UA-1) and PDF/A-2b: the structure tree, marked content, link
//! annotations, XMP metadata and output intent of every kind of document, read back with
//! lopdf, `pdfinfo` and `qpdf`.

mod support;

use lopdf::{Dictionary, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::model::Lang;
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::Theme;

/// One structure element as read back.
#[derive(Debug, Default)]
struct Elem {
    role: String,
    kids: Vec<Elem>,
    /// Marked content: (page object, MCID).
    mcids: Vec<(ObjectId, i64)>,
    /// Annotations tied to the element (`OBJR`).
    objs: Vec<ObjectId>,
    alt: Option<String>,
    actual: Option<String>,
    scope: Option<String>,
    numbering: Option<String>,
}

impl Elem {
    fn walk<'a>(&'a self, out: &mut Vec<&'a Elem>) {
        out.push(self);
        for k in &self.kids {
            k.walk(out);
        }
    }

    fn all(&self) -> Vec<&Elem> {
        let mut v = Vec::new();
        self.walk(&mut v);
        v
    }

    fn roles(&self) -> Vec<&str> {
        self.kids.iter().map(|k| k.role.as_str()).collect()
    }

    /// Every MCID in this element and its descendants, in order.
    fn content(&self, out: &mut Vec<(ObjectId, i64)>) {
        out.extend(self.mcids.iter().copied());
        for k in &self.kids {
            k.content(out);
        }
    }
}

fn text(o: &Object) -> String {
    match o {
        Object::String(b, _) => {
            if b.starts_with(&[0xFE, 0xFF]) {
                let units: Vec<u16> = b[2..]
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect();
                String::from_utf16_lossy(&units)
            } else {
                String::from_utf8_lossy(b).into_owned()
            }
        }
        _ => String::new(),
    }
}

fn deref<'a>(pdf: &'a lopdf::Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => pdf.get_object(*id).expect("reference resolves"),
        other => other,
    }
}

fn read_elem(
    pdf: &lopdf::Document,
    id: ObjectId,
    parent: ObjectId,
    ids: &mut BTreeMap<ObjectId, usize>,
) -> Elem {
    let d = pdf.get_dictionary(id).expect("element");
    assert_eq!(
        d.get(b"Type").and_then(|t| t.as_name()).ok(),
        Some(&b"StructElem"[..])
    );
    assert_eq!(
        d.get(b"P").and_then(|p| p.as_reference()).ok(),
        Some(parent),
        "the parent of {id:?}"
    );
    *ids.entry(id).or_default() += 1;
    let mut e = Elem {
        role: String::from_utf8_lossy(d.get(b"S").and_then(|s| s.as_name()).expect("S"))
            .into_owned(),
        alt: d.get(b"Alt").ok().map(text),
        actual: d.get(b"ActualText").ok().map(text),
        ..Elem::default()
    };
    if let Ok(a) = d.get(b"A").and_then(|a| a.as_dict()) {
        e.scope = a
            .get(b"Scope")
            .and_then(|s| s.as_name())
            .ok()
            .map(|s| String::from_utf8_lossy(s).into_owned());
        e.numbering = a
            .get(b"ListNumbering")
            .and_then(|s| s.as_name())
            .ok()
            .map(|s| String::from_utf8_lossy(s).into_owned());
    }
    let pg = d.get(b"Pg").and_then(|p| p.as_reference()).ok();
    let kids: Vec<Object> = match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match k {
            Object::Integer(n) => e.mcids.push((pg.expect("Pg for an MCID"), n)),
            Object::Reference(r) => e.kids.push(read_elem(pdf, r, id, ids)),
            Object::Dictionary(kd) => {
                let page = kd.get(b"Pg").and_then(|p| p.as_reference()).ok().or(pg);
                match kd.get(b"Type").and_then(|t| t.as_name()).ok() {
                    Some(b"MCR") => e.mcids.push((
                        page.expect("Pg"),
                        kd.get(b"MCID").and_then(|m| m.as_i64()).expect("MCID"),
                    )),
                    Some(b"OBJR") => {
                        e.objs
                            .push(kd.get(b"Obj").and_then(|o| o.as_reference()).expect("Obj"));
                    }
                    other => panic!("unexpected kid {other:?}"),
                }
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    e
}

/// The structure tree: the `Document` element under `/StructTreeRoot`.
fn tree(pdf: &lopdf::Document) -> Elem {
    let cat = pdf.catalog().expect("catalog");
    let root_id = cat
        .get(b"StructTreeRoot")
        .and_then(|r| r.as_reference())
        .expect("a structure tree");
    let root = pdf.get_dictionary(root_id).expect("root");
    let doc = root
        .get(b"K")
        .and_then(|k| k.as_reference())
        .expect("one Document element");
    let mut ids = BTreeMap::new();
    let e = read_elem(pdf, doc, root_id, &mut ids);
    assert!(ids.values().all(|n| *n == 1), "an element in two places");
    assert_eq!(e.role, "Document");
    e
}

/// The parent tree's entries: key → value.
fn parent_tree(pdf: &lopdf::Document) -> BTreeMap<i64, Object> {
    let cat = pdf.catalog().expect("catalog");
    let root = pdf
        .get_dictionary(
            cat.get(b"StructTreeRoot")
                .and_then(|r| r.as_reference())
                .expect("root"),
        )
        .expect("root");
    let pt = deref(pdf, root.get(b"ParentTree").expect("ParentTree"))
        .as_dict()
        .expect("dict");
    let nums = pt.get(b"Nums").and_then(|n| n.as_array()).expect("Nums");
    nums.chunks(2)
        .map(|kv| (kv[0].as_i64().expect("key"), kv[1].clone()))
        .collect()
}

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The kits of the two shipped samples and the portfolio report, as `build` writes them.
struct Built {
    _dir: tempfile::TempDir,
    files: Vec<PathBuf>,
}

impl Built {
    fn find(&self, folder_part: &str, name: &str) -> &Path {
        self.files
            .iter()
            .find(|p| {
                p.file_name().is_some_and(|n| n == name)
                    && p.to_string_lossy().contains(folder_part)
            })
            .unwrap_or_else(|| panic!("{folder_part}/{name} in {:?}", self.files))
    }
}

fn build(inputs: &[&str], extra: &[&str]) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_successkit"));
    cmd.arg("build");
    for i in inputs {
        cmd.arg(root.join(i));
    }
    let status = cmd
        .arg("-o")
        .arg(dir.path())
        .args(["--as-of", "2024-08-01", "-q"])
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .status()
        .expect("successkit runs");
    assert!(status.code().is_some_and(|c| c <= 1), "build failed");
    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "pdf") {
                files.push(p);
            }
        }
    }
    files.sort();
    Built { _dir: dir, files }
}

fn samples() -> Built {
    build(
        &[
            "fixtures/sample/contoso.xlsx",
            "fixtures/sample/itau-textil.xlsx",
        ],
        &["--no-report"],
    )
}

fn load(path: &Path) -> lopdf::Document {
    lopdf::Document::load(path).expect("lopdf loads the file")
}

/// Checks every page's content: each text-showing operator inside marked content, every
/// MCID once, each tied back to the element that claims it. Returns the number of text
/// operators seen.
fn check_marked_content(pdf: &lopdf::Document, t: &Elem, what: &str) -> usize {
    let pt = parent_tree(pdf);
    let mut claimed: BTreeSet<(ObjectId, i64)> = BTreeSet::new();
    let mut all = Vec::new();
    t.content(&mut all);
    for m in &all {
        assert!(claimed.insert(*m), "{what}: MCID {m:?} claimed twice");
    }
    let mut shown = 0;
    let mut seen = BTreeSet::new();
    for (n, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).expect("page");
        let key = page
            .get(b"StructParents")
            .and_then(|k| k.as_i64())
            .expect("StructParents");
        let entries = pt
            .get(&key)
            .and_then(|o| deref(pdf, o).as_array().ok())
            .cloned()
            .unwrap_or_default();
        let content = pdf.get_page_content(page_id);
        let ops = lopdf::content::Content::decode(&content)
            .expect("content parses")
            .operations;
        let mut depth: Vec<Option<i64>> = Vec::new();
        let mut in_artifact = 0;
        for op in ops {
            match op.operator.as_str() {
                "BDC" => {
                    let tag = op.operands[0].as_name().expect("tag");
                    let mcid = op.operands[1]
                        .as_dict()
                        .ok()
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    let actual_text = op.operands[1]
                        .as_dict()
                        .is_ok_and(|d| d.has(b"ActualText") || d.has(b"Lang"));
                    if tag == b"Artifact" {
                        in_artifact += 1;
                    } else if tag == b"Span" && actual_text && mcid.is_none() {
                        // A run's text given whole (a Thai cluster) or its language (a
                        // name in Arabic): inside the element's own marked content.
                        assert!(!depth.is_empty(), "{what} p{n}: ActualText span outside");
                        depth.push(Some(-1));
                        continue;
                    } else {
                        let mcid = mcid.unwrap_or_else(|| panic!("{what} p{n}: BDC without MCID"));
                        assert!(seen.insert((page_id, mcid)), "{what}: MCID {mcid} twice");
                        assert!(
                            claimed.contains(&(page_id, mcid)),
                            "{what} p{n}: MCID {mcid} belongs to no element"
                        );
                        assert!(
                            matches!(entries.get(mcid as usize), Some(Object::Reference(_))),
                            "{what} p{n}: MCID {mcid} not in the parent tree"
                        );
                    }
                    depth.push(mcid.filter(|_| tag != b"Artifact"));
                }
                "BMC" => {
                    assert_eq!(op.operands[0].as_name().ok(), Some(&b"Artifact"[..]));
                    in_artifact += 1;
                    depth.push(None);
                }
                "EMC" => {
                    let top = depth.pop().expect("EMC without BDC/BMC");
                    if top == Some(-1) {
                        continue;
                    }
                    if top.is_none() {
                        in_artifact -= 1;
                    }
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    assert!(
                        !depth.is_empty(),
                        "{what} p{n}: text outside marked content"
                    );
                    shown += 1;
                }
                "Do" | "re" | "S" | "f" | "B" => {
                    assert!(
                        !depth.is_empty(),
                        "{what} p{n}: {} outside marked content",
                        op.operator
                    );
                }
                _ => {}
            }
        }
        assert!(depth.is_empty(), "{what} p{n}: marked content left open");
        assert_eq!(in_artifact, 0);
    }
    assert_eq!(seen, claimed, "{what}: elements claim MCIDs no page has");
    shown
}

/// Each link annotation: an object of its own, with `/Contents`, whose `/StructParent`
/// leads to a `Link` element that holds it (`OBJR`). Returns the number of links.
fn check_links(pdf: &lopdf::Document, t: &Elem, what: &str) -> usize {
    let pt = parent_tree(pdf);
    let links: Vec<&Elem> = t.all().into_iter().filter(|e| e.role == "Link").collect();
    let mut n = 0;
    for (_, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        assert_eq!(
            page.get(b"Tabs").and_then(|t| t.as_name()).ok(),
            Some(&b"S"[..]),
            "{what}: a page with links has /Tabs /S"
        );
        for a in annots {
            let id = a
                .as_reference()
                .expect("annotation is an object of its own");
            let d = pdf.get_dictionary(id).expect("annotation");
            let contents = text(d.get(b"Contents").expect("/Contents"));
            assert!(!contents.trim().is_empty(), "{what}: empty /Contents");
            assert_eq!(d.get(b"F").and_then(|f| f.as_i64()).ok(), Some(4));
            let key = d
                .get(b"StructParent")
                .and_then(|k| k.as_i64())
                .expect("StructParent");
            let elem_id = pt
                .get(&key)
                .and_then(|o| o.as_reference().ok())
                .expect("parent tree entry");
            let ed = pdf.get_dictionary(elem_id).expect("element");
            assert_eq!(
                ed.get(b"S").and_then(|s| s.as_name()).ok(),
                Some(&b"Link"[..])
            );
            assert!(
                links.iter().any(|l| l.objs.contains(&id)),
                "{what}: no Link element holds annotation {id:?}"
            );
            n += 1;
        }
    }
    let objs: usize = links.iter().map(|l| l.objs.len()).sum();
    assert_eq!(
        objs, n,
        "{what}: Link elements hold exactly the annotations"
    );
    n
}

/// Tables: THead with one TR of TH (Scope Column), TBody of TRs of TD, rows as wide as
/// the header; or a table of row headers (the title block): a TBody alone whose rows each
/// start with a TH (Scope Row), the rest TD. Returns the number of tables.
fn check_tables(t: &Elem, what: &str) -> usize {
    let tables: Vec<&Elem> = t.all().into_iter().filter(|e| e.role == "Table").collect();
    for table in &tables {
        let parts = table.roles();
        assert!(
            parts == ["THead", "TBody"] || parts == ["TBody"] || parts == ["THead"],
            "{what}: table parts {parts:?}"
        );
        let mut width = None;
        for part in &table.kids {
            for tr in &part.kids {
                assert_eq!(tr.role, "TR", "{what}");
                let cell = if part.role == "THead" { "TH" } else { "TD" };
                let row_headers = parts == ["TBody"]
                    && part.kids.iter().all(|tr| {
                        tr.kids
                            .first()
                            .is_some_and(|c| c.role == "TH" && c.scope.as_deref() == Some("Row"))
                    });
                let skip = usize::from(row_headers);
                assert!(
                    tr.kids.iter().skip(skip).all(|c| c.role == cell),
                    "{what}: {:?}",
                    tr.roles()
                );
                if part.role == "THead" {
                    assert!(tr.kids.iter().all(|c| c.scope.as_deref() == Some("Column")));
                }

                let w = *width.get_or_insert(tr.kids.len());
                assert_eq!(tr.kids.len(), w, "{what}: a row as wide as the header");
            }
        }
    }
    tables.len()
}

/// Lists: L > LI > (Lbl?) LBody.
fn check_lists(t: &Elem, what: &str) {
    for l in t.all().into_iter().filter(|e| e.role == "L") {
        assert!(l.numbering.is_some(), "{what}: ListNumbering");
        for li in &l.kids {
            assert_eq!(li.role, "LI", "{what}");
            let r = li.roles();
            assert!(r == ["Lbl", "LBody"] || r == ["LBody"], "{what}: LI {r:?}");
        }
    }
}

/// Headings never skip a level, and the first is H1.
fn check_headings(t: &Elem, what: &str) -> Vec<u8> {
    let levels: Vec<u8> = t
        .all()
        .into_iter()
        .filter_map(|e| {
            let r = e.role.strip_prefix('H')?;
            r.parse().ok()
        })
        .collect();
    assert_eq!(levels.first(), Some(&1), "{what}: {levels:?}");
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "{what}: heading levels {levels:?}");
    }
    levels
}

fn xmp(pdf: &lopdf::Document) -> String {
    let cat = pdf.catalog().expect("catalog");
    let id = cat
        .get(b"Metadata")
        .and_then(|m| m.as_reference())
        .expect("/Metadata");
    let st = pdf
        .get_object(id)
        .and_then(|o| o.as_stream())
        .expect("stream");
    assert!(
        st.dict.get(b"Filter").is_err(),
        "metadata is not compressed"
    );
    String::from_utf8(st.content.clone()).expect("UTF-8 XMP")
}

fn info(pdf: &lopdf::Document, key: &str) -> Option<String> {
    let id = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .ok()?;
    let d = pdf.get_dictionary(id).ok()?;
    d.get(key.as_bytes()).ok().map(text)
}

/// XMP and info agree; PDF/A-2b and PDF/UA-1 identified; the sRGB output intent.
fn check_archival(pdf: &lopdf::Document, lang: &str, what: &str) {
    let x = xmp(pdf);
    let title = info(pdf, "Title").expect("Title");
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    assert!(
        x.contains(&format!(
            "<rdf:li xml:lang=\"x-default\">{}</rdf:li>",
            esc(&title)
        )),
        "{what}: dc:title is the info title {title:?}"
    );
    if let Some(author) = info(pdf, "Author") {
        assert!(x.contains(&format!(
            "<rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            esc(&author)
        )));
    }
    let producer = info(pdf, "Producer").expect("Producer");
    assert!(x.contains(&format!("<pdf:Producer>{}</pdf:Producer>", esc(&producer))));
    let created = info(pdf, "CreationDate").expect("CreationDate");
    assert_eq!(Some(created.clone()), info(pdf, "ModDate"));
    // D:YYYYMMDD000000Z and YYYY-MM-DDT00:00:00Z.
    let d = created.get(2..10).expect("a date");
    let iso = format!("{}-{}-{}T00:00:00Z", &d[..4], &d[4..6], &d[6..8]);
    assert!(
        x.contains(&format!("<xmp:CreateDate>{iso}</xmp:CreateDate>")),
        "{what}: {iso}"
    );
    assert!(x.contains(&format!("<xmp:ModifyDate>{iso}</xmp:ModifyDate>")));
    assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(x.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(x.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
    assert!(x.contains(&format!("<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>")));
    assert!(x.starts_with("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"));
    assert!(x.ends_with("<?xpacket end=\"w\"?>"));
    let cat = pdf.catalog().expect("catalog");
    assert_eq!(text(cat.get(b"Lang").expect("Lang")), lang, "{what}");
    let mark = cat
        .get(b"MarkInfo")
        .and_then(|m| m.as_dict())
        .expect("MarkInfo");
    assert_eq!(
        mark.get(b"Marked").and_then(|m| m.as_bool()).ok(),
        Some(true)
    );
    let vp = cat
        .get(b"ViewerPreferences")
        .and_then(|m| m.as_dict())
        .expect("ViewerPreferences");
    assert_eq!(
        vp.get(b"DisplayDocTitle").and_then(|m| m.as_bool()).ok(),
        Some(true)
    );
    let intents = cat
        .get(b"OutputIntents")
        .and_then(|o| o.as_array())
        .expect("OutputIntents");
    assert_eq!(intents.len(), 1);
    let oi: &Dictionary = deref(pdf, &intents[0]).as_dict().expect("intent");
    assert_eq!(
        oi.get(b"S").and_then(|s| s.as_name()).ok(),
        Some(&b"GTS_PDFA1"[..])
    );
    assert_eq!(
        text(oi.get(b"OutputConditionIdentifier").expect("id")),
        "sRGB IEC61966-2.1"
    );
    let icc = deref(pdf, oi.get(b"DestOutputProfile").expect("profile"))
        .as_stream()
        .expect("ICC stream");
    assert_eq!(icc.dict.get(b"N").and_then(|n| n.as_i64()).ok(), Some(3));
    let bytes = icc
        .decompressed_content()
        .unwrap_or_else(|_| icc.content.clone());
    assert!(bytes.len() < 2048, "a small profile: {}", bytes.len());
    assert_eq!(&bytes[36..40], b"acsp");
    assert_eq!(&bytes[8..10], &[2, 0x10], "ICC version 2.1");
    assert_eq!(&bytes[16..20], b"RGB ");
    assert!(pdf.trailer.get(b"Encrypt").is_err());
    assert!(pdf.trailer.get(b"ID").is_ok());
}

/// `pdfinfo` says tagged, `qpdf --check` finds nothing, every font embedded.
fn check_tools(path: &Path, what: &str) {
    let (ok, out) = run("pdfinfo", &[&path.to_string_lossy()]);
    assert!(ok, "{what}: {out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes")),
        "{what}: {out}"
    );
    let (ok, out) = run("qpdf", &["--check", &path.to_string_lossy()]);
    assert!(ok && !out.contains("WARNING"), "{what}: {out}");
    let (ok, out) = run("pdffonts", &[&path.to_string_lossy()]);
    assert!(ok);
    for l in out.lines().skip(2) {
        let cols: Vec<&str> = l.split_whitespace().collect();
        // name type encoding emb sub uni object ID: emb and uni are "yes".
        let n = cols.len();
        assert!(n >= 7, "{l}");
        assert_eq!(cols[n - 5], "yes", "{what}: embedded: {l}");
        assert_eq!(cols[n - 3], "yes", "{what}: ToUnicode: {l}");
    }
}

fn struct_text(path: &Path) -> String {
    let (ok, out) = run("pdfinfo", &["-struct-text", &path.to_string_lossy()]);
    assert!(ok, "{out}");
    out
}

/// Every header cell holds text, as poppler reads the structure: a screen reader
/// announces a column's header with each of its cells (the checklist's tick column once
/// had an empty one).
fn check_header_cells_say_something(path: &Path, what: &str) {
    let text = struct_text(path);
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() != "TH:" {
            continue;
        }
        let child = lines
            .iter()
            .skip(i + 1)
            .find(|n| !n.trim_start().starts_with('/'))
            .is_some_and(|n| indent(n) > indent(l));
        assert!(child, "{what}: an empty header cell (line {})", i + 1);
    }
}

#[test]
fn every_kit_document_is_tagged_and_archival() {
    let b = samples();
    assert_eq!(b.files.len(), 6, "{:?}", b.files);
    for path in &b.files {
        let what = path.to_string_lossy().into_owned();
        let lang = if what.contains("itau") { "pt-BR" } else { "en" };
        let pdf = load(path);
        let t = tree(&pdf);
        let shown = check_marked_content(&pdf, &t, &what);
        assert!(shown > 20, "{what}: {shown} text operators");
        check_links(&pdf, &t, &what);
        check_lists(&t, &what);
        check_headings(&t, &what);
        check_archival(&pdf, lang, &what);
        check_header_cells_say_something(path, &what);
        check_tools(path, &what);
    }
}

#[test]
fn the_plan_has_headings_paragraphs_lists_tables_and_links() {
    let b = samples();
    for (folder, lang) in [("contoso", "en"), ("itau", "pt-BR")] {
        let path = b.find(folder, "success-plan.pdf");
        let pdf = load(path);
        let t = tree(&pdf);
        let roles: BTreeSet<&str> = t.all().iter().map(|e| e.role.as_str()).collect();
        for want in [
            "H1", "H2", "P", "L", "LI", "LBody", "Table", "THead", "TBody", "TR", "TH", "TD",
            "Link",
        ] {
            assert!(roles.contains(want), "{lang} plan: {want} in {roles:?}");
        }
        assert_eq!(t.kids.first().map(|k| k.role.as_str()), Some("H1"));
        assert!(check_tables(&t, folder) >= 2);
        assert!(check_links(&pdf, &t, folder) >= 1);
        // The title block is labels and values: each row's label is its header, and the
        // customer's row is data, not the heading of every value under it.
        let title = t
            .all()
            .into_iter()
            .find(|e| e.role == "Table")
            .expect("a table");
        assert_eq!(title.roles(), ["TBody"], "{lang}");
        let first = &title.kids[0].kids[0];
        assert_eq!(first.roles(), ["TH", "TD"], "{lang}");
        assert_eq!(first.kids[0].scope.as_deref(), Some("Row"), "{lang}");
        // The structure read aloud starts with the title, and the running header and
        // footer are never in it.
        let s = struct_text(path);
        let first_words = s.lines().find(|l| l.contains('"')).expect("some text");
        assert!(
            first_words.contains("Success Plan") || first_words.contains("Plano de Sucesso"),
            "{s}"
        );
        assert!(
            !s.contains("Page 1 of") && !s.contains("Página 1 de"),
            "{s}"
        );
        // A status pill reads as a word of its own ("Scenarios In progress"): its
        // padding once hid the space before it from the structure ("ScenariosIn").
        let mut pills = 0;
        for pill in ["In progress", "Not started", "Em andamento", "Não iniciado"] {
            for (i, _) in s.match_indices(pill) {
                pills += 1;
                let before = s[..i].chars().next_back();
                assert!(
                    matches!(before, Some(' ' | '"' | '(' | '\n')),
                    "{lang}: {:?} runs into the word before it",
                    &s[i.saturating_sub(20)..i + pill.len()]
                );
            }
        }
        assert!(pills > 0, "{lang}: no status pill read");
    }
}

#[test]
fn checklist_tasks_say_whether_they_are_checked_in_the_documents_language() {
    let b = samples();
    for (folder, words) in [
        ("contoso", ["checked", "not checked"]),
        ("itau", ["marcado", "não marcado"]),
    ] {
        let pdf = load(b.find(folder, "success-checklist.pdf"));
        let t = tree(&pdf);
        let checks: Vec<&str> = t
            .all()
            .into_iter()
            .filter_map(|e| e.actual.as_deref())
            .collect();
        for w in words {
            assert!(checks.contains(&w), "{folder}: {w} in {checks:?}");
        }
        // A task's box is its list label.
        let labelled = t
            .all()
            .into_iter()
            .filter(|e| e.role == "Lbl")
            .any(|l| l.kids.iter().any(|k| k.actual.is_some()));
        assert!(labelled, "{folder}: a checkbox inside a Lbl");
        let checklist = t
            .all()
            .into_iter()
            .any(|e| e.role == "L" && e.numbering.as_deref() == Some("None"));
        assert!(checklist, "{folder}: a task list");
    }
}

#[test]
fn handout_slides_and_notes_read_in_order() {
    let b = samples();
    for (folder, notes) in [("contoso", "Notes"), ("itau", "Anotações")] {
        let path = b.find(folder, "workshop-handout.pdf");
        let pdf = load(path);
        let t = tree(&pdf);
        let sects: Vec<&Elem> = t.kids.iter().filter(|e| e.role == "Sect").collect();
        assert!(sects.len() >= 3, "{folder}: {:?}", t.roles());
        for s in &sects {
            let r = s.roles();
            assert_eq!(
                r.last(),
                Some(&"Div"),
                "{folder}: the notes area last: {r:?}"
            );
            assert_eq!(
                r.first(),
                Some(&"H2"),
                "{folder}: the slide title first: {r:?}"
            );
        }
        // pdfinfo reads each slide's title, then its content, then "Notes", slide after
        // slide.
        let s = struct_text(path);
        let titles: Vec<usize> = s
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("H2"))
            .map(|(i, _)| i)
            .collect();
        let notes_at: Vec<usize> = s
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(&format!("\"{notes}\"")))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(titles.len(), notes_at.len(), "{folder}: {s}");
        for (k, (t0, n0)) in titles.iter().zip(&notes_at).enumerate() {
            assert!(t0 < n0, "{folder}: slide {k}'s notes after its title");
            if let Some(next) = titles.get(k + 1) {
                assert!(
                    n0 < next,
                    "{folder}: slide {k}'s notes before the next slide"
                );
            }
        }
    }
}

#[test]
fn the_portfolio_report_charts_are_figures_that_state_their_figures() {
    let b = build(&["fixtures/portfolio"], &[]);
    let path = b.find("", "portfolio.pdf");
    let pdf = load(path);
    let t = tree(&pdf);
    check_marked_content(&pdf, &t, "portfolio");
    check_tables(&t, "portfolio");
    check_headings(&t, "portfolio");
    check_archival(&pdf, "en", "portfolio");
    check_tools(path, "portfolio");
    let figures: Vec<&Elem> = t.all().into_iter().filter(|e| e.role == "Figure").collect();
    assert!(!figures.is_empty());
    for f in figures {
        let alt = f.alt.as_deref().expect("Alt");
        assert!(alt.contains('%') && alt.contains(':'), "{alt}");
        let mut mc = Vec::new();
        f.content(&mut mc);
        assert!(
            !mc.is_empty(),
            "the chart's drawing is the figure's content"
        );
    }
}

#[test]
fn the_logo_is_a_figure_with_alternative_text() {
    let png = {
        let mut v = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut v, 8, 4);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            let mut wr = enc.write_header().expect("header");
            wr.write_image_data(&[90u8; 8 * 4 * 3]).expect("pixels");
        }
        v
    };
    let theme = Theme {
        logo: Some("logo.png".to_string()),
        ..Theme::default()
    };
    let assets = Assets {
        logo: Some(png),
        ..Assets::default()
    };
    for (lang, alt) in [(Lang::En, "Logo"), (Lang::PtBr, "Logotipo")] {
        let w = PdfWriter::new(&theme, &assets).expect("writer");
        let out = w.write(&support::plan(lang)).expect("write");
        let pdf = lopdf::Document::load_mem(&out.bytes).expect("loads");
        let t = tree(&pdf);
        check_marked_content(&pdf, &t, "logo");
        let figs: Vec<&Elem> = t.all().into_iter().filter(|e| e.role == "Figure").collect();
        assert!(
            figs.iter().any(|f| f.alt.as_deref() == Some(alt)),
            "{figs:?}"
        );
        // The running logo comes first, before the title.
        assert_eq!(t.roles().first(), Some(&"Figure"));
    }
}

#[test]
fn ir_documents_of_every_block_kind_are_tagged() {
    let w = PdfWriter::new(&Theme::default(), &Assets::default()).expect("writer");
    for (name, doc) in [
        ("plan-en", support::plan(Lang::En)),
        ("plan-pt", support::plan(Lang::PtBr)),
        ("handout-pt", support::handout(Lang::PtBr)),
        ("bench", support::bench_doc()),
    ] {
        let out = w.write(&doc).expect("write");
        let pdf = lopdf::Document::load_mem(&out.bytes).expect("loads");
        let t = tree(&pdf);
        check_marked_content(&pdf, &t, name);
        check_links(&pdf, &t, name);
        check_tables(&t, name);
        check_lists(&t, name);
    }
}

#[test]
fn a_table_across_pages_is_one_table_with_its_header_once() {
    let w = PdfWriter::new(&Theme::default(), &Assets::default()).expect("writer");
    let out = w.write(&support::bench_doc()).expect("write");
    assert!(out.pages.unwrap_or(0) >= 3);
    let pdf = lopdf::Document::load_mem(&out.bytes).expect("loads");
    let t = tree(&pdf);
    for table in t.all().into_iter().filter(|e| e.role == "Table") {
        let heads = table.kids.iter().filter(|k| k.role == "THead").count();
        assert!(heads <= 1);
        let mut pages = BTreeSet::new();
        let mut mc = Vec::new();
        table.content(&mut mc);
        pages.extend(mc.iter().map(|(p, _)| *p));
        if pages.len() > 1 {
            // The header is in the structure once; the copies on later pages are
            // artifacts.
            let head = table.kids.first().expect("head");
            let mut hm = Vec::new();
            head.content(&mut hm);
            let head_pages: BTreeSet<_> = hm.iter().map(|(p, _)| *p).collect();
            assert_eq!(head_pages.len(), 1);
        }
    }
}

#[test]
fn tagging_and_archiving_can_be_turned_off_for_the_smallest_file() {
    let doc = support::plan(Lang::En);
    let on = PdfWriter::new(&Theme::default(), &Assets::default())
        .expect("writer")
        .write(&doc)
        .expect("write")
        .bytes;
    let mut theme = Theme::default();
    theme.pdf.tagged = false;
    theme.pdf.archival = false;
    let off = PdfWriter::new(&theme, &Assets::default())
        .expect("writer")
        .write(&doc)
        .expect("write")
        .bytes;
    assert!(off.len() < on.len(), "{} < {}", off.len(), on.len());
    let pdf = lopdf::Document::load_mem(&off).expect("loads");
    let cat = pdf.catalog().expect("catalog");
    for key in ["StructTreeRoot", "MarkInfo", "Metadata", "OutputIntents"] {
        assert!(cat.get(key.as_bytes()).is_err(), "{key} when off");
    }
    for (_, page) in pdf.get_pages() {
        let content = pdf.get_page_content(page);
        let ops = lopdf::content::Content::decode(&content)
            .expect("ops")
            .operations;
        assert!(ops
            .iter()
            .all(|o| o.operator != "BDC" && o.operator != "BMC"));
    }
    // Tagged but not archival: the XMP still names the title and PDF/UA, no PDF/A.
    let mut theme = Theme::default();
    theme.pdf.archival = false;
    let ua = PdfWriter::new(&theme, &Assets::default())
        .expect("writer")
        .write(&doc)
        .expect("write")
        .bytes;
    let pdf = lopdf::Document::load_mem(&ua).expect("loads");
    tree(&pdf);
    let x = xmp(&pdf);
    assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>") && !x.contains("pdfaid:part"));
    assert!(pdf.catalog().expect("cat").get(b"OutputIntents").is_err());
}

#[test]
fn theme_files_turn_the_standards_off() {
    let t = Theme::from_toml(
        &successkit::theme::BUILTIN_THEME.replace("tagged = true", "tagged = false"),
    )
    .expect("parses");
    assert!(!t.pdf.tagged && t.pdf.archival);
    // A theme written before the setting existed still loads, with both on.
    let old: String = successkit::theme::BUILTIN_THEME
        .lines()
        .filter(|l| {
            !l.starts_with("[pdf]") && !l.starts_with("tagged") && !l.starts_with("archival")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let t = Theme::from_toml(&old).expect("parses");
    assert!(t.pdf.tagged && t.pdf.archival);
    let err = Theme::from_toml(
        &successkit::theme::BUILTIN_THEME.replace("tagged = true", "taged = true"),
    )
    .expect_err("a misspelt key");
    assert!(err.to_string().contains("taged"), "{err}");
}

#[test]
fn build_options_turn_the_standards_off_for_one_run() {
    let b = build(
        &["fixtures/sample/contoso.xlsx"],
        &["--no-report", "--no-pdf-tags", "--no-pdfa"],
    );
    assert_eq!(b.files.len(), 3, "{:?}", b.files);
    for path in &b.files {
        let pdf = load(path);
        let cat = pdf.catalog().expect("catalog");
        for key in ["StructTreeRoot", "MarkInfo", "Metadata", "OutputIntents"] {
            assert!(cat.get(key.as_bytes()).is_err(), "{key} in {path:?}");
        }
        let (ok, out) = run("pdfinfo", &[&path.to_string_lossy()]);
        assert!(ok && out.contains("Tagged:          no"), "{out}");
    }
    // Only PDF/A off: tagged, identified as PDF/UA, no output intent.
    let b = build(
        &["fixtures/sample/contoso.xlsx"],
        &["--no-report", "--only", "plan", "--no-pdfa"],
    );
    let pdf = load(b.find("", "success-plan.pdf"));
    tree(&pdf);
    let x = xmp(&pdf);
    assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>") && !x.contains("pdfaid:part"));
    assert!(pdf.catalog().expect("cat").get(b"OutputIntents").is_err());
}

/// One part of a DOCX, as text.
fn docx_part(docx: Vec<u8>, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text).expect("utf-8");
    text
}

#[test]
fn the_docx_logo_has_alternative_text() {
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/document-sample/logo.png"),
    )
    .expect("fixture logo");
    let writer = successkit::output::docx::DocxWriter::new(&Theme::default())
        .with_logo(Some(&png))
        .expect("a PNG");
    for (lang, alt) in [(Lang::En, "Logo"), (Lang::PtBr, "Logotipo")] {
        let bytes = writer.write(&support::plan(lang)).expect("docx").bytes;
        let header = docx_part(bytes, "word/header1.xml");
        assert!(
            header.contains(&format!(r#"<wp:docPr id="1" name="Logo" descr="{alt}"/>"#)),
            "{header}"
        );
    }
}

#[test]
fn justified_hyphenated_and_right_to_left_text_stays_tagged() {
    // Justified lines are drawn a word at a time, hyphens are inserted, right-to-left
    // lines are drawn in logical order at their visual places: all still marked content
    // of their paragraph.
    let mut theme = Theme::default();
    theme.text.justify = true;
    let w = PdfWriter::new(&theme, &Assets::default()).expect("writer");
    let mut rtl = support::plan(Lang::En);
    rtl.blocks.push(support::p(vec![
        support::t(
            "צוות הצלחת הלקוחות בודק את תחומי האחריות של ההטמעה עם כל בעלי העניין לפני הסדנה, \
         כדי שהאחריות המנהלית, ערוצי התקשורת והמוכנות הארגונית יהיו מובנים לכולם. ",
        ),
        support::b("נציגי מחלקות"),
        support::t(" התשתית, הרכש ואבטחת המידע משתתפים בשיחות."),
    ]));
    for (name, doc) in [
        ("plan-en", support::plan(Lang::En)),
        ("plan-pt", support::plan(Lang::PtBr)),
        ("plan-rtl", rtl),
    ] {
        let out = w.write(&doc).expect("write");
        let pdf = lopdf::Document::load_mem(&out.bytes).expect("loads");
        let t = tree(&pdf);
        check_marked_content(&pdf, &t, name);
        check_links(&pdf, &t, name);
        check_tables(&t, name);
        check_lists(&t, name);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, &out.bytes).expect("save");
        check_tools(&path, name);
    }
}

#[test]
fn soft_hyphens_in_names_stay_out_of_the_files_properties() {
    // An FM may type soft hyphens (U+00AD) into a long customer name to suggest where it
    // breaks: they are break opportunities in the lines, not characters of the title a
    // viewer's title bar, a file manager or a search shows.
    let mut doc = support::plan(Lang::En);
    doc.meta.customer = "Far\u{00AD}má\u{00AD}cia São João".into();
    doc.meta.subject = "Success Plan: Far\u{00AD}má\u{00AD}cia São João".into();
    doc.meta.author = "Ana Sou\u{00AD}za".into();
    doc.meta.keywords = vec!["Success\u{00AD}Plan".into()];
    let w = PdfWriter::new(&Theme::default(), &Assets::default()).expect("writer");
    let pdf = lopdf::Document::load_mem(&w.write(&doc).expect("write").bytes).expect("loads");
    let x = xmp(&pdf);
    assert!(!x.contains('\u{00AD}'), "{x}");
    for (key, want) in [
        ("Title", "Farmácia São João"),
        ("Subject", "Success Plan: Farmácia São João"),
        ("Author", "Ana Souza"),
        ("Keywords", "SuccessPlan"),
    ] {
        let got = info(&pdf, key).unwrap_or_default();
        assert!(got.contains(want), "{key}: {got:?}");
        assert!(!got.contains('\u{00AD}'), "{key}: {got:?}");
    }
    check_archival(&pdf, "en", "soft hyphens");

    let bytes = successkit::output::docx::DocxWriter::new(&Theme::default())
        .write(&doc)
        .expect("docx")
        .bytes;
    let core = docx_part(bytes, "docProps/core.xml");
    assert!(!core.contains('\u{00AD}'), "{core}");
    assert!(
        core.contains("<dc:creator>Ana Souza</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("Farmácia São João</dc:title>"), "{core}");
}
