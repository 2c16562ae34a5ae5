//! A search's query string, as the server receives it for end users and service owners: any
//! bytes, decoded as axum decodes them, give a search or field errors, never a panic.
#![no_main]

use inbox_server::domain::search::{parse_for, Audience};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query).into_owned().collect();
    let now = dialogporten::UtcDateTime::from_ticks(639_000_000_000_000_000).expect("a date in 2025");
    for audience in [Audience::EndUser, Audience::ServiceOwner] {
        let _ = parse_for(&pairs, now, audience);
    }
});
