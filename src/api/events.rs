//! Our live-update extension, `GET /api/v1/inbox/events`: server-sent events read over `fetch`
//! (same-origin, so the session cookie goes with it; `fetch` lets the app end the stream and read
//! its status). `live.rs` decides when to connect and what a notice means.

use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::base_url;

/// Why a stream could not be opened.
pub enum Refused {
    /// This API has no event stream (404/405): poll instead.
    Unsupported,
    Unauthorized,
    Failed,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    Ready,
    Resync,
    Dialog(Uuid),
}

/// An open stream; dropping it does not close it, [`EventStream::close`] does.
pub struct EventStream {
    reader: web_sys::ReadableStreamDefaultReader,
    abort: Option<web_sys::AbortController>,
    buf: String,
    bytes: Vec<u8>,
}

impl EventStream {
    pub async fn open() -> Result<Self, Refused> {
        let window = web_sys::window().ok_or(Refused::Failed)?;
        let abort = web_sys::AbortController::new().ok();
        let init = web_sys::RequestInit::new();
        if let Ok(h) = web_sys::Headers::new() {
            let _ = h.append("Accept", "text/event-stream");
            init.set_headers(&h);
        }
        init.set_signal(abort.as_ref().map(|a| a.signal()).as_ref());
        let url = format!("{}/api/v1/inbox/events", base_url());
        let res = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await.map_err(|_| Refused::Failed)?;
        let res = res.dyn_into::<web_sys::Response>().map_err(|_| Refused::Failed)?;
        match res.status() {
            200 => {}
            401 => return Err(Refused::Unauthorized),
            404 | 405 => return Err(Refused::Unsupported),
            _ => return Err(Refused::Failed),
        }
        let reader =
            res.body().and_then(|b| b.get_reader().dyn_into::<web_sys::ReadableStreamDefaultReader>().ok()).ok_or(Refused::Failed)?;
        Ok(Self { reader, abort, buf: String::new(), bytes: Vec::new() })
    }

    /// The events of the next chunk (maybe none); `None` when the stream ended or broke.
    pub async fn next(&mut self) -> Option<Vec<Event>> {
        let chunk = JsFuture::from(self.reader.read()).await.ok()?;
        if js_sys::Reflect::get(&chunk, &JsValue::from("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return None;
        }
        let value = js_sys::Reflect::get(&chunk, &JsValue::from("value")).ok()?;
        self.bytes.extend(js_sys::Uint8Array::new(&value).to_vec());
        // A multi-byte character may straddle chunks: decode only complete UTF-8.
        let valid = match std::str::from_utf8(&self.bytes) {
            Ok(_) => self.bytes.len(),
            Err(e) => e.valid_up_to(),
        };
        self.buf.push_str(std::str::from_utf8(&self.bytes[..valid]).unwrap_or_default());
        self.bytes.drain(..valid);
        Some(take_events(&mut self.buf))
    }

    pub fn close(self) {
        if let Some(a) = &self.abort {
            a.abort();
        }
    }
}

/// Removes every complete event from `buf` (blocks end with a blank line; comments and unknown
/// events are skipped).
fn take_events(buf: &mut String) -> Vec<Event> {
    let mut out = Vec::new();
    while let Some(end) = buf.find("\n\n") {
        let block: String = buf.drain(..end + 2).collect();
        let field = |name: &str| block.lines().find_map(|l| l.strip_prefix(name).map(|v| v.trim_start().to_owned()));
        match field("event:").as_deref() {
            Some("ready") => out.push(Event::Ready),
            Some("resync") => out.push(Event::Resync),
            Some("dialog") => {
                let id = field("data:")
                    .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
                    .and_then(|v| v["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()));
                out.push(id.map_or(Event::Resync, Event::Dialog));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_taken_whole_and_comments_skipped() {
        let id = Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0001);
        let mut buf = format!(
            ": keep-alive\n\nevent: ready\ndata: {{}}\n\nevent: dialog\ndata: {{\"id\":\"{id}\",\"kind\":\"changed\"}}\n\nevent: dia"
        );
        assert_eq!(take_events(&mut buf), vec![Event::Ready, Event::Dialog(id)]);
        assert_eq!(buf, "event: dia", "an incomplete event waits for the rest");
        buf += "log\ndata: {}\n\n";
        assert_eq!(take_events(&mut buf), vec![Event::Resync], "a notice without an id means: refetch everything");
    }
}
