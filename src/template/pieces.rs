//! Compiling a template in pieces.
//!
//! handlebars' compiler asks pest for the line and column of each element it makes, and
//! pest counts them from the start of the text every time: compiling costs the square of
//! a template's length. The Success Plan (11 KB) and the other templates of both
//! languages took 220 million instructions to compile, two thirds of them counting
//! lines: more than three kits' worth of work on every run. In pieces: 107 million.
//!
//! So the text is cut at line ends where nothing of handlebars' crosses, each piece is
//! compiled alone (its lines and columns counted from its own start) and the pieces are
//! joined into one template: element for element and line for line the one compiling the
//! whole text makes (tested on every shipped template and on the constructs that could
//! differ). A cut is made only
//! - outside every block, tag and comment, at depth 0 of the blocks' nesting;
//! - between two lines with no brace or backslash on either (no tag, escape or stash
//!   touches the cut, so handlebars' standalone-line and indentation rules, which look
//!   at the rest of a tag's own line only, see the same text either way);
//! - where the template has a `~` (whitespace control, which trims across lines), only
//!   between two lines that hold more than whitespace: trimming stops before reaching
//!   the cut;
//! - in a template with no raw block (`{{{{`).
//!
//! And checked: every piece must compile and each cut must fall between two raw strings
//! (the text around it is text to handlebars too), which the join merges back into one.
//! Anything else compiles the whole text as before, so a template's errors are
//! handlebars' own, with their lines.
//!
//! Two more savings: a piece with no tag is not compiled at all ([`plain`]), and long
//! lines with no tag inside blocks are hollowed out before compiling and put back after
//! ([`hollow`]): 107 -> 87 million instructions in all.

use handlebars::template::{Template, TemplateElement, TemplateMapping};
use handlebars::TemplateError;
use std::sync::OnceLock;

/// The length a piece reaches before the next cut. Most of what is left to count lies in
/// the large blocks, which are not cut: 512 or 128 made little difference (the two
/// languages' templates, 110 and 107 million instructions). Since the pieces with no tag
/// skip the compiler ([`plain`]), cutting at every line end that allows it makes the most
/// of them: 96 million at 1 byte (the one-kit build 7.3 million instructions fewer with
/// them at 128 bytes, 10.1 million at 1).
const PIECE: usize = 1;

/// Compiles `source` as the template `name`: its long plain lines hollowed out, in
/// pieces where it can be cut.
pub(crate) fn compile(source: &str, name: &str) -> Result<Template, TemplateError> {
    if let Some((hollowed, lines)) = hollow(source) {
        if let Some(t) = compile_pieces(&hollowed, name).ok().and_then(|mut t| {
            let mut used = vec![false; lines.len()];
            let filled = fill(&mut t, &lines, &mut used);
            (filled && used.iter().all(|u| *u)).then_some(t)
        }) {
            return Ok(t);
        }
    }
    compile_pieces(source, name)
}

/// Compiles `source` in pieces where it can be cut, else whole.
fn compile_pieces(source: &str, name: &str) -> Result<Template, TemplateError> {
    let cuts = cuts(source, PIECE);
    if !cuts.is_empty() {
        if let Some(t) = compile_cut(source, name, &cuts) {
            return Ok(t);
        }
    }
    Template::compile_with_name(source, name.to_string())
}

/// Stands for a hollowed line in the text the compiler reads, followed by the line's
/// number: a private-use character, and a text that holds one is not hollowed.
const MARK: char = '\u{E000}';

/// Lines shorter than this are left as they are.
const HOLLOW_MIN: usize = 16;

/// `source` with its long plain lines hollowed out, and those lines; `None` if there is
/// none or the text cannot be read with certainty.
///
/// What is left in the pieces after cutting lies inside blocks, where pest reads every
/// character and handlebars has pest count each element's line and column from the
/// piece's start: the longer the block, the more each element costs. A line that holds
/// no tag is text to handlebars from end to end, so it is replaced by a mark and its
/// number (`\u{E000}7`) and put back into the raw string that holds the mark after
/// compiling. Lines and columns stay what they were: only whole lines are replaced, and
/// their number does not change. A line is hollowed only if
/// - it lies between two tags (never inside a tag or comment), whole, from a line start
///   to its `\n`;
/// - it holds no brace, backslash or carriage return (no tag, escape or line end of
///   handlebars' own in it);
/// - its first and last characters are not whitespace: handlebars trims only
///   whitespace at a raw string's ends (standalone tags' lines, `~`), and such trimming
///   stops at the same place on the mark as on the line;
/// - the template has no raw block (`{{{{`) and no mark character.
///
/// [`fill`] checks that every mark came back once, else the text compiles as it is.
fn hollow(source: &str) -> Option<(String, Vec<&str>)> {
    let b = source.as_bytes();
    if source.contains(MARK) || memchr::memmem::find(b, b"{{{{").is_some() {
        return None;
    }
    let mut out = String::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while at < b.len() {
        let tag = memchr::memmem::find(&b[at..], b"{{").map_or(b.len(), |k| at + k);
        // The whole lines between `at` and the tag: each starts at a line start.
        let mut start = if at == 0 || b[at - 1] == b'\n' {
            Some(at)
        } else {
            None
        };
        for nl in memchr::memchr_iter(b'\n', &b[at..tag]).map(|k| at + k) {
            if let Some(from) = start {
                let line = &source[from..nl];
                if hollowable(line) {
                    out.push_str(&source[copied..from]);
                    out.push(MARK);
                    out.push_str(itoa::Buffer::new().format(lines.len()));
                    lines.push(line);
                    copied = nl;
                }
            }
            start = Some(nl + 1);
        }
        if tag >= b.len() {
            break;
        }
        at = read_tag(b, tag)?.0;
    }
    if lines.is_empty() {
        return None;
    }
    out.push_str(&source[copied..]);
    Some((out, lines))
}

/// Whether `line` (without its `\n`) can be hollowed out: long, with no brace,
/// backslash or carriage return, not starting or ending with whitespace.
fn hollowable(line: &str) -> bool {
    line.len() >= HOLLOW_MIN
        && !line
            .bytes()
            .any(|c| matches!(c, b'{' | b'}' | b'\\' | b'\r'))
        && line.chars().next().is_some_and(|c| !c.is_whitespace())
        && line.chars().next_back().is_some_and(|c| !c.is_whitespace())
}

/// Puts the hollowed `lines` back where their marks are in `t`'s raw strings, marking
/// each in `used`; `false` if a mark is not followed by a line's number or a line comes
/// back twice.
fn fill(t: &mut Template, lines: &[&str], used: &mut [bool]) -> bool {
    for e in &mut t.elements {
        let ok = match e {
            TemplateElement::RawString(s) if s.contains(MARK) => match refill(s, lines, used) {
                Some(filled) => {
                    *s = filled;
                    true
                }
                None => false,
            },
            TemplateElement::HelperBlock(h) => h
                .template
                .iter_mut()
                .chain(h.inverse.iter_mut())
                .all(|inner| fill(inner, lines, used)),
            TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => d
                .template
                .as_mut()
                .is_none_or(|inner| fill(inner, lines, used)),
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// `s` with each mark and number replaced by its line.
fn refill(s: &str, lines: &[&str], used: &mut [bool]) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 64);
    let mut rest = s;
    while let Some(k) = rest.find(MARK) {
        out.push_str(&rest[..k]);
        rest = &rest[k + MARK.len_utf8()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: usize = rest[..digits].parse().ok()?;
        let seen = used.get_mut(n)?;
        if *seen {
            return None;
        }
        *seen = true;
        out.push_str(lines.get(n)?);
        rest = &rest[digits..];
    }
    out.push_str(rest);
    Some(out)
}

/// Compiles the pieces between `cuts` and joins them; `None` if a piece does not compile
/// or a cut is not between two raw strings.
fn compile_cut(source: &str, name: &str, cuts: &[usize]) -> Option<Template> {
    let mut joined = Template::new();
    joined.name = Some(name.to_string());
    let mut start = 0;
    let mut lines = 0;
    for end in cuts.iter().copied().chain([source.len()]) {
        let text = source.get(start..end)?;
        let mut piece = match memchr::memmem::find(text.as_bytes(), b"{{") {
            Some(_) => Template::compile_with_name(text, name.to_string()).ok()?,
            None => plain(text),
        };
        shift(&mut piece, lines);
        let mut elements = piece.elements.into_iter();
        let mut mapping = piece.mapping.into_iter();
        if start > 0 {
            // The piece's first element continues the text the one before ended with.
            match (joined.elements.last_mut(), elements.next()) {
                (Some(TemplateElement::RawString(before)), Some(TemplateElement::RawString(s)))
                    if before.ends_with('\n') =>
                {
                    before.push_str(&s);
                    mapping.next();
                }
                _ => return None,
            }
        }
        joined.elements.extend(elements);
        joined.mapping.extend(mapping);
        lines += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        start = end;
    }
    (joined.elements.len() == joined.mapping.len()).then_some(joined)
}

/// What handlebars makes of a text with no `{{`: the text itself, one raw string at line
/// 1, column 1. Its grammar reads such a text as one `raw_text` (an escape needs a `{{`
/// after its backslashes) and changes nothing in it (standalone-line trimming and
/// whitespace control follow tags), so compiling it is skipped: pest reads each
/// character through three rules, and about two fifths of the shipped templates' bytes
/// lie in pieces like these.
fn plain(text: &str) -> Template {
    // handlebars keeps its mappings' constructor to itself: line 1, column 1 is taken
    // from the compile of a one-letter text, once.
    static START: OnceLock<Option<TemplateMapping>> = OnceLock::new();
    let start = START.get_or_init(|| {
        Template::compile("x")
            .ok()
            .and_then(|t| t.mapping.into_iter().next())
    });
    let mut t = Template::new();
    t.elements
        .push(TemplateElement::RawString(text.to_string()));
    t.mapping.extend(start.clone());
    t
}

/// Adds `lines` to the line of every element of `t` and of the blocks in it.
fn shift(t: &mut Template, lines: usize) {
    if lines == 0 {
        return;
    }
    for m in &mut t.mapping {
        m.0 += lines;
    }
    for e in &mut t.elements {
        match e {
            TemplateElement::HelperBlock(h) => {
                for inner in h.template.iter_mut().chain(h.inverse.iter_mut()) {
                    shift(inner, lines);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => {
                if let Some(inner) = &mut d.template {
                    shift(inner, lines);
                }
            }
            _ => {}
        }
    }
}

/// Where `source` can be cut: the starts of lines (after a `\n`) at nesting depth 0,
/// between two plain lines, each piece at least `piece` bytes long. Empty when the text
/// cannot be read with certainty (a raw block, a tag or comment left open, a block
/// closed that was never opened).
fn cuts(source: &str, piece: usize) -> Vec<usize> {
    let b = source.as_bytes();
    if memchr::memmem::find(b, b"{{{{").is_some() {
        return Vec::new();
    }
    let tilde = memchr::memchr(b'~', b).is_some();
    let mut cuts = Vec::new();
    let mut last = 0;
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let tag = memchr::memmem::find(&b[at..], b"{{").map_or(b.len(), |k| at + k);
        if depth == 0 {
            // The line ends in the text from `at` to the next tag.
            for nl in memchr::memchr_iter(b'\n', &b[at..tag]) {
                let cut = at + nl + 1;
                if cut - last >= piece
                    && b.len() - cut >= piece.div_ceil(2)
                    && plain_around(b, at, tag, cut, tilde)
                {
                    cuts.push(cut);
                    last = cut;
                }
            }
        }
        if tag >= b.len() {
            return if depth == 0 { cuts } else { Vec::new() };
        }
        let Some((end, step)) = read_tag(b, tag) else {
            return Vec::new();
        };
        depth = match step {
            Step::Open => depth + 1,
            Step::Close => match depth.checked_sub(1) {
                Some(d) => d,
                None => return Vec::new(),
            },
            Step::Same => depth,
        };
        at = end;
    }
}

/// Whether the lines before and after `cut` lie wholly in the text from `from` to `to`
/// (between two tags) and hold no brace or backslash (and, with `tilde`, more than
/// whitespace).
fn plain_around(b: &[u8], from: usize, to: usize, cut: usize, tilde: bool) -> bool {
    // The line before: from the line end before it (or `from`, if that is a line start).
    let before_start = match memchr::memrchr(b'\n', &b[from..cut - 1]) {
        Some(k) => from + k + 1,
        None if from == 0 => 0,
        None => return false, // the line starts inside the tag before
    };
    let before = &b[before_start..cut];
    // The line after: to its end, which must come before the next tag.
    let after = match memchr::memchr(b'\n', &b[cut..to]) {
        Some(k) => &b[cut..=cut + k],
        None if to == b.len() => &b[cut..],
        None => return false,
    };
    let plain = |line: &[u8]| {
        !line.iter().any(|c| matches!(c, b'{' | b'}' | b'\\'))
            && (!tilde || line.iter().any(|c| !c.is_ascii_whitespace()))
    };
    plain(before) && plain(after)
}

/// What a tag does to the depth of blocks.
enum Step {
    Open,
    Close,
    Same,
}

/// The end of the tag or comment at `start` (which begins with `{{`) and what it does to
/// the nesting; `None` if it is not closed.
fn read_tag(b: &[u8], start: usize) -> Option<(usize, Step)> {
    let rest = &b[start + 2..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(rest, b"--}}")?;
        return Some((start + 2 + end + 4, Step::Same));
    }
    let end = start + 2 + memchr::memmem::find(rest, b"}}")? + 2;
    let inner = &b[start + 2..end - 2];
    let inner = inner
        .iter()
        .position(|c| *c != b'~' && !c.is_ascii_whitespace())
        .map_or(&[][..], |k| &inner[k..]);
    let step = match inner.first() {
        Some(b'!') => Step::Same,
        Some(b'#') => Step::Open,
        Some(b'/') => Step::Close,
        // `{{^}}` is an else; `{{^name}}` opens an inverted block.
        Some(b'^')
            if inner[1..]
                .iter()
                .all(|c| *c == b'~' || c.is_ascii_whitespace()) =>
        {
            Step::Same
        }
        Some(b'^') => Step::Open,
        _ => Step::Same,
    };
    Some((end, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cut wherever it can be (pieces of a byte at least), then as the loader does:
    /// compiling in pieces makes what compiling whole makes. Returns the cuts.
    fn same_as_whole(source: &str) -> Vec<usize> {
        let whole = Template::compile_with_name(source, "t".to_string()).expect("compiles");
        let every = cuts(source, 1);
        if !every.is_empty() {
            let pieces = compile_cut(source, "t", &every).expect("cut and joined");
            assert_eq!(pieces, whole, "cut at {every:?}: {source}");
        }
        assert_eq!(compile(source, "t").expect("compiles"), whole, "{source}");
        every
    }

    fn at(t: &str, what: &str) -> usize {
        t.find(what).expect("in the text")
    }

    #[test]
    fn a_text_without_tags_is_what_handlebars_makes_of_it() {
        for text in [
            "a\n",
            " \n\t\n",
            "\n",
            "back\\slash \\\\ and \\{ brace\n",
            "{ single } braces }} and { {\n",
            "a {\n{ b\n",
            "crlf\r\nline\r\n",
            "~ tilde ~}\n",
            "Ação, 日本語, عربى\n",
            "no line end",
        ] {
            let compiled = Template::compile_with_name(text, "t".to_string()).expect("compiles");
            let mut made = plain(text);
            made.name = Some("t".to_string());
            assert_eq!(made, compiled, "{text:?}");
        }
    }

    #[test]
    fn every_shipped_template_compiles_in_pieces_to_what_it_compiles_whole() {
        let mut cut = 0;
        for (path, bytes) in crate::template::builtin_files() {
            if path.ends_with(".md.hbs") {
                let text = std::str::from_utf8(bytes).expect("UTF-8");
                same_as_whole(text);
                cut += cuts(text, PIECE).len();
            }
        }
        assert!(cut >= 20, "the shipped templates were cut {cut} times");
    }

    #[test]
    fn blocks_and_comments_are_never_cut() {
        // Each text, and the stretches (from, to) no cut may fall in.
        let cases: [(&str, &[(&str, &str)]); 6] = [
            (
                "a\nb\n{{#if a}}\nc\nd\n{{/if}}\ne\nf\n{{b}}\ng\nh\n",
                &[("{{#if", "{{/if}}")],
            ),
            (
                "a\nb\n{{#each xs}}\nc\nd\n{{else}}\ne\nf\n{{/each}}\ng\nh\n",
                &[("{{#each", "{{/each}}")],
            ),
            (
                "a\nb\n{{#if a}}\nc\nd\n{{^}}\ne\nf\n{{/if}}\ng\nh",
                &[("{{#if", "{{/if}}")],
            ),
            (
                "a\nb\n{{!--\nc\nd\n--}}\ne\nf\n{{! short\ng\nh }}\ni\nj\n",
                &[("{{!--", "--}}"), ("{{! short", "h }}")],
            ),
            (
                "a\nb\n{{#*inline \"p\"}}\nc\nd\n{{/inline}}\ne\nf\n",
                &[("{{#*inline", "{{/inline}}")],
            ),
            (
                "a\nb\n{{#if\n  a}}\nc\nd\n{{/if}}\ne\nf\n",
                &[("{{#if", "{{/if}}")],
            ),
        ];
        for (t, inside) in cases {
            let every = same_as_whole(t);
            assert!(every.contains(&2), "{every:?} {t}");
            for (from, to) in inside {
                let (from, to) = (at(t, from), at(t, to) + to.len());
                assert!(every.iter().all(|c| *c <= from || *c > to), "{every:?} {t}");
            }
        }
    }

    #[test]
    fn a_cut_needs_plain_lines_on_both_sides() {
        // The lines next to a tag, an escape or a stash are not cut.
        for t in [
            "a\nb\n  {{#if a}}  \nc\nd\n  {{/if}}  \n\ne\nf\n",
            "a\nb\n\\{{escaped}}\nc\nd\n{{{triple}}}\ne\nf\n",
            "a\nb\n{{> p}}\nc\nd\n{{> q}}\n",
            "a {x}\nb\n",
        ] {
            let every = same_as_whole(t);
            for (i, line) in t.split_inclusive('\n').enumerate() {
                let start: usize = t.split_inclusive('\n').take(i).map(str::len).sum();
                if line.contains(['{', '}', '\\']) {
                    assert!(!every.contains(&start), "{every:?} {t}");
                    assert!(!every.contains(&(start + line.len())), "{every:?} {t}");
                }
            }
        }
        // Whitespace control trims across blank lines: none is cut where there is any.
        let t = "a\nb\n\n\n{{~a}}\nc\n\n{{b~}}\n\nd\ne\n";
        assert_eq!(same_as_whole(t), [2, 26]);
        // Without it, blank lines are plain.
        let t = "a\nb\n\n\n{{a}}\nc\n\n\nd\n";
        assert_eq!(same_as_whole(t), [2, 4, 5, 14, 15, 16]);
        // Windows line ends.
        let t = "a\r\nb\r\n{{#if a}}\r\nc\r\n{{/if}}\r\nd\r\ne\r\n";
        assert_eq!(same_as_whole(t), [3, 32]);
    }

    #[test]
    fn what_cannot_be_read_with_certainty_is_compiled_whole() {
        for t in [
            "a\nb\n{{{{raw}}}}\nc\nd\n{{{{/raw}}}}\ne\nf\n",
            "a\nb\n{{/if}}\nc\nd\n",
            "a\nb\n{{#if a}}\nc\nd\n",
            "a\nb\n{{!-- open\nc\nd\n",
            "a\nb\n{{open\nc\nd\n",
        ] {
            assert!(cuts(t, 1).is_empty(), "{t}");
        }
        // An unclosed block is handlebars' error, with its place, as before.
        let t = "a\nb\nc\n{{#if a}}\nd\ne\n";
        let ours = compile(t, "t").expect_err("unclosed");
        let theirs = Template::compile_with_name(t, "t".to_string()).expect_err("unclosed");
        assert_eq!(ours.pos(), theirs.pos());
        assert_eq!(ours.reason().to_string(), theirs.reason().to_string());
        // A cut the reading allows but handlebars does not (a stray closing tag inside a
        // string) falls back to the whole text, and to its error.
        let t = "a\nb\n{{#if (eq x \"{{/if}}\")}}\nc\nd\n{{/if}}\ne\n";
        assert!(!cuts(t, 1).is_empty());
        assert_eq!(
            compile(t, "t").map_err(|e| e.pos()),
            Template::compile_with_name(t, "t".to_string()).map_err(|e| e.pos())
        );
    }

    #[test]
    fn long_plain_lines_are_hollowed_out_and_put_back() {
        let long = "A line of plain text, long enough";
        let hollowed = |t: &str| hollow(t).map(|(_, lines)| lines.len()).unwrap_or(0);
        // Inside blocks, next to standalone tags, else chains, `~` on either side.
        for t in [
            format!("{{{{#if a}}}}\n{long}\n{long}\n{{{{else}}}}\n{long}\n{{{{/if}}}}\n"),
            format!("x\n  {{{{#each xs}}}}\n{long}\n  {{{{/each}}}}\n{long}\n"),
            format!("{{{{#if a}}}}\n{long}\n{{{{else if b}}}}\n{long}\n{{{{else}}}}\n{long}\n{{{{/if}}}}\n"),
            format!("{{{{#if a~}}}}\n\n{long}\n\n{{{{~/if}}}}\n"),
            format!("{{{{~#if a~}}}}\n{long}\n{{{{~else~}}}}\n{long}\n{{{{~/if~}}}}\n"),
            format!("a {{{{b}}}}\n{long}\n{{{{#> p}}}}\n{long}\n{{{{/p}}}}\n"),
            format!("{{{{#*inline \"p\"}}}}\n{long}\n{{{{/inline}}}}\n{{{{> p}}}}\n"),
            format!("{{{{#if a}}}}\n{long}\n{{{{!-- {long}\n{long}\n--}}}}\n{long}\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n{long}\n{{{{/if}}}}"),
            format!("{{{{#if a}}}}{long}\n{long}\n{{{{/if}}}}\n"),
        ] {
            assert!(hollowed(&t) >= 1, "{t}");
            same_as_whole(&t);
        }
        // Not hollowed: whitespace at either end (ASCII or not), braces, backslashes,
        // carriage returns, short lines, a comment's lines, the rest of a tag's line.
        for t in [
            format!("{{{{#if a}}}}\n {long}\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n{long}\t\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n\u{a0}{long}\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n{long}\u{3000}\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n{long} {{ }}\n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\n{long} \\ \n{{{{/if}}}}\n"),
            format!("{{{{#if a}}}}\r\n{long}\r\n{{{{/if}}}}\r\n"),
            "{{#if a}}\nshort line\n{{/if}}\n".to_string(),
            format!("{{{{!-- \n{long}\n--}}}}\n"),
            format!("{{{{#if a}}}} {long}\n{{{{/if}}}}\n"),
        ] {
            assert_eq!(hollowed(&t), 0, "{t}");
            same_as_whole(&t);
        }
        // A text holding the mark, or a raw block, is compiled as it is.
        for t in [
            format!("{{{{#if a}}}}\n{long}\n\u{e000}0\n{{{{/if}}}}\n"),
            format!("{{{{{{{{raw}}}}}}}}\n{long}\n{{{{{{{{/raw}}}}}}}}\n"),
        ] {
            assert!(hollow(&t).is_none(), "{t}");
            same_as_whole(&t);
        }
        // A line inside a tag, read as text because a string in the tag holds `}}`: its
        // mark lands in the tag, not in a raw string, and the text compiles as it is.
        let t = "{{#if (eq x \"}}\")\nalpha beta gamma delta\n}}\nx\n{{/if}}\n";
        assert_eq!(hollowed(t), 1);
        let (text, lines) = hollow(t).expect("hollowed");
        let mut t2 = Template::compile_with_name(&text, "t".to_string()).expect("compiles");
        let mut used = vec![false; lines.len()];
        assert!(fill(&mut t2, &lines, &mut used));
        assert_eq!(used, [false], "the mark is a parameter of the tag");
        same_as_whole(t);
        // A template that does not compile gives handlebars' error for its own text.
        let t = format!("{{{{#if a}}}}\n{long}\n{{{{bad tag)}}}}\n{long}\n{{{{/if}}}}\n");
        assert_eq!(hollowed(&t), 2);
        let ours = compile(&t, "t").expect_err("bad tag");
        let theirs = Template::compile_with_name(&t, "t".to_string()).expect_err("bad tag");
        assert_eq!(ours.pos(), theirs.pos());
        assert_eq!(ours.reason().to_string(), theirs.reason().to_string());
    }

    #[test]
    fn lines_inside_blocks_are_counted_from_the_whole_text() {
        let t = "a\nb\n{{#if a}}\nx {{b}}\n{{/if}}\nc\nd\n{{#if c}}\ny {{d}}\n{{/if}}\ne\n";
        assert!(same_as_whole(t).contains(&at(t, "d\n{{#if c")));
        let got = compile_cut(t, "t", &cuts(t, 1)).expect("joined");
        let lines: Vec<usize> = got
            .elements
            .iter()
            .zip(&got.mapping)
            .filter_map(|(e, m)| match e {
                TemplateElement::HelperBlock(h) => {
                    let inner = h.template.as_ref().expect("a block");
                    Some([m.0, inner.mapping.get(1).expect("an expression").0])
                }
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(lines, [3, 4, 8, 9]);
    }
}
