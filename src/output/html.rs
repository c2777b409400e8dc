//! HTML writer: one self-contained file with inline styles (e-mail bodies, previews).
//!
//! Every style is inline because mail clients strip `<style>` blocks; colours and sizes
//! come from the theme, so the HTML looks like the PDF and the DOCX.

use crate::document::{
    Align, Block, CalloutKind, Chart, Check, Document, Inline, ListItem, Table, Tone,
};
use crate::i18n::Lang;
use crate::theme::Theme;
use std::fmt::Write;

/// Writes one document as a self-contained HTML page.
pub fn write(doc: &Document, theme: &Theme) -> String {
    let mut w = Html {
        theme,
        lang: doc.meta.lang,
        out: String::with_capacity(16 * 1024),
    };
    let c = &theme.colors;
    let _ = write!(
        w.out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background:#ffffff\">\n\
         <div style=\"max-width:760px;margin:0 auto;padding:24px;font-family:'{family}',Arial,Helvetica,sans-serif;\
         font-size:{body}px;line-height:1.45;color:{text}\">\n",
        lang = doc.meta.lang.tag(),
        title = escape(&doc.meta.for_properties().title),
        family = escape(&theme.fonts.family),
        body = px(theme.sizes.body),
        text = c.text.hex(),
    );
    w.blocks(&doc.blocks);
    if !doc.meta.footer.is_empty() {
        let _ = writeln!(
            w.out,
            "<p style=\"margin:24px 0 0;padding-top:8px;border-top:1px solid {};color:{};font-size:{}px\">{}</p>",
            c.rule.hex(),
            c.muted.hex(),
            px(theme.sizes.footer),
            escape(&doc.meta.footer)
        );
    }
    w.out.push_str("</div>\n</body>\n</html>\n");
    w.out
}

/// Points to CSS pixels, rounded: mail clients round anyway.
fn px(pt: f32) -> u32 {
    (pt * 4.0 / 3.0).round().max(1.0) as u32
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only links a reader can safely follow become `href`s ([`super::link_target`]), and
/// anchors inside the page.
fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    if u.starts_with('#') {
        return Some(u);
    }
    super::link_target(u)
}

struct Html<'a> {
    theme: &'a Theme,
    lang: Lang,
    out: String,
}

impl Html<'_> {
    fn tone_fill(&self, tone: Tone) -> String {
        let c = &self.theme.colors;
        match tone {
            Tone::Good => c.good,
            Tone::Warn => c.warn,
            Tone::Bad => c.bad,
            Tone::Muted => c.na,
            Tone::Info => c.info,
        }
        .hex()
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        let c = self.theme.colors;
        let s = self.theme.sizes;
        match b {
            Block::Heading {
                level,
                classes,
                content,
            } => {
                let (tag, size, color, weight, margin) = if classes.iter().any(|c| c == "subtitle")
                {
                    ("p", s.subtitle, c.muted, "normal", "0 0 16px")
                } else {
                    match level {
                        1 => ("h1", s.title, c.accent, "bold", "0 0 6px"),
                        2 => ("h2", s.h2, c.accent, "bold", "22px 0 8px"),
                        3 => ("h3", s.h3, c.accent, "bold", "16px 0 6px"),
                        _ => ("h4", s.h4, c.accent, "bold", "12px 0 4px"),
                    }
                };
                let border = if *level == 2 && tag == "h2" {
                    format!(
                        ";padding-bottom:4px;border-bottom:1px solid {}",
                        c.rule.hex()
                    )
                } else {
                    String::new()
                };
                let _ = write!(
                    self.out,
                    "<{tag} style=\"margin:{margin};font-size:{}px;color:{};font-weight:{weight};line-height:1.25{border}\">",
                    px(size),
                    color.hex()
                );
                self.inlines(content);
                let _ = writeln!(self.out, "</{tag}>");
            }
            Block::Paragraph(content) => {
                self.out.push_str("<p style=\"margin:0 0 10px\">");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::List { start, items } => self.list(*start, items),
            Block::Table(t) => self.table(t),
            Block::Callout { kind, blocks } => self.callout(*kind, blocks),
            Block::Quote(blocks) => {
                let _ = writeln!(
                    self.out,
                    "<blockquote style=\"margin:0 0 12px;padding:2px 12px;border-left:3px solid {};color:{};font-style:italic\">",
                    c.rule.hex(),
                    c.muted.hex()
                );
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(text) => {
                let _ = writeln!(
                    self.out,
                    "<pre style=\"margin:0 0 12px;padding:8px 10px;background:{};font-family:'Liberation Mono',Consolas,monospace;font-size:{}px;white-space:pre-wrap\">{}</pre>",
                    c.info.hex(),
                    px(s.table),
                    escape(text)
                );
            }
            Block::Rule => {
                let _ = writeln!(
                    self.out,
                    "<hr style=\"border:0;border-top:1px solid {};margin:16px 0\">",
                    c.rule.hex()
                );
            }
            Block::PageBreak => {
                self.out
                    .push_str("<div style=\"page-break-after:always;break-after:page\"></div>\n");
            }
            Block::Slide(blocks) => {
                let _ = writeln!(
                    self.out,
                    "<div style=\"margin:0 0 16px;padding:14px 18px;border:2px solid {};border-radius:6px\">",
                    c.accent.hex()
                );
                self.blocks(blocks);
                self.out.push_str("</div>\n");
            }
            Block::Chart(chart) => self.chart(chart),
            Block::Image { src, alt } => {
                let _ = writeln!(
                    self.out,
                    "<p style=\"margin:0 0 10px\"><img src=\"{}\" alt=\"{}\" style=\"max-width:100%\"></p>",
                    escape(src),
                    escape(alt)
                );
            }
        }
    }

    fn check(&mut self, check: Check) {
        let muted = self.theme.colors.muted.hex();
        match check {
            Check::Open => self.out.push('\u{2610}'),
            Check::Done => self.out.push('\u{2611}'),
            Check::NotApplicable => {
                let na = self.lang.not_applicable();
                let _ = write!(
                    self.out,
                    "<span style=\"color:{muted}\"><s>\u{2610}</s> {na}</span>"
                );
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Span {
                    text,
                    style,
                    link,
                    tone,
                } => {
                    let mut open = Vec::new();
                    if let Some(href) = link.as_deref().and_then(safe_href) {
                        let _ = write!(
                            self.out,
                            "<a href=\"{}\" style=\"color:{};text-decoration:underline\">",
                            escape(href),
                            self.theme.colors.link.hex()
                        );
                        open.push("</a>");
                    }
                    if let Some(t) = tone {
                        let _ = write!(
                            self.out,
                            "<span style=\"background:{};padding:1px 6px;border-radius:3px\">",
                            self.tone_fill(*t)
                        );
                        open.push("</span>");
                    }
                    if style.bold {
                        self.out.push_str("<strong>");
                        open.push("</strong>");
                    }
                    if style.italic {
                        self.out.push_str("<em>");
                        open.push("</em>");
                    }
                    if style.code {
                        let _ = write!(
                            self.out,
                            "<code style=\"font-family:'Liberation Mono',Consolas,monospace;background:{};padding:0 3px\">",
                            self.theme.colors.info.hex()
                        );
                        open.push("</code>");
                    }
                    self.out.push_str(&escape(text));
                    for close in open.iter().rev() {
                        self.out.push_str(close);
                    }
                }
                Inline::Check(c) => self.check(*c),
                Inline::LineBreak => self.out.push_str("<br>"),
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem]) {
        let checklist = items.iter().all(|i| i.check.is_some());
        let (tag, attrs) = match start {
            Some(n) if n != 1 => ("ol", format!(" start=\"{n}\"")),
            Some(_) => ("ol", String::new()),
            None => ("ul", String::new()),
        };
        let style = if checklist {
            "margin:0 0 10px;padding-left:4px;list-style:none"
        } else {
            "margin:0 0 10px;padding-left:24px"
        };
        let _ = writeln!(self.out, "<{tag}{attrs} style=\"{style}\">");
        for item in items {
            let li_style = if item.check.is_some() && !checklist {
                "margin:0 0 4px;list-style:none"
            } else {
                "margin:0 0 4px"
            };
            let _ = write!(self.out, "<li style=\"{li_style}\">");
            if let Some(c) = item.check {
                self.check(c);
                self.out.push(' ');
            }
            // A tight item's paragraph sits inline, as a browser shows a Markdown list.
            let mut rest: &[Block] = &item.blocks;
            if let Some(Block::Paragraph(content)) = rest.first() {
                self.inlines(content);
                rest = &rest[1..];
            }
            self.blocks(rest);
            self.out.push_str("</li>\n");
        }
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn table(&mut self, t: &Table) {
        let c = self.theme.colors;
        let cols = t
            .header
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        let widths: Option<Vec<f32>> = t.widths.as_ref().map(|w| {
            let w: Vec<f32> = (0..cols)
                .map(|i| w.get(i).copied().unwrap_or(1.0))
                .collect();
            let sum: f32 = w.iter().sum::<f32>().max(0.001);
            w.iter().map(|x| x / sum * 100.0).collect()
        });
        let _ = writeln!(
            self.out,
            "<table role=\"table\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;width:100%;margin:0 0 14px;font-size:{}px\">",
            px(self.theme.sizes.table)
        );
        let align = |i: usize| match t.align.get(i) {
            Some(Align::Center) => "center",
            Some(Align::Right) => "right",
            _ => "left",
        };
        if !t.header.is_empty() {
            self.out.push_str("<thead><tr>");
            for i in 0..cols {
                let width = widths
                    .as_ref()
                    .and_then(|w| w.get(i))
                    .map(|w| format!(";width:{w:.1}%"))
                    .unwrap_or_default();
                let _ = write!(
                    self.out,
                    "<th style=\"background:{};color:{};text-align:{};padding:5px 7px;border:1px solid {}{width}\">",
                    c.table_header.hex(),
                    c.table_header_text.hex(),
                    align(i),
                    c.rule.hex()
                );
                if let Some(cell) = t.header.get(i) {
                    self.inlines(cell);
                }
                self.out.push_str("</th>");
            }
            self.out.push_str("</tr></thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for (r, row) in t.rows.iter().enumerate() {
            self.out.push_str("<tr>");
            for i in 0..cols {
                let cell = row.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let bg = match cell {
                    [Inline::Span { tone: Some(t), .. }] => {
                        format!(";background:{}", self.tone_fill(*t))
                    }
                    _ if r % 2 == 1 => format!(";background:{}", c.stripe.hex()),
                    _ => String::new(),
                };
                let _ = write!(
                    self.out,
                    "<td style=\"text-align:{};padding:4px 7px;border:1px solid {};vertical-align:top{bg}\">",
                    align(i),
                    c.rule.hex()
                );
                // A toned cell is filled already; a badge inside it would be a box in a box.
                match cell {
                    [Inline::Span {
                        text,
                        tone: Some(_),
                        ..
                    }] => self.out.push_str(&escape(text)),
                    _ => self.inlines(cell),
                }
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn callout(&mut self, kind: CalloutKind, blocks: &[Block]) {
        let c = self.theme.colors;
        let (title, fill) = match kind {
            CalloutKind::Note => (["Note", "Observação"], c.info),
            CalloutKind::Tip => (["Tip", "Dica"], c.info),
            CalloutKind::Important => (["Important", "Importante"], c.good),
            CalloutKind::Warning => (["Warning", "Aviso"], c.warn),
            CalloutKind::Caution => (["Caution", "Cuidado"], c.bad),
        };
        let title = match self.lang {
            Lang::En => title[0],
            Lang::PtBr => title[1],
        };
        let _ = writeln!(
            self.out,
            "<div style=\"margin:0 0 14px;padding:8px 12px;background:{};border-left:4px solid {}\">\n<p style=\"margin:0 0 4px;font-weight:bold;color:{}\">{}</p>",
            fill.hex(),
            c.accent.hex(),
            c.accent.hex(),
            escape(title)
        );
        self.blocks(blocks);
        self.out.push_str("</div>\n");
    }

    fn chart(&mut self, chart: &Chart) {
        let c = self.theme.colors;
        if !chart.title.is_empty() {
            let _ = writeln!(
                self.out,
                "<p style=\"margin:10px 0 4px;font-weight:bold;color:{}\">{}</p>",
                c.accent.hex(),
                escape(&chart.title)
            );
        }
        let _ = writeln!(
            self.out,
            "<table role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;width:100%;margin:0 0 14px;font-size:{}px\">",
            px(self.theme.sizes.table)
        );
        for (label, v) in &chart.bars {
            let v = if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let pct = crate::template::format_percent(f64::from(v), 0, self.lang);
            let _ = writeln!(
                self.out,
                "<tr><td style=\"width:35%;padding:3px 8px 3px 0\">{}</td>\
                 <td style=\"padding:3px 0\"><div style=\"background:{};height:12px;width:100%\">\
                 <div style=\"background:{};height:12px;width:{:.0}%\"></div></div></td>\
                 <td style=\"width:48px;padding:3px 0 3px 8px;text-align:right\">{}</td></tr>",
                escape(label),
                c.stripe.hex(),
                c.accent.hex(),
                v * 100.0,
                escape(&pct)
            );
        }
        self.out.push_str("</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{markdown, Meta};

    #[test]
    fn escapes_text_and_drops_unsafe_links() {
        let doc = Document {
            meta: Meta::default(),
            blocks: markdown::parse("a <b> & [x](javascript:alert(1)) [y](https://e.com/?a=1&b=2)"),
        };
        let html = write(&doc, &Theme::default());
        assert!(html.contains("a &lt;b&gt; &amp; x "));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("href=\"https://e.com/?a=1&amp;b=2\""));
    }
}
