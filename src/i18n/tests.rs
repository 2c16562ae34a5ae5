//! No missing keys: every language has the same keys, and every key the code asks for exists.

use std::collections::BTreeSet;

use super::{parse, Lang};

fn keys(lang: Lang) -> BTreeSet<&'static str> {
    parse(lang.source()).into_keys().collect()
}

/// Keys used in the source: the string literal after `tr("`, `.t("` or `.tf("`, and
/// `status.`/`label.`/`folder.` keys built from enum names.
fn used_keys() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in ["tr(\"", ".t(\"", ".tf(\"", ".tn(\"", ".say(\"", "label: \"", "label=\"", "text(\""] {
                    for piece in text.split(marker).skip(1) {
                        if let Some(end) = piece.find('"') {
                            used.insert(piece[..end].to_owned());
                        }
                    }
                }
            }
        }
    }
    for s in dialogporten::DialogStatus::ALL {
        used.insert(format!("status.{s}"));
    }
    for key in ["migration.live.ok", "migration.live.paused", "migration.live.failing", "date.from", "date.to", "filter.date"] {
        used.insert(key.to_owned());
    }
    for a in dialogporten::ActivityType::ALL {
        used.insert(format!("activity.{a}"));
    }
    for s in crate::list_query::Sort::ALL {
        used.insert(s.label_key().to_owned());
    }
    for f in crate::owner_query::FILTERS {
        used.insert(f.label.to_owned());
    }
    for s in crate::owner_query::SORTS {
        used.insert(format!("so.sort.{s}"));
    }
    for l in dialogporten::SystemLabel::ALL {
        used.insert(format!("so.label.{l}"));
    }
    for p in crate::list_query::Period::CHOICES {
        used.insert(p.label_key().to_owned());
    }
    for f in dialogporten::Folder::ALL {
        used.insert(f.label_key().to_owned());
    }
    used
}

#[test]
fn every_language_has_every_key() {
    let nb = keys(Lang::Nb);
    for lang in [Lang::Nn, Lang::En] {
        let other = keys(lang);
        let missing: Vec<_> = nb.difference(&other).collect();
        let extra: Vec<_> = other.difference(&nb).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, not in nb {extra:?}");
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let nb = keys(Lang::Nb);
    let used = used_keys();
    assert!(used.len() > 20, "the scan found the keys ({})", used.len());
    let missing: Vec<_> = used.iter().filter(|k| !nb.contains(k.as_str())).collect();
    assert!(missing.is_empty(), "keys used in src/ but missing in content/i18n: {missing:?}");
}

#[test]
fn no_value_is_empty_or_left_untranslated_by_accident() {
    for lang in Lang::ALL {
        for (k, v) in parse(lang.source()) {
            assert!(!v.is_empty(), "{lang:?} {k} is empty");
        }
    }
}

#[test]
fn every_singular_has_its_plural_with_a_count() {
    for lang in Lang::ALL {
        let table = parse(lang.source());
        for (k, _) in table.iter().filter(|(k, _)| k.ends_with(".one")) {
            let plural = table.get(k.trim_end_matches(".one")).unwrap_or_else(|| panic!("{lang:?} {k} has no plural"));
            assert!(plural.contains("{count}"), "{lang:?} {k}: the plural says how many");
        }
    }
}
