//! Token buckets per caller (a person, an organisation, a client address): `rate` per second, up
//! to `burst` at once. Over it, 429 with `Retry-After`, never a slower server for everyone.
//! Searches cost the database the most and get their own bucket; writes and requests without a
//! token theirs (`http::limits`). Buckets live in this instance (several instances each allow the
//! rate); idle callers are forgotten.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Requests per second and the burst a caller may use at once; `rate` 0 turns limiting off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    pub rate: f64,
    pub burst: f64,
}

impl Rate {
    pub const OFF: Rate = Rate { rate: 0.0, burst: 0.0 };

    /// `rate` a second, five times that at once.
    pub fn per_second(rate: f64) -> Self {
        Self { rate, burst: rate * 5.0 }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// Callers remembered at most; beyond it, the idle ones are dropped first.
const MAX_CALLERS: usize = 100_000;

impl Limiter {
    pub fn new(rate: Rate) -> Self {
        Self { rate, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one search for `caller`, or says how long to wait for the next.
    pub fn take(&self, caller: &str) -> Result<(), Duration> {
        let Rate { rate, burst } = self.rate;
        if rate <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= MAX_CALLERS && !buckets.contains_key(caller) {
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = buckets.entry(caller.to_owned()).or_insert(Bucket { tokens: burst, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / rate))
        }
    }
}

impl crate::AppState {
    /// One search for this caller, or 429 with when to come back.
    pub fn search_allowed(&self, caller: &str) -> Result<(), super::ApiError> {
        take(&self.meters.searches, caller, "searches")
    }

    /// One write for this caller (a service owner's budget is an integration's), or 429.
    pub fn write_allowed(&self, caller: &str, service_owner: bool) -> Result<(), super::ApiError> {
        take(if service_owner { &self.meters.owner_writes } else { &self.meters.writes }, caller, "writes")
    }
}

fn take(limiter: &Limiter, caller: &str, what: &'static str) -> Result<(), super::ApiError> {
    limiter.take(caller).map_err(|wait| {
        tracing::warn!(event = "rate_limited", what, "caller over its rate");
        crate::domain::DomainError::TooMany { what, wait }.into()
    })
}

#[cfg(test)]
mod tests {
    use super::{Limiter, Rate};

    #[test]
    fn a_caller_gets_the_burst_then_waits_others_are_not_affected() {
        let l = Limiter::new(Rate { rate: 2.0, burst: 3.0 });
        assert!((0..3).all(|_| l.take("a").is_ok()));
        let wait = l.take("a").unwrap_err();
        assert!(wait.as_secs_f64() > 0.0 && wait.as_secs_f64() <= 0.5, "{wait:?}");
        assert!(l.take("b").is_ok(), "buckets are per caller");
        assert!(Limiter::new(Rate::OFF).take("a").is_ok());
    }
}
