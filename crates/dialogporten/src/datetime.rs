//! Dates as Dialogporten writes them: UTC, seven fractional digits (`2025-05-22T12:16:10.6069960Z`).
//! Input must carry an explicit offset; a date without one is a 400 upstream, so it is an error here.

use std::fmt;

use time::{format_description::well_known::Rfc3339, OffsetDateTime, UtcOffset};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDateTime(OffsetDateTime);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DateTimeError {
    #[error("'{0}' is not a date-time with an explicit offset, such as 2025-01-31T12:00:00Z")]
    Invalid(String),
    #[error("{0} is outside the supported range")]
    OutOfRange(i64),
}

/// 100-nanosecond ticks, the resolution Dialogporten keeps.
const TICK_NANOS: i128 = 100;

impl UtcDateTime {
    pub fn parse(s: &str) -> Result<Self, DateTimeError> {
        OffsetDateTime::parse(s.trim(), &Rfc3339)
            .map(Self::from)
            .map_err(|_| DateTimeError::Invalid(s.to_owned()))
    }

    /// Ticks of 100 ns since the Unix epoch: an ordered integer for storage and comparison.
    pub fn ticks(self) -> i64 {
        (self.0.unix_timestamp_nanos() / TICK_NANOS) as i64
    }

    pub fn from_ticks(ticks: i64) -> Result<Self, DateTimeError> {
        OffsetDateTime::from_unix_timestamp_nanos(ticks as i128 * TICK_NANOS)
            .map(Self)
            .map_err(|_| DateTimeError::OutOfRange(ticks))
    }

    pub fn from_unix_seconds(secs: i64) -> Result<Self, DateTimeError> {
        Self::from_ticks(secs.saturating_mul(10_000_000))
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }

    pub fn inner(self) -> OffsetDateTime {
        self.0
    }

    /// `YYYY-MM-DD`, for display code that formats dates itself.
    pub fn date_parts(self) -> (i32, u8, u8) {
        (self.0.year(), self.0.month() as u8, self.0.day())
    }

    pub fn time_parts(self) -> (u8, u8) {
        (self.0.hour(), self.0.minute())
    }

    /// Shift to a fixed offset (e.g. the browser's), for display only.
    pub fn to_offset_parts(self, offset_minutes: i32) -> (i32, u8, u8, u8, u8) {
        let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap_or(UtcOffset::UTC);
        let t = self.0.to_offset(offset);
        (t.year(), t.month() as u8, t.day(), t.hour(), t.minute())
    }
}

impl From<OffsetDateTime> for UtcDateTime {
    fn from(t: OffsetDateTime) -> Self {
        // Truncate to whole ticks so that what we write is exactly what we read back.
        let t = t.to_offset(UtcOffset::UTC);
        let nanos = t.nanosecond() - t.nanosecond() % TICK_NANOS as u32;
        Self(t.replace_nanosecond(nanos).unwrap_or(t))
    }
}

impl fmt::Display for UtcDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
            t.year(),
            t.month() as u8,
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.nanosecond() / TICK_NANOS as u32
        )
    }
}

crate::string_serde!(UtcDateTime, DateTimeError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_seven_fraction_digits_in_utc() {
        let t = UtcDateTime::parse("2025-05-22T14:16:10.606996+02:00").unwrap();
        assert_eq!(t.to_string(), "2025-05-22T12:16:10.6069960Z");
    }

    #[test]
    fn round_trips_through_ticks() {
        let t = UtcDateTime::parse("2024-07-31T09:09:03.0257090Z").unwrap();
        assert_eq!(UtcDateTime::from_ticks(t.ticks()).unwrap(), t);
        assert_eq!(t.to_string(), "2024-07-31T09:09:03.0257090Z");
    }

    #[test]
    fn rejects_dates_without_offset() {
        assert!(UtcDateTime::parse("2024-07-31T09:09:03").is_err());
        assert!(UtcDateTime::parse("2024-07-31").is_err());
        assert!(UtcDateTime::parse("yesterday").is_err());
    }

    #[test]
    fn truncates_below_a_tick() {
        let t = UtcDateTime::parse("2024-01-01T00:00:00.123456789Z").unwrap();
        assert_eq!(t.to_string(), "2024-01-01T00:00:00.1234567Z");
    }
}
