//! The loaded list as CSV, as af.altinn.no exports it: `;`-separated, UTF-8 with a byte-order mark
//! (so spreadsheet programs read æøå), CRLF lines, and no cell a spreadsheet would run as a formula.
//! Parties are named, never numbered by a national identity number.

/// A cell as text a spreadsheet shows and never evaluates: leading `= + - @`, tab or carriage
/// return get an apostrophe (OWASP's advice), and cells with `;`, quotes or line breaks are quoted.
pub fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

const CRLF: &str = "\r\n";

/// The file's text: the byte-order mark, the header row, then one row per record.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> String {
    let line = |cells: &mut dyn Iterator<Item = String>| cells.collect::<Vec<_>>().join(";");
    let mut out = String::from("\u{feff}");
    out.push_str(&line(&mut header.iter().map(|h| cell(h))));
    out += CRLF;
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|c| cell(c))));
        out += CRLF;
    }
    out
}

/// Starts a download of `text` as `file_name` (a Blob and a temporary link; nothing leaves the browser).
pub fn download(file_name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_never_run_and_separators_are_quoted() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(cell("+47 123"), "'+47 123");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("Skattemelding 2025"), "Skattemelding 2025");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn a_document_starts_with_the_byte_order_mark() {
        let doc = document(&["Tittel", "Status"], &[vec!["Ærlig talt".into(), "=1+1".into()]]);
        assert_eq!(doc, "\u{feff}Tittel;Status\r\nÆrlig talt;'=1+1\r\n");
    }
}
