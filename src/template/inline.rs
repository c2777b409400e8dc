//! Plain partial includes rendered in place.
//!
//! handlebars renders `{{> name}}` by cloning the whole current context (the partial gets
//! a block of its own whose value is a copy of it): for the Success Plan's two includes,
//! two deep copies of an engagement's facts, 1.2 % of a batch's time. Where an include
//! cannot behave differently from its partial's elements rendered in place, it is
//! replaced, once when the templates load, by a block of [`HELPER`] holding the
//! partial's compiled template: the partial renders against the same context, uncopied.
//!
//! "Cannot behave differently" is checked, not assumed. The include stands at the top
//! level of a registered template, or in `if` and `unless` blocks there (handlebars'
//! own helpers, which render their blocks against the same context: no block
//! parameters, no `@index` to inherit), not indented (no indentation to apply to the partial's lines), with no
//! context argument, hash or block; the template defines no inline partials (which could
//! shadow the partial's name); the partial refers to no parent context (`..`), no
//! `@partial-block` and defines no inline partials of its own. Anything else stays an
//! include. The partial's template keeps its name and line mapping, so an error inside
//! it names the partial's file and line as before; the include's own line is the
//! parent's as before.

use handlebars::template::{
    ExpressionSpecBuilder, HelperTemplate, Parameter, Template, TemplateElement,
};
use handlebars::{Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext};
use handlebars::{RenderError, Renderable};
use std::collections::HashMap;

/// The helper an inlined include becomes: a name no template can write (it has spaces).
pub(crate) const HELPER: &str = "successkit inlined partial";

/// Renders its block (the partial's template) against the current context, then puts
/// back the template name handlebars tracks, as the end of an include does.
struct Inlined;

impl HelperDef for Inlined {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let before = rc.get_current_template_name();
        let result: Result<(), RenderError> = match h.template() {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        };
        rc.set_current_template_name(before);
        result
    }
}

/// Registers [`HELPER`].
pub(crate) fn register(hb: &mut Handlebars<'static>) {
    hb.register_helper(HELPER, Box::new(Inlined));
}

/// Replaces the plain includes of each registered template (keys with a `/`; partials
/// are registered by their bare names) by their partials' templates. `source` gives a
/// partial's text by its name. Returns how many includes were replaced.
pub(crate) fn inline_partials<'a>(
    hb: &mut Handlebars<'static>,
    source: impl Fn(&str) -> Option<&'a str>,
) -> usize {
    let templates = hb.get_templates();
    let plain: HashMap<&str, &Template> = templates
        .iter()
        .filter(|(name, t)| {
            !name.contains('/') && source(name).is_some_and(|s| plain_partial(s, t))
        })
        .map(|(name, t)| (name.as_str(), t))
        .collect();
    let mut replaced: Vec<(String, Template)> = Vec::new();
    let mut count = 0;
    for (name, t) in templates {
        if !name.contains('/') || has_decorator_or_partial_block(t) {
            continue;
        }
        let mut new = t.clone();
        let n = inline_in(&mut new, &plain);
        if n > 0 {
            count += n;
            replaced.push((name.clone(), new));
        }
    }
    for (name, t) in replaced {
        hb.register_template(&name, t);
    }
    count
}

/// Replaces the plain includes among `t`'s elements, and among those of the `if` and
/// `unless` blocks in it (handlebars' own helpers render their blocks against the same
/// context, with no block of their own), by the partials' templates.
fn inline_in(t: &mut Template, plain: &HashMap<&str, &Template>) -> usize {
    let mut count = 0;
    for e in &mut t.elements {
        match e {
            TemplateElement::HelperBlock(h)
                if matches!(h.name.as_name(), Some("if" | "unless")) && h.block_param.is_none() =>
            {
                for inner in h.template.iter_mut().chain(h.inverse.iter_mut()) {
                    count += inline_in(inner, plain);
                }
            }
            TemplateElement::PartialExpression(d) => {
                let partial = match &d.name {
                    Parameter::Name(n) => plain.get(n.as_str()),
                    _ => None,
                };
                let Some(partial) = partial else { continue };
                if !(d.params.is_empty()
                    && d.hash.is_empty()
                    && d.template.is_none()
                    && d.indent.is_none())
                {
                    continue;
                }
                let Ok(spec) = ExpressionSpecBuilder::default()
                    .name(Parameter::Name(HELPER.to_string()))
                    .params(Vec::new())
                    .hash(HashMap::new())
                    .omit_pre_ws(false)
                    .omit_pro_ws(false)
                    .build()
                else {
                    continue;
                };
                let mut block = HelperTemplate::new(spec, true, false);
                block.template = Some((*partial).clone());
                *e = TemplateElement::HelperBlock(Box::new(block));
                count += 1;
            }
            _ => {}
        }
    }
    count
}

/// Whether a partial renders the same in place: nothing in it reaches a parent context
/// or a partial block, and it defines no inline partials.
fn plain_partial(source: &str, t: &Template) -> bool {
    !source.contains("..")
        && !source.contains("partial-block")
        && !has_decorator_or_partial_block(t)
}

/// Whether `t` holds a decorator (`{{*name}}`, `{{#*inline}}`) or a partial block
/// anywhere.
fn has_decorator_or_partial_block(t: &Template) -> bool {
    let mut todo: Vec<&Template> = vec![t];
    while let Some(t) = todo.pop() {
        for e in &t.elements {
            match e {
                TemplateElement::DecoratorExpression(_)
                | TemplateElement::DecoratorBlock(_)
                | TemplateElement::PartialBlock(_) => return true,
                TemplateElement::HelperBlock(h) => {
                    todo.extend(h.template.iter());
                    todo.extend(h.inverse.iter());
                }
                TemplateElement::PartialExpression(d) => todo.extend(d.template.iter()),
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Two registries of the same templates (`main.md.hbs/…` keys are templates, bare
    /// names partials), the second with its includes inlined; returns how many were.
    fn registries(sources: &[(&str, &str)]) -> (Handlebars<'static>, Handlebars<'static>, usize) {
        let make = || {
            let mut hb = Handlebars::new();
            hb.set_strict_mode(true);
            for (name, text) in sources {
                hb.register_template_string(name, *text).expect("compiles");
            }
            register(&mut hb);
            hb
        };
        let plain = make();
        let mut inlined = make();
        let n = inline_partials(&mut inlined, |name| {
            sources.iter().find(|(k, _)| *k == name).map(|(_, s)| *s)
        });
        (plain, inlined, n)
    }

    #[test]
    fn inlined_includes_render_as_handlebars_renders_them() {
        let data = json!({"a": "A", "xs": [1, 2], "nested": {"b": "B"}, "flag": true});
        let cases: &[(&[(&str, &str)], usize)] = &[
            // standalone twice, a partial without a final newline; mid-line after a
            // space, handlebars gives the include an indent: it stays one
            (&[("t/main", "x\n{{> p}}\ny {{> p}} z\n{{> q}}\n{{> p}}end"), ("p", "[{{a}}]\n"), ("q", "{{#if flag}}\nyes\n{{/if}}")], 3),
            // @root, this, an each inside the partial, a nested include
            (&[("t/main", "{{> p}}"), ("p", "{{@root.a}}{{this.a}}{{#each xs}}<{{this}}{{@index}}>{{/each}}{{> q}}"), ("q", "{{nested.b}}")], 1),
            // whitespace control around the include
            (&[("t/main", "a  {{~> p~}}  b\n"), ("p", " P ")], 1),
            // in if and unless blocks, their else branches, an else-if chain
            (&[("t/main", "{{#if flag}}\n{{> p}}\n{{else}}\n{{> p}}\n{{/if}}{{#unless flag}}{{> p}}{{else if a}}{{> p}}{{/unless}}"), ("p", "{{a}}\n")], 4),
        ];
        for (sources, expected) in cases {
            let (plain, inlined, n) = registries(sources);
            assert_eq!(n, *expected, "{sources:?}");
            assert_eq!(
                plain.render("t/main", &data).expect("renders"),
                inlined.render("t/main", &data).expect("renders"),
                "{sources:?}"
            );
        }
    }

    #[test]
    fn includes_that_could_render_differently_stay_includes() {
        let data = json!({"a": "A", "xs": [{"a": "x"}], "nested": {"a": "N"}});
        let cases: &[&[(&str, &str)]] = &[
            // indented: the partial's lines are indented
            &[("t/main", "list:\n  {{> p}}\n"), ("p", "one\ntwo\n")],
            // a context argument, a hash, a block
            &[("t/main", "{{> p nested}}"), ("p", "{{a}}")],
            &[("t/main", "{{> p a=\"h\"}}"), ("p", "{{a}}")],
            &[
                ("t/main", "{{#> p}}inner{{/p}}"),
                ("p", "{{> @partial-block}}"),
            ],
            // inside a block that changes the context: the partial's own context
            &[("t/main", "{{#each xs}}{{> p}}{{/each}}"), ("p", "{{a}}")],
            &[
                ("t/main", "{{#with nested}}{{> p}}{{/with}}"),
                ("p", "{{a}}"),
            ],
            // a parent path in the partial
            &[
                ("t/main", "{{#with nested}}x{{/with}}{{> p}}"),
                ("p", "{{#with nested}}{{../a}}{{/with}}"),
            ],
            // an inline partial of the same name in the template
            &[
                ("t/main", "{{#*inline \"p\"}}inline{{/inline}}{{> p}}"),
                ("p", "file"),
            ],
        ];
        for sources in cases {
            let (plain, inlined, n) = registries(sources);
            assert_eq!(n, 0, "{sources:?}");
            assert_eq!(
                plain.render("t/main", &data).ok(),
                inlined.render("t/main", &data).ok(),
                "{sources:?}"
            );
        }
    }

    #[test]
    fn an_error_inside_an_inlined_partial_names_the_partial_and_its_line() {
        let sources = [
            ("t/main", "one\n{{> p}}\n{{missing_after}}\n"),
            ("p", "p1\np2 {{missing}}\n"),
        ];
        let (plain, inlined, n) = registries(&sources);
        assert_eq!(n, 1);
        for hb in [&plain, &inlined] {
            let e = hb.render("t/main", &json!({})).expect_err("strict");
            assert_eq!(e.template_name.as_deref(), Some("p"));
            assert_eq!((e.line_no, e.column_no), (Some(2), Some(4)));
        }
        // After the partial, the template's own name and line again.
        let data = json!({"missing": 1});
        for hb in [&plain, &inlined] {
            let e = hb.render("t/main", &data).expect_err("strict");
            assert_eq!(e.template_name.as_deref(), Some("t/main"));
            assert_eq!(e.line_no, Some(3));
        }
    }
}
