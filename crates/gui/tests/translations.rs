//! Every language has every English key, no key English lacks, and the same placeables
//! (`{ $name }`) in each message — a missing or renamed placeable would show a raw `{ $name }`
//! or lose information in that language.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

const LANGUAGES: [&str; 3] = ["ro", "sr-Latn", "sr-Cyrl"];

fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast::Entry;
    let path = format!("{}/../../assets/i18n/{lang}/pecat.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let resource =
        fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let mut variables = BTreeSet::new();
                let value = m.value.unwrap_or_else(|| panic!("{path}: {} has no value", m.id.name));
                pattern_variables(&value, &mut variables);
                assert!(out.insert(m.id.name.to_owned(), variables).is_none(), "{path}: {} twice", m.id.name);
            }
            Entry::Junk { content } => panic!("{path}: cannot parse {content:?}"),
            _ => {}
        }
    }
    out
}

/// The variables (`{ $name }`) a message uses, in its text and in every variant of a plural.
fn pattern_variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let fluent_syntax::ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &fluent_syntax::ast::Expression<&str>, out: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression};
    let inline = match expression {
        Expression::Inline(inline) => inline,
        Expression::Select { selector, variants } => {
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
            selector
        }
    };
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                expression_variables(&Expression::Inline(argument.clone()), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_language_has_every_key_with_the_same_placeables() {
    let english = messages("en");
    assert!(english.len() > 100, "the English file looks truncated");
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        let other = messages(lang);
        for (key, placeables) in &english {
            match other.get(key) {
                None => problems.push(format!("{lang}: {key} is missing")),
                Some(p) if p != placeables => {
                    problems.push(format!("{lang}: {key} has placeables {p:?}, English has {placeables:?}"))
                }
                Some(_) => {}
            }
        }
        for key in other.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{lang}: {key} is not in English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scripts_are_the_right_ones() {
    let cyrillic =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/i18n/sr-Cyrl/pecat.ftl")).unwrap();
    assert!(cyrillic.contains("ПИН") && cyrillic.contains('ђ') || cyrillic.contains('ћ'), "sr-Cyrl is not Cyrillic");
    let romanian =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/i18n/ro/pecat.ftl")).unwrap();
    for c in ['ș', 'ț', 'ă', 'â', 'î'] {
        assert!(romanian.contains(c), "Romanian lacks {c}");
    }
    assert!(!romanian.contains('ş') && !romanian.contains('ţ'), "Romanian uses cedilla ş/ţ instead of comma-below ș/ț");
}
