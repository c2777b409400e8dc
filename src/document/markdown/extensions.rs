//! Our extensions read out of what pulldown-cmark hands over: ```` ```chart ```` blocks
//! and the few HTML forms templates use (comments as directives, `<span class>`,
//! `<check/>`, `<br>`), tokenised here and interpreted by the builder.

use crate::document::{Block, Chart};

pub(super) fn code_block(info: Option<&str>, text: String) -> Block {
    if info.and_then(|i| i.split_whitespace().next()) == Some("chart") {
        if let Some(chart) = parse_chart(&text) {
            return Block::Chart(chart);
        }
    }
    Block::Code(text.trim_end_matches('\n').to_string())
}

/// Reads a ```` ```chart ```` body; `None` (shown as code) when a line is not a bar.
pub(super) fn parse_chart(text: &str) -> Option<Chart> {
    let mut title = String::new();
    let mut bars = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if bars.is_empty() && title.is_empty() {
            if let Some(t) = line.strip_prefix("title:") {
                title = unescape(t.trim());
                continue;
            }
        }
        let (label, value) = split_last_unescaped_pipe(line)?;
        let value = value.trim();
        let v = match value.strip_suffix('%') {
            Some(p) => p.trim().replace(',', ".").parse::<f32>().ok()? / 100.0,
            None => value.replace(',', ".").parse::<f32>().ok()?,
        };
        if !v.is_finite() {
            return None;
        }
        bars.push((unescape(label.trim()), v.clamp(0.0, 1.0)));
    }
    Some(Chart { title, bars })
}

/// Splits at the last `|` not escaped with a backslash (labels come through the
/// Markdown escaper, which writes `\|`).
pub(super) fn split_last_unescaped_pipe(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'|' => found = Some(i),
            _ => {}
        }
        i += 1;
    }
    found.map(|i| (&line[..i], &line[i + 1..]))
}

/// Removes Markdown backslash escapes and turns `<br>` back into a space.
pub(super) fn unescape(s: &str) -> String {
    let s = s.replace("<br>", " ");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

pub(super) enum HtmlToken<'a> {
    Comment(&'a str),
    Tag(&'a str),
    Text(&'a str),
}

/// Splits raw HTML into comments, tags and text, without judging them.
pub(super) fn html_tokens(html: &str) -> Vec<HtmlToken<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => {
                    out.push(HtmlToken::Comment(&body[..end]));
                    rest = &body[end + 3..];
                }
                None => {
                    out.push(HtmlToken::Comment(body));
                    rest = "";
                }
            }
        } else if rest.starts_with('<') {
            let end = rest[1..].find(['<', '>']).map(|i| i + 1);
            match end {
                Some(e) if rest.as_bytes().get(e) == Some(&b'>') => {
                    out.push(HtmlToken::Tag(&rest[..=e]));
                    rest = &rest[e + 1..];
                }
                _ => {
                    let e = end.unwrap_or(rest.len());
                    out.push(HtmlToken::Text(&rest[..e]));
                    rest = &rest[e..];
                }
            }
        } else {
            let e = rest.find('<').unwrap_or(rest.len());
            out.push(HtmlToken::Text(&rest[..e]));
            rest = &rest[e..];
        }
    }
    out
}

pub(super) struct HtmlTag {
    pub(super) name: String,
    pub(super) closing: bool,
    pub(super) class: Option<String>,
    pub(super) attrs: Vec<String>,
}

/// Reads `<name attr attr="v" …>` or `</name>`; `None` when it is not a tag.
pub(super) fn parse_tag(s: &str) -> Option<HtmlTag> {
    let inner = s.strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let mut class = None;
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = None;
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, r) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = Some(v.to_string());
            rest = r.trim_start();
        }
        if key == "class" {
            class = value;
        } else if !key.is_empty() {
            attrs.push(key);
        } else {
            break;
        }
    }
    Some(HtmlTag {
        name,
        closing,
        class,
        attrs,
    })
}
