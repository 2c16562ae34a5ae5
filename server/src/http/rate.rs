//! Searches cost the database the most, so each caller (a person or an organisation) gets a
//! token bucket of them: `rate` per second, up to `burst` at once. Over it, 429 with
//! `Retry-After`, never a slower server for everyone. Buckets live in this instance (several
//! instances each allow the rate); idle callers are forgotten.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Searches per second and the burst a caller may use at once; `rate` 0 turns limiting off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SearchRate {
    pub rate: f64,
    pub burst: f64,
}

impl SearchRate {
    pub const OFF: SearchRate = SearchRate { rate: 0.0, burst: 0.0 };

    /// The default: generous for people and for the app paging many parties at once.
    pub fn per_second(rate: f64) -> Self {
        Self { rate, burst: rate * 5.0 }
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct Limiter {
    rate: SearchRate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// Callers remembered at most; beyond it, the idle ones are dropped first.
const MAX_CALLERS: usize = 100_000;

impl Limiter {
    pub fn new(rate: SearchRate) -> Self {
        Self { rate, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one search for `caller`, or says how long to wait for the next.
    pub fn take(&self, caller: &str) -> Result<(), Duration> {
        let SearchRate { rate, burst } = self.rate;
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
        self.searches.take(caller).map_err(super::ApiError::TooManyRequests)
    }
}

#[cfg(test)]
mod tests {
    use super::{Limiter, SearchRate};

    #[test]
    fn a_caller_gets_the_burst_then_waits_others_are_not_affected() {
        let l = Limiter::new(SearchRate { rate: 2.0, burst: 3.0 });
        assert!((0..3).all(|_| l.take("a").is_ok()));
        let wait = l.take("a").unwrap_err();
        assert!(wait.as_secs_f64() > 0.0 && wait.as_secs_f64() <= 0.5, "{wait:?}");
        assert!(l.take("b").is_ok(), "buckets are per caller");
        assert!(Limiter::new(SearchRate::OFF).take("a").is_ok());
    }
}
