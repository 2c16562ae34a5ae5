//! Where "now" comes from. The server reads the system's clock; a test holds a clock of its own
//! and sets it, so what depends on the time (visibility, expiry, the simulated sources' history)
//! is tested at chosen instants, across a summer-time change too, without waiting and without
//! depending on the day the test runs.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

use dialogporten::UtcDateTime;

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// Stands still until its holder moves it.
    Manual(ManualClock),
    /// Runs at the system's pace from a chosen instant: for runs that need time to pass (one
    /// watermark per batch) on a fixed calendar.
    Running { start: UtcDateTime, since: std::time::Instant },
}

impl Clock {
    pub fn now(&self) -> UtcDateTime {
        match self {
            Clock::System => UtcDateTime::from(time::OffsetDateTime::now_utc()),
            Clock::Manual(m) => m.now(),
            Clock::Running { start, since } => {
                let ticks = i64::try_from(since.elapsed().as_nanos() / 100).unwrap_or(i64::MAX);
                UtcDateTime::from_ticks(start.ticks().saturating_add(ticks)).unwrap_or(UtcDateTime::MAX)
            }
        }
    }

    /// A clock that reads `start` now and runs on from there.
    pub fn running_from(start: UtcDateTime) -> Self {
        Clock::Running { start, since: std::time::Instant::now() }
    }
}

/// A clock that shows what it was last set to; clones share the time.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn at(at: UtcDateTime) -> Self {
        Self(Arc::new(AtomicI64::new(at.ticks())))
    }

    pub fn now(&self) -> UtcDateTime {
        UtcDateTime::from_ticks(self.0.load(Ordering::SeqCst)).expect("set and advance keep a valid instant")
    }

    pub fn set(&self, at: UtcDateTime) {
        self.0.store(at.ticks(), Ordering::SeqCst);
    }

    /// Moves the clock on; a test that moves it past the year 9999 is wrong, and panics.
    pub fn advance(&self, by: std::time::Duration) {
        let ticks = i64::try_from(by.as_nanos() / 100).ok().and_then(|t| self.now().ticks().checked_add(t));
        self.set(ticks.and_then(|t| UtcDateTime::from_ticks(t).ok()).expect("a time before the year 10000"));
    }

    pub fn clock(&self) -> Clock {
        Clock::Manual(self.clone())
    }
}
