//! The partial graph of one language's templates, checked when the templates load: handlebars
//! expands partials recursively with no depth limit, so partials that include each other
//! (a → b → a) would overflow the stack mid-batch, and a few partials that each include the
//! next twice would run for minutes. Both are refused up front with the files named.

use handlebars::template::{Parameter, Template, TemplateElement};
use std::collections::{BTreeMap, BTreeSet};

/// How many partial expansions one template may make before data is applied (each
/// `{{> name}}` counts once, wherever it sits): far above any real template set, far below
/// what takes noticeable time.
pub(crate) const MAX_EXPANSIONS: u64 = 10_000;

/// What is wrong with the partial graph.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum GraphError {
    /// A partial includes itself through the chain given (template keys, first repeated last).
    Cycle(Vec<String>),
    /// A template expands to more than [`MAX_EXPANSIONS`] partials.
    TooManyExpansions(String),
    /// A partial named by an expression (`{{> (lookup …)}}`), which cannot be checked.
    Dynamic(String),
}

/// One node: a registered template or partial (`"en/success-plan.md.hbs"`, `"title-block"`)
/// or an inline partial defined inside one (`"en/success-plan.md.hbs#name"`).
#[derive(Default)]
struct Node {
    /// Names referenced by `{{> name}}` / `{{#> name}}`, with repeats.
    refs: Vec<String>,
}

/// Checks the templates registered under `names` (their keys in `templates`).
pub(crate) fn check(templates: &BTreeMap<String, &Template>) -> Result<(), GraphError> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    // Inline partials by name: every node that defines one of that name.
    let mut inline: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, t) in templates {
        let mut node = Node::default();
        collect(key, t, &mut node, &mut nodes, &mut inline)?;
        nodes.insert(key.clone(), node);
    }
    // A reference resolves to the registered partial of that name and, since an inline
    // partial defined by a caller is visible to what it includes, to every inline partial
    // of that name: a safe over-approximation.
    let resolve = |name: &str| -> Vec<String> {
        let mut out = Vec::new();
        if templates.contains_key(name) {
            out.push(name.to_string());
        }
        if let Some(defs) = inline.get(name) {
            out.extend(defs.iter().cloned());
        }
        out
    };
    let edges: BTreeMap<&str, Vec<String>> = nodes
        .iter()
        .map(|(k, n)| (k.as_str(), n.refs.iter().flat_map(|r| resolve(r)).collect()))
        .collect();

    // Depth-first, iteratively (the graph itself may be deep), with expansion counts.
    let mut count: BTreeMap<&str, u64> = BTreeMap::new();
    let mut on_path: BTreeSet<&str> = BTreeSet::new();
    for start in edges.keys() {
        if count.contains_key(start) {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        on_path.insert(start);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let out = &edges[node];
            if *next < out.len() {
                let target = out[*next].as_str();
                *next += 1;
                if on_path.contains(target) {
                    let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut chain: Vec<String> =
                        stack[from..].iter().map(|(n, _)| n.to_string()).collect();
                    chain.push(target.to_string());
                    return Err(GraphError::Cycle(chain));
                }
                if !count.contains_key(target) {
                    on_path.insert(target);
                    stack.push((target, 0));
                }
            } else {
                let total = out.iter().fold(1u64, |acc, t| {
                    acc.saturating_add(count.get(t.as_str()).copied().unwrap_or(1))
                });
                if total > MAX_EXPANSIONS {
                    return Err(GraphError::TooManyExpansions(node.to_string()));
                }
                count.insert(node, total);
                on_path.remove(node);
                stack.pop();
            }
        }
    }
    Ok(())
}

/// Walks one template's elements, iteratively, recording the partials it names and the
/// inline partials it defines (as nodes of their own).
fn collect(
    key: &str,
    t: &Template,
    node: &mut Node,
    nodes: &mut BTreeMap<String, Node>,
    inline: &mut BTreeMap<String, Vec<String>>,
) -> Result<(), GraphError> {
    let mut todo: Vec<&Template> = vec![t];
    while let Some(t) = todo.pop() {
        for e in &t.elements {
            match e {
                TemplateElement::HelperBlock(h) => {
                    todo.extend(h.template.iter());
                    todo.extend(h.inverse.iter());
                }
                TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                    let name = match &d.name {
                        Parameter::Literal(serde_json::Value::String(s)) => s.as_str(),
                        Parameter::Subexpression(_) => {
                            return Err(GraphError::Dynamic(key.to_string()))
                        }
                        other => other.as_name().unwrap_or(""),
                    };
                    if !name.starts_with('@') && !name.is_empty() {
                        node.refs.push(name.to_string());
                    }
                    todo.extend(d.template.iter());
                }
                TemplateElement::DecoratorBlock(d)
                    if d.name.as_name() == Some("inline") && d.template.is_some() =>
                {
                    let name = match d.params.first() {
                        Some(Parameter::Literal(serde_json::Value::String(s))) => s.clone(),
                        Some(p) => p.as_name().unwrap_or_default().to_string(),
                        None => String::new(),
                    };
                    let id = format!("{key}#{name}");
                    let mut inner = Node::default();
                    if let Some(body) = &d.template {
                        collect(&id, body, &mut inner, nodes, inline)?;
                    }
                    nodes.insert(id.clone(), inner);
                    inline.entry(name).or_default().push(id);
                }
                TemplateElement::DecoratorBlock(d) => todo.extend(d.template.iter()),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(sources: &[(&str, &str)]) -> Result<(), GraphError> {
        let compiled: Vec<(String, Template)> = sources
            .iter()
            .map(|(k, s)| (k.to_string(), Template::compile(s).expect("compiles")))
            .collect();
        let map = compiled.iter().map(|(k, t)| (k.clone(), t)).collect();
        check(&map)
    }

    #[test]
    fn a_cycle_is_named_from_its_first_file() {
        let err = graph(&[
            ("main", "{{> a}}"),
            ("a", "A {{#if x}}{{> b}}{{/if}}"),
            ("b", "B {{> a}}"),
        ]);
        assert_eq!(
            err,
            Err(GraphError::Cycle(vec!["a".into(), "b".into(), "a".into()]))
        );
        assert!(matches!(
            graph(&[("a", "{{> a}}")]),
            Err(GraphError::Cycle(_))
        ));
    }

    #[test]
    fn an_inline_partial_including_its_caller_is_a_cycle() {
        let err = graph(&[
            ("main", "{{#*inline \"x\"}}{{> p}}{{/inline}}{{> p}}"),
            ("p", "{{> x}}"),
        ]);
        assert!(matches!(err, Err(GraphError::Cycle(_))), "{err:?}");
    }

    #[test]
    fn exponential_expansion_is_refused_and_a_shared_partial_is_not() {
        let mut sources: Vec<(String, String)> = (0..20)
            .map(|i| {
                (
                    format!("p{i}"),
                    format!("{{{{> p{0}}}}}{{{{> p{0}}}}}", i + 1),
                )
            })
            .collect();
        sources.push(("p20".into(), "leaf".into()));
        let refs: Vec<(&str, &str)> = sources
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert!(matches!(
            graph(&refs),
            Err(GraphError::TooManyExpansions(_))
        ));
        assert_eq!(
            graph(&[
                ("main", "{{> a}}{{> a}}{{#each xs}}{{> a}}{{/each}}"),
                ("a", "{{> @partial-block}}x")
            ]),
            Ok(())
        );
    }

    #[test]
    fn dynamic_partial_names_are_refused() {
        assert_eq!(
            graph(&[("main", "{{> (lookup this \"name\")}}")]),
            Err(GraphError::Dynamic("main".into()))
        );
    }
}
