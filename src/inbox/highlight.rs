//! Where a free-text search matched: the text cut into plain and matching runs, so the list can
//! mark the matches (`<mark>`) without ever building markup from the text. Dialogporten matches
//! the search as one phrase, ignoring case; so does this.

/// `text` as runs of (piece, matched). Without a query, or without a match, one plain run.
pub fn segments(text: &str, query: Option<&str>) -> Vec<(String, bool)> {
    let query: Vec<char> = query.map(str::trim).unwrap_or_default().chars().map(fold).collect();
    let chars: Vec<char> = text.chars().collect();
    if query.is_empty() || chars.len() < query.len() {
        return vec![(text.to_owned(), false)];
    }
    let folded: Vec<char> = chars.iter().copied().map(fold).collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i + query.len() <= folded.len() {
        if folded[i..i + query.len()] == query[..] {
            if start < i {
                out.push((chars[start..i].iter().collect(), false));
            }
            out.push((chars[i..i + query.len()].iter().collect(), true));
            i += query.len();
            start = i;
        } else {
            i += 1;
        }
    }
    if start < chars.len() || out.is_empty() {
        out.push((chars[start..].iter().collect(), false));
    }
    out
}

/// One character to compare by: lower case where that is one character (Æ, Ø and Å are).
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::segments;

    fn marked(text: &str, query: &str) -> String {
        segments(text, Some(query)).into_iter().map(|(t, m)| if m { format!("[{t}]") } else { t }).collect()
    }

    #[test]
    fn matches_are_cut_out_whatever_their_case() {
        assert_eq!(marked("Skattemelding for 2026", "skatt"), "[Skatt]emelding for 2026");
        assert_eq!(marked("Søknad om SKATTEFRADRAG og skattekort", "Skatte"), "Søknad om [SKATTE]FRADRAG og [skatte]kort");
        assert_eq!(marked("Årsoppgjør for ÆØÅ AS", "æøå"), "Årsoppgjør for [ÆØÅ] AS");
        assert_eq!(marked("aaaa", "aa"), "[aa][aa]");
    }

    #[test]
    fn no_query_or_no_match_is_one_plain_run() {
        assert_eq!(segments("Vedtak", None), vec![("Vedtak".to_owned(), false)]);
        assert_eq!(segments("Vedtak", Some("  ")), vec![("Vedtak".to_owned(), false)]);
        assert_eq!(segments("Vedtak", Some("skatt")), vec![("Vedtak".to_owned(), false)]);
        assert_eq!(segments("", Some("skatt")), vec![(String::new(), false)]);
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        assert_eq!(marked("<b>skatt</b>", "skatt"), "<b>[skatt]</b>");
    }
}
