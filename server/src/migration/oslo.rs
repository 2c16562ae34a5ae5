//! Altinn 2 writes times without an offset (`2013-11-26T13:58:44.34`), in Norwegian local time.
//! Read as UTC they are one or two hours off: the "wrong dates" of the seed's changelog. These
//! convert both ways by the EU rule Norway follows: summer time (UTC+2) from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise.

use dialogporten::UtcDateTime;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// 01:00 UTC on the last Sunday of `month` in `year`.
fn switch(year: i32, month: Month) -> Option<OffsetDateTime> {
    let mut day = Date::from_calendar_date(year, month, 31).ok()?;
    while day.weekday() != Weekday::Sunday {
        day = day.previous_day()?;
    }
    Some(PrimitiveDateTime::new(day, Time::from_hms(1, 0, 0).ok()?).assume_utc())
}

/// Norway's offset from UTC at the instant `utc`.
pub fn offset_at(utc: OffsetDateTime) -> UtcOffset {
    let year = utc.year();
    let summer = match (switch(year, Month::March), switch(year, Month::October)) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// A local Norwegian wall-clock time as an instant. In the autumn hour that occurs twice the
/// earlier one is taken; a time in the spring hour that never occurs is read as summer time.
pub fn local_to_utc(local: PrimitiveDateTime) -> OffsetDateTime {
    let winter = local.assume_offset(UtcOffset::from_hms(1, 0, 0).unwrap_or(UtcOffset::UTC));
    let summer = local.assume_offset(UtcOffset::from_hms(2, 0, 0).unwrap_or(UtcOffset::UTC));
    if offset_at(summer.to_offset(UtcOffset::UTC)).whole_hours() == 2 {
        summer.to_offset(UtcOffset::UTC)
    } else {
        winter.to_offset(UtcOffset::UTC)
    }
}

/// The wall-clock time in Norway at `utc`.
pub fn utc_to_local(utc: OffsetDateTime) -> PrimitiveDateTime {
    let local = utc.to_offset(offset_at(utc));
    PrimitiveDateTime::new(local.date(), local.time())
}

/// Parses Altinn 2's offset-less time (`2013-11-26T13:58:44.34`, fractions optional).
pub fn parse_a2(s: &str) -> Result<UtcDateTime, String> {
    let (date, time) = s.split_once('T').ok_or_else(|| format!("'{s}' is not a date and time"))?;
    let mut d = date.split('-').map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(day)), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return Err(format!("'{s}' has no valid date"));
    };
    if time.ends_with('Z') || time.contains('+') || time[1..].contains('-') {
        return Err(format!("'{s}' carries an offset; Altinn 2 times have none"));
    }
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut t = hms.split(':').map(str::parse::<u8>);
    let (Some(Ok(h)), Some(Ok(mi)), Some(Ok(sec)), None) = (t.next(), t.next(), t.next(), t.next()) else {
        return Err(format!("'{s}' has no valid time"));
    };
    let nanos = if fraction.is_empty() {
        0
    } else if fraction.len() <= 9 && fraction.bytes().all(|b| b.is_ascii_digit()) {
        format!("{fraction:0<9}").parse::<u32>().map_err(|e| e.to_string())?
    } else {
        return Err(format!("'{s}' has an invalid fraction of a second"));
    };
    let month = Month::try_from(u8::try_from(m).map_err(|e| e.to_string())?).map_err(|e| format!("'{s}': {e}"))?;
    let date = Date::from_calendar_date(y, month, u8::try_from(day).map_err(|e| e.to_string())?).map_err(|e| format!("'{s}': {e}"))?;
    let time = Time::from_hms_nano(h, mi, sec, nanos).map_err(|e| format!("'{s}': {e}"))?;
    Ok(UtcDateTime::from(local_to_utc(PrimitiveDateTime::new(date, time))))
}

/// Formats an instant as Altinn 2 writes it (local time, no offset, hundredths of a second).
pub fn format_a2(t: UtcDateTime) -> String {
    let local = utc_to_local(t.inner());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:02}",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute(),
        local.second(),
        local.nanosecond() / 10_000_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> UtcDateTime {
        UtcDateTime::parse(s).unwrap()
    }

    #[test]
    fn winter_and_summer_times_are_read_with_their_own_offset() {
        assert_eq!(parse_a2("2013-11-26T13:58:44.34").unwrap(), utc("2013-11-26T12:58:44.34Z"));
        assert_eq!(parse_a2("2024-07-01T09:00:00").unwrap(), utc("2024-07-01T07:00:00Z"));
        // 2025: summer time from 30 March 01:00 UTC to 26 October 01:00 UTC.
        assert_eq!(parse_a2("2025-03-30T01:59:59").unwrap(), utc("2025-03-30T00:59:59Z"));
        assert_eq!(parse_a2("2025-03-30T03:00:00").unwrap(), utc("2025-03-30T01:00:00Z"));
        assert_eq!(parse_a2("2025-10-26T03:00:00").unwrap(), utc("2025-10-26T02:00:00Z"));
        assert_eq!(parse_a2("2025-10-26T02:30:00").unwrap(), utc("2025-10-26T00:30:00Z"), "the earlier of the doubled hour");
    }

    #[test]
    fn formatting_and_parsing_round_trip_across_the_year() {
        let start = utc("2024-01-01T00:00:00Z").unix_seconds();
        for hour in (0..24 * 366).step_by(7) {
            let t = UtcDateTime::from_unix_seconds(start + hour * 3600 + 1234).unwrap();
            let back = parse_a2(&format_a2(t)).unwrap();
            // The doubled autumn hour cannot be told apart without an offset: the earlier is taken.
            let doubled = format_a2(t) == format_a2(UtcDateTime::from_unix_seconds(t.unix_seconds() - 3600).unwrap());
            if !doubled {
                assert_eq!(back, t, "{}", format_a2(t));
            }
        }
    }

    #[test]
    fn times_with_an_offset_or_nonsense_are_refused() {
        for bad in ["2013-11-26T13:58:44Z", "2013-11-26T13:58:44+01:00", "2013-11-26", "2013-13-01T00:00:00", "2013-11-26T25:00:00", "x"] {
            assert!(parse_a2(bad).is_err(), "{bad}");
        }
    }
}
