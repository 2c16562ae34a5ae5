//! Dates as Dialogporten writes them: UTC, seven fractional digits (`2025-05-22T12:16:10.6069960Z`).
//! Input must carry an explicit offset; a date without one is a 400 upstream, so it is an error here.
//!
//! Written out by hand (RFC 3339 and the proleptic Gregorian calendar) rather than through the
//! `time` crate: the SPA reads a date in every list item, and `time`'s parser was 12 kB of its
//! first load (issue 30). The server still converts to `time` where it computes with zones
//! (feature `time`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDateTime(i64);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DateTimeError {
    #[error("'{0}' is not a date-time with an explicit offset, such as 2025-01-31T12:00:00Z")]
    Invalid(String),
    #[error("{0} is outside the supported range")]
    OutOfRange(i64),
}

/// 100-nanosecond ticks, the resolution Dialogporten keeps.
const TICKS_PER_SECOND: i64 = 10_000_000;
const SECONDS_PER_DAY: i64 = 86_400;
/// The years a date may have (as `time` allows without its large-dates feature).
const YEARS: std::ops::RangeInclusive<i32> = -9999..=9999;

impl UtcDateTime {
    /// The last second of the year 9999, the latest instant there is here.
    pub const MAX: UtcDateTime = UtcDateTime(253_402_300_799 * TICKS_PER_SECOND);

    /// RFC 3339 with an offset: `2025-01-31T12:00:00Z`, `…T12:00:00.1234567+01:00` (`t` and `z`
    /// in either case; fractions past a tick are cut off).
    pub fn parse(s: &str) -> Result<Self, DateTimeError> {
        let invalid = || DateTimeError::Invalid(s.to_owned());
        let b = s.trim().as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits.iter().try_fold(0i64, |n, d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
        };
        let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
        if b.len() < 20 || !at(4, b"-") || !at(7, b"-") || !at(10, b"Tt") || !at(13, b":") || !at(16, b":") {
            return Err(invalid());
        }
        let (year, month, day) = (num(0, 4).ok_or_else(invalid)?, num(5, 2).ok_or_else(invalid)?, num(8, 2).ok_or_else(invalid)?);
        let (hour, minute, second) = (num(11, 2).ok_or_else(invalid)?, num(14, 2).ok_or_else(invalid)?, num(17, 2).ok_or_else(invalid)?);
        let mut i = 19;
        let mut fraction = 0i64;
        if at(i, b".") {
            let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if digits == 0 {
                return Err(invalid());
            }
            // The first seven digits are ticks; the rest is below Dialogporten's resolution.
            let kept = digits.min(7);
            fraction = num(i + 1, kept).ok_or_else(invalid)? * 10i64.pow(7 - kept as u32);
            i += 1 + digits;
        }
        let offset_seconds = match b.get(i..) {
            Some([b'Z' | b'z']) => 0,
            Some([sign @ (b'+' | b'-'), _, _, b':', _, _]) => {
                let (h, m) = (num(i + 1, 2).ok_or_else(invalid)?, num(i + 4, 2).ok_or_else(invalid)?);
                if h > 23 || m > 59 {
                    return Err(invalid());
                }
                let seconds = h * 3600 + m * 60;
                if *sign == b'-' {
                    -seconds
                } else {
                    seconds
                }
            }
            _ => return Err(invalid()),
        };
        let date = Day::from_ymd(year as i32, month as u8, day as u8).ok_or_else(invalid)?;
        if hour > 23 || minute > 59 || second > 59 {
            return Err(invalid());
        }
        let seconds = date.days_since_epoch() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset_seconds;
        Self::from_ticks(seconds * TICKS_PER_SECOND + fraction).map_err(|_| invalid())
    }

    /// Ticks of 100 ns since the Unix epoch: an ordered integer for storage and comparison.
    pub fn ticks(self) -> i64 {
        self.0
    }

    pub fn from_ticks(ticks: i64) -> Result<Self, DateTimeError> {
        let year = Day::from_days_since_epoch(ticks.div_euclid(TICKS_PER_SECOND * SECONDS_PER_DAY)).year;
        if YEARS.contains(&year) {
            Ok(Self(ticks))
        } else {
            Err(DateTimeError::OutOfRange(ticks))
        }
    }

    pub fn from_unix_seconds(secs: i64) -> Result<Self, DateTimeError> {
        Self::from_ticks(secs.saturating_mul(TICKS_PER_SECOND))
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(TICKS_PER_SECOND)
    }

    /// The day (UTC).
    pub fn day(self) -> Day {
        self.day_at(0)
    }

    /// The day where the clock is `offset_minutes` east of UTC.
    pub fn day_at(self, offset_minutes: i32) -> Day {
        Day::from_days_since_epoch((self.unix_seconds() + i64::from(offset_minutes) * 60).div_euclid(SECONDS_PER_DAY))
    }

    /// `YYYY-MM-DD`, for display code that formats dates itself.
    pub fn date_parts(self) -> (i32, u8, u8) {
        let d = self.day();
        (d.year, d.month, d.day)
    }

    pub fn time_parts(self) -> (u8, u8) {
        let (_, _, _, h, m) = self.to_offset_parts(0);
        (h, m)
    }

    /// Shift to a fixed offset (e.g. the browser's), for display only.
    pub fn to_offset_parts(self, offset_minutes: i32) -> (i32, u8, u8, u8, u8) {
        let local = self.unix_seconds() + i64::from(offset_minutes) * 60;
        let d = Day::from_days_since_epoch(local.div_euclid(SECONDS_PER_DAY));
        let second_of_day = local.rem_euclid(SECONDS_PER_DAY);
        (d.year, d.month, d.day, (second_of_day / 3600) as u8, (second_of_day / 60 % 60) as u8)
    }

    /// The same instant as `time` has it (the server computes with zones there).
    #[cfg(feature = "time")]
    pub fn inner(self) -> time::OffsetDateTime {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 100).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }
}

#[cfg(feature = "time")]
impl From<time::OffsetDateTime> for UtcDateTime {
    fn from(t: time::OffsetDateTime) -> Self {
        // Truncated to whole ticks, so that what we write is exactly what we read back.
        let ticks = (t.unix_timestamp_nanos() / 100) as i64;
        Self::from_ticks(ticks).unwrap_or(Self(0))
    }
}

impl fmt::Display for UtcDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day, hour, minute) = self.to_offset_parts(0);
        let second = self.unix_seconds().rem_euclid(60);
        let fraction = self.0.rem_euclid(TICKS_PER_SECOND);
        write!(f, "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{fraction:07}Z")
    }
}

crate::string_serde!(UtcDateTime, DateTimeError);

/// A calendar day (proleptic Gregorian), as a date picker or a period filter names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// The day, when there is one (`2026-02-30` is not).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
        (YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Day {
            year,
            month,
            day,
        })
    }

    /// `YYYY-MM-DD` (a date input's value).
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r).filter(|d| d.iter().all(u8::is_ascii_digit)).and_then(|d| std::str::from_utf8(d).ok()?.parse().ok())
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Day::from_ymd(digits(0..4)?, digits(5..7)? as u8, digits(8..10)? as u8)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Day {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The day `n` days later (earlier when negative).
    pub fn plus_days(self, n: i64) -> Day {
        Day::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Days since the last Monday (0 on a Monday).
    pub fn days_from_monday(self) -> i64 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7)
    }

    /// The same day `n` months earlier, or that month's last day when it is shorter.
    pub fn months_back(self, n: i32) -> Day {
        let total = self.year * 12 + i32::from(self.month) - 1 - n;
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        Day { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// The first instant of this day where the clock is `offset_minutes` east of UTC.
    pub fn start_at(self, offset_minutes: i32) -> Option<UtcDateTime> {
        let seconds = self.days_since_epoch() * SECONDS_PER_DAY - i64::from(offset_minutes) * 60;
        UtcDateTime::from_unix_seconds(seconds).ok()
    }

    /// The first instant of this day in a time zone whose offset (minutes east of UTC) at the
    /// moment `t` is `offset_at(t)`: each day its own offset, so a July day in a zone with summer
    /// time starts an hour earlier in UTC than a January day does.
    pub fn start_in(self, offset_at: impl Fn(UtcDateTime) -> i32) -> Option<UtcDateTime> {
        // The offset at UTC midnight is a first guess; the offset at that guess is the day's,
        // unless the clocks change within those hours of the night, which the second step mends.
        let guess = self.start_at(offset_at(self.start_at(0)?))?;
        self.start_at(offset_at(guess))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

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

    #[test]
    fn refuses_what_rfc_3339_does_not_allow() {
        for bad in [
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:60Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00+01",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00Zjunk",
            "+2024-01-01T00:00:00Z",
            "２０２４-01-01T00:00:00Z",
        ] {
            assert!(UtcDateTime::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(UtcDateTime::parse("2024-02-29t23:30:00-01:30").unwrap().to_string(), "2024-03-01T01:00:00.0000000Z");
        assert_eq!(UtcDateTime::parse(" 1969-12-31T23:59:59.9999999z ").unwrap().ticks(), -1);
    }

    #[test]
    fn the_calendar_agrees_with_the_time_crate_across_four_centuries() {
        // Every day from 1800 to 2200 (leap years, century rules): date, weekday, both directions.
        let epoch = time::Date::from_calendar_date(1970, time::Month::January, 1).unwrap().to_julian_day();
        let start = Day::from_ymd(1800, 1, 1).unwrap().days_since_epoch();
        for days in start..start + 146_097 {
            let day = Day::from_days_since_epoch(days);
            let theirs = time::Date::from_julian_day(epoch + days as i32).unwrap();
            assert_eq!((day.year, day.month, day.day), (theirs.year(), u8::from(theirs.month()), theirs.day()));
            assert_eq!(day.days_since_epoch(), days);
            assert_eq!(day.days_from_monday(), i64::from(theirs.weekday().number_days_from_monday()));
        }
    }

    #[test]
    fn parses_as_the_time_crate_parses_rfc_3339() {
        use time::format_description::well_known::Rfc3339;
        for text in [
            "2025-05-22T14:16:10.606996+02:00",
            "2024-02-29T23:59:59.9999999-12:59",
            "1999-12-31T23:00:00-01:00",
            "2000-03-01T00:00:00.5+14:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.1234567Z",
            "1969-07-20T20:17:40z",
        ] {
            let ours = UtcDateTime::parse(text).unwrap();
            let theirs = time::OffsetDateTime::parse(text, &Rfc3339).unwrap();
            assert_eq!(ours.ticks(), (theirs.unix_timestamp_nanos() / 100) as i64, "{text}");
        }
    }

    #[test]
    fn days_and_months_move_as_a_calendar_does() {
        let d = Day::from_ymd(2026, 3, 31).unwrap();
        assert_eq!(d.months_back(1), Day { year: 2026, month: 2, day: 28 });
        assert_eq!(d.months_back(12), Day { year: 2025, month: 3, day: 31 });
        assert_eq!(d.months_back(3), Day { year: 2025, month: 12, day: 31 });
        assert_eq!(d.plus_days(1), Day { year: 2026, month: 4, day: 1 });
        assert_eq!(Day::parse("2026-02-28"), Some(Day { year: 2026, month: 2, day: 28 }));
        assert_eq!(Day::parse("2026-02-29"), None);
        assert_eq!(Day::parse("26-02-28"), None);
        assert_eq!(d.start_at(120).unwrap().to_string(), "2026-03-30T22:00:00.0000000Z");
        assert_eq!(UtcDateTime::parse("2026-03-30T22:00:00Z").unwrap().day_at(120), d);
    }

    /// Oslo's rule for the tests: summer time from the last Sunday of March to the last Sunday
    /// of October, both at 01:00 UTC (2026: 29 March and 25 October).
    fn oslo_2026(t: UtcDateTime) -> i32 {
        let summer = UtcDateTime::parse("2026-03-29T01:00:00Z").unwrap()..UtcDateTime::parse("2026-10-25T01:00:00Z").unwrap();
        if summer.contains(&t) {
            120
        } else {
            60
        }
    }

    #[test]
    fn a_day_starts_at_its_own_local_midnight_across_summer_time() {
        let start = |d: &str| Day::parse(d).unwrap().start_in(oslo_2026).unwrap().to_string();
        assert_eq!(start("2026-01-15"), "2026-01-14T23:00:00.0000000Z");
        assert_eq!(start("2026-07-15"), "2026-07-14T22:00:00.0000000Z");
        // The days the clocks change start at the old offset's midnight.
        assert_eq!(start("2026-03-29"), "2026-03-28T23:00:00.0000000Z");
        assert_eq!(start("2026-03-30"), "2026-03-29T22:00:00.0000000Z");
        assert_eq!(start("2026-10-25"), "2026-10-24T22:00:00.0000000Z");
        assert_eq!(start("2026-10-26"), "2026-10-25T23:00:00.0000000Z");
    }
}
