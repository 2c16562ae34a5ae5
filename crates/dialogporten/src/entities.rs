//! HTML character references, decoded one way for the SPA (content as service owners write it)
//! and the server (text taken from Altinn 2's HTML), so both read `&aring;` alike.

/// Decodes the character references content uses; unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1).unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "aring" => Some('å'),
            "Aring" => Some('Å'),
            "oslash" => Some('ø'),
            "Oslash" => Some('Ø'),
            "aelig" => Some('æ'),
            "AElig" => Some('Æ'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            "hellip" => Some('…'),
            "copy" => Some('©'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32).filter(|c| *c != '\0')
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn named_and_numeric_references_decode_and_unknown_ones_stay() {
        assert_eq!(decode_entities("Bl&aring;b&aelig;r &amp; &#248;l &#x2013; &bogus; &"), "Blåbær & øl – &bogus; &");
        assert_eq!(decode_entities("&#0;"), "&#0;", "NUL is never produced");
    }
}
