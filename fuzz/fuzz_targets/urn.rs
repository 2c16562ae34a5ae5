//! Party URNs, national identity numbers and organisation numbers from requests and tokens:
//! parsing must not panic, and what parses prints back to an equal value.
#![no_main]

use dialogporten::{OrgNumber, PartyUrn, PersonId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(urn) = PartyUrn::parse(input) {
        assert_eq!(PartyUrn::parse(&urn.to_string()).as_ref(), Ok(&urn));
    }
    if let Ok(pid) = PersonId::parse(input) {
        assert_eq!(PersonId::parse(pid.as_str()).as_ref(), Ok(&pid));
        assert_eq!(pid.as_str().len(), 11);
    }
    if let Ok(org) = OrgNumber::parse(input) {
        assert_eq!(OrgNumber::parse(org.as_str()).as_ref(), Ok(&org));
        assert_eq!(org.as_str().len(), 9);
    }
});
