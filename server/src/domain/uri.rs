//! What a well-formed URI is, as Dialogporten checks it: one rule for the end user's search
//! (`process`) and the service owner's writes (`process`, `precedingProcess`).

/// .NET's `Uri.IsWellFormedUriString(s, UriKind.RelativeOrAbsolute)`, which Dialogporten's
/// `IsValidUri` asks of `process` and `precedingProcess`: every character allowed by RFC 3986
/// (non-ASCII and spaces escaped), `%` only before two hex digits, one `#` at most, a scheme
/// (when there is one) of a letter then letters, digits, `+`, `-`, `.`, and a host after
/// `http(s)://`. A relative reference (`a/b`) is well formed.
pub fn is_well_formed_uri(s: &str) -> bool {
    let b = s.as_bytes();
    let allowed = |c: u8| c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if b.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => i += 3,
            c if c != b'%' && allowed(c) => i += 1,
            _ => return false,
        }
    }
    if s.matches('#').count() > 1 {
        return false;
    }
    let first_segment = s.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((scheme, _)) = first_segment.split_once(':') else { return true };
    let scheme_ok = scheme.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.bytes().all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c));
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    scheme_ok
        && (!web
            || s[scheme.len() + 1..].strip_prefix("//").is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#', ':'])))
}
