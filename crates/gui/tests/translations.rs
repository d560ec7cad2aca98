//! Every language has every English key, no key English lacks, and the same placeables
//! (`{ $name }`) in each message — a missing or renamed placeable would show a raw `{ $name }`
//! or lose information in that language.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

const LANGUAGES: [&str; 3] = ["ro", "sr-Latn", "sr-Cyrl"];

fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = format!("{}/../../assets/i18n/{lang}/pecat.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        assert!(!line.starts_with(' '), "{path}:{}: multi-line messages are not used: {line}", n + 1);
        let (key, value) = line.split_once(" = ").unwrap_or_else(|| panic!("{path}:{}: not `key = value`", n + 1));
        let mut placeables = BTreeSet::new();
        let mut rest = value;
        while let Some(start) = rest.find("{ $") {
            let end = rest[start..].find('}').unwrap_or_else(|| panic!("{path}:{}: unclosed placeable", n + 1));
            placeables.insert(rest[start + 3..start + end].trim().to_owned());
            rest = &rest[start + end..];
        }
        assert!(out.insert(key.trim().to_owned(), placeables).is_none(), "{path}: {key} twice");
    }
    out
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
