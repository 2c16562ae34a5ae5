//! Per caller (a person, an organisation, a client address): `rate` requests per second, up to
//! `burst` at once. Over it, 429 with `Retry-After`, never a slower server for everyone.
//! Searches cost the database the most and get their own budget; writes and requests without a
//! token theirs (`http::limits`). The budget is kept in the database (`Store::advance_rate_clock`),
//! so it is the same whichever instance answers; the caller is stored only as a hash. The time is
//! the server's `Clock`, so a test moves it on rather than waiting.

use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use dialogporten::UtcDateTime;
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

    /// Takes one request for `caller` at `now`, or says how long to wait for the next.
    pub async fn take(&self, caller: &str, now: UtcDateTime) -> Result<Result<(), Duration>, StoreError> {
        let Rate { rate, burst } = self.rate;
        if rate <= 0.0 {
            return Ok(Ok(()));
        }
        // The generic cell rate algorithm: each request moves the caller's clock on by one
        // interval; a clock more than the burst ahead of now means "wait".
        let step = (1e6 / rate).round() as i64;
        let tolerance = (burst * 1e6 / rate).round() as i64;
        // Microseconds since 1970 (a tick is 100 ns), as the stored clocks count.
        let now = now.ticks() / 10;
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

impl crate::AppState {
    /// One search for this caller, or 429 with when to come back.
    pub async fn search_allowed(&self, caller: &str) -> Result<(), super::ApiError> {
        take(&self.meters.searches, caller, "searches", self.clock.now()).await
    }

    /// One write for this caller (a service owner's budget is an integration's), or 429.
    pub async fn write_allowed(&self, caller: &str, service_owner: bool) -> Result<(), super::ApiError> {
        take(if service_owner { &self.meters.owner_writes } else { &self.meters.writes }, caller, "writes", self.clock.now()).await
    }
}

pub(super) async fn take(limiter: &Limiter, caller: &str, what: &'static str, now: UtcDateTime) -> Result<(), super::ApiError> {
    limiter.take(caller, now).await?.map_err(|wait| {
        tracing::warn!(event = "rate_limited", what, "caller over its rate");
        crate::domain::DomainError::TooMany { what, wait }.into()
    })
}

#[cfg(test)]
mod tests {
    use dialogporten::UtcDateTime;

    use super::{Limiter, Rate};
    use crate::store::Store;

    #[tokio::test]
    async fn a_caller_gets_the_burst_then_waits_others_are_not_affected() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}/rates.db", dir.path().display())).await.unwrap();
        let t0 = UtcDateTime::parse("2026-03-29T00:59:59Z").unwrap();
        let at = |micros: i64| UtcDateTime::from_ticks(t0.ticks() + micros * 10).unwrap();
        let l = Limiter::new(Rate { rate: 2.0, burst: 3.0 }, "test", store.clone());
        for _ in 0..3 {
            assert!(l.take("a", t0).await.unwrap().is_ok());
        }
        // Four requests at one instant: the fourth waits until the clock has moved half a second on.
        let wait = l.take("a", t0).await.unwrap().unwrap_err();
        assert_eq!(wait, std::time::Duration::from_millis(500));
        assert!(l.take("a", at(499_999)).await.unwrap().is_err(), "not a microsecond early");
        assert!(l.take("a", at(500_000)).await.unwrap().is_ok(), "and at once after");
        assert!(l.take("b", t0).await.unwrap().is_ok(), "budgets are per caller");
        let other = Limiter::new(Rate { rate: 2.0, burst: 3.0 }, "other", store.clone());
        assert!(other.take("a", t0).await.unwrap().is_ok(), "and per limiter");
        assert!(Limiter::new(Rate::OFF, "off", store).take("a", t0).await.unwrap().is_ok());
    }
}
