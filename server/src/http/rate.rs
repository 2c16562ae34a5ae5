//! Per caller (a person, an organisation, a client address): `rate` requests per second, up to
//! `burst` at once. Over it, 429 with `Retry-After`, never a slower server for everyone.
//! Searches cost the database the most and get their own budget; writes and requests without a
//! token theirs (`http::limits`). The budget is kept in the database (`Store::advance_rate_clock`),
//! so it is the same whichever instance answers; the caller is stored only as a hash.

use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError};

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

/// One budget (searches, say) for every caller.
pub struct Limiter {
    rate: Rate,
    /// Keeps one budget's callers apart from another's.
    name: &'static str,
    store: Store,
    taken: AtomicU64,
}

/// Every this many requests, one instance clears the clocks of callers gone idle.
const SWEEP_EVERY: u64 = 4096;

impl Limiter {
    pub fn new(rate: Rate, name: &'static str, store: Store) -> Self {
        Self { rate, name, store, taken: AtomicU64::new(0) }
    }

    /// Takes one request for `caller`, or says how long to wait for the next.
    pub async fn take(&self, caller: &str) -> Result<Result<(), Duration>, StoreError> {
        let Rate { rate, burst } = self.rate;
        if rate <= 0.0 {
            return Ok(Ok(()));
        }
        // The generic cell rate algorithm: each request moves the caller's clock on by one
        // interval; a clock more than the burst ahead of now means "wait".
        let step = (1e6 / rate).round() as i64;
        let tolerance = (burst * 1e6 / rate).round() as i64;
        let now = now_micros();
        if self.taken.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.store.forget_idle_rate_clocks(now).await?;
        }
        let over = self.store.advance_rate_clock(&self.key(caller), now, step, tolerance).await?;
        Ok(match over {
            None => Ok(()),
            Some(micros) => Err(Duration::from_micros(micros.max(1).unsigned_abs())),
        })
    }

    fn key(&self, caller: &str) -> String {
        let digest = Sha256::new().chain_update(self.name).chain_update([0]).chain_update(caller).finalize();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn now_micros() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
}

impl crate::AppState {
    /// One search for this caller, or 429 with when to come back.
    pub async fn search_allowed(&self, caller: &str) -> Result<(), super::ApiError> {
        take(&self.meters.searches, caller, "searches").await
    }

    /// One write for this caller (a service owner's budget is an integration's), or 429.
    pub async fn write_allowed(&self, caller: &str, service_owner: bool) -> Result<(), super::ApiError> {
        take(if service_owner { &self.meters.owner_writes } else { &self.meters.writes }, caller, "writes").await
    }
}

pub(super) async fn take(limiter: &Limiter, caller: &str, what: &'static str) -> Result<(), super::ApiError> {
    limiter.take(caller).await?.map_err(|wait| {
        tracing::warn!(event = "rate_limited", what, "caller over its rate");
        crate::domain::DomainError::TooMany { what, wait }.into()
    })
}

#[cfg(test)]
mod tests {
    use super::{Limiter, Rate};
    use crate::store::Store;

    #[tokio::test]
    async fn a_caller_gets_the_burst_then_waits_others_are_not_affected() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}/rates.db", dir.path().display())).await.unwrap();
        let l = Limiter::new(Rate { rate: 2.0, burst: 3.0 }, "test", store.clone());
        for _ in 0..3 {
            assert!(l.take("a").await.unwrap().is_ok());
        }
        let wait = l.take("a").await.unwrap().unwrap_err();
        assert!(wait.as_secs_f64() > 0.0 && wait.as_secs_f64() <= 0.5, "{wait:?}");
        assert!(l.take("b").await.unwrap().is_ok(), "budgets are per caller");
        let other = Limiter::new(Rate { rate: 2.0, burst: 3.0 }, "other", store.clone());
        assert!(other.take("a").await.unwrap().is_ok(), "and per limiter");
        assert!(Limiter::new(Rate::OFF, "off", store).take("a").await.unwrap().is_ok());
    }
}
