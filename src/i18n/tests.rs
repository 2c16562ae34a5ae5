//! No missing keys: every language has the keys Bokmål has. That the code asks only for keys
//! Bokmål has is the compiler's check (`k!`); here, that the check reads the catalogue right.

use std::collections::BTreeSet;

use super::{lookup, parse, Lang};

fn keys(lang: Lang) -> BTreeSet<&'static str> {
    parse(lang.source()).into_keys().collect()
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
fn a_key_is_found_only_as_a_whole_key_before_its_equals_sign() {
    let catalogue = b"# comment = not a key\napp.name = Innboks\n  indented.key\t= yes\napp.retry=Igjen";
    for key in ["app.name", "indented.key", "app.retry"] {
        assert!(super::has_key(catalogue, key.as_bytes()), "{key}");
    }
    for key in ["app", "app.nam", "app.name.one", "Innboks", "# comment", ""] {
        assert!(!super::has_key(catalogue, key.as_bytes()), "{key}");
    }
}

#[test]
fn the_compile_time_check_reads_the_catalogue_as_the_lookup_does() {
    // Every key Bokmål has passes `Key::checked`, so `k!` refuses only keys that are missing.
    for key in keys(Lang::Nb) {
        assert!(super::has_key(super::BOKMAL.as_bytes(), key.as_bytes()), "{key}");
    }
    assert_eq!(lookup(Lang::Nb, k!("app.name")), "Innboks");
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
