//! Continuation tokens come back from clients: parsing any string must not panic, and a token
//! that parses must print back to a string that parses to the same token.
#![no_main]

use dialogporten::{ContinuationToken, OrderBy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let (order, token) = input.split_once('\n').unwrap_or(("contentUpdatedAt_desc", input));
    let Ok(order) = OrderBy::parse(order) else { return };
    assert_eq!(OrderBy::parse(&order.to_string()).as_ref(), Ok(&order), "orderBy echoes as it parses");
    if let Ok(parsed) = ContinuationToken::parse(token, &order) {
        let printed = parsed.write(&order);
        assert_eq!(ContinuationToken::parse(&printed, &order).as_ref(), Ok(&parsed), "{printed}");
    }
});
