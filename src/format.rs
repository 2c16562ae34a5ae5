//! Dates for people: in the browser's time zone, in the UI language.

use dialogporten::UtcDateTime;

use crate::i18n::Lang;

const MONTHS_NB: [&str; 12] = ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."];
const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Minutes east of UTC in this browser at the moment `t`: the browser's own time-zone rules, so a
/// winter date read in summer keeps its winter offset (0 outside a browser).
pub fn offset_minutes_at(t: UtcDateTime) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let millis = t.ticks().div_euclid(10_000) as f64;
        -(js_sys::Date::new(&millis.into()).get_timezone_offset() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = t;
        0
    }
}

/// The current time, from the browser's clock (the system clock natively).
pub fn now() -> UtcDateTime {
    #[cfg(target_arch = "wasm32")]
    let millis = js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    UtcDateTime::from_ticks(millis * 10_000).unwrap_or_else(|_| UtcDateTime::from_unix_seconds(0).expect("epoch is valid"))
}

/// "20. nov. 2025" (nb/nn) or "20 Nov 2025" (en).
pub fn date(t: UtcDateTime, lang: Lang) -> String {
    date_at(t, lang, offset_minutes_at(t))
}

/// "20. nov. 2025 kl. 10:00" / "20 Nov 2025, 10:00".
pub fn date_time(t: UtcDateTime, lang: Lang) -> String {
    let (_, _, _, h, m) = t.to_offset_parts(offset_minutes_at(t));
    match lang {
        Lang::En => format!("{}, {h:02}:{m:02}", date(t, lang)),
        _ => format!("{} kl. {h:02}:{m:02}", date(t, lang)),
    }
}

pub(crate) fn date_at(t: UtcDateTime, lang: Lang, offset_minutes: i32) -> String {
    let (y, mo, d, _, _) = t.to_offset_parts(offset_minutes);
    let i = usize::from(mo.clamp(1, 12)) - 1;
    match lang {
        Lang::En => format!("{d} {} {y}", MONTHS_EN[i]),
        _ => format!("{d}. {} {y}", MONTHS_NB[i]),
    }
}

const MONTH_NAMES_NB: [&str; 12] =
    ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
const MONTH_NAMES_EN: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// "november" (nb/nn) or "November" (en), for group headings.
pub fn month_name(month: u8, lang: Lang) -> &'static str {
    let i = usize::from(month.clamp(1, 12)) - 1;
    match lang {
        Lang::En => MONTH_NAMES_EN[i],
        _ => MONTH_NAMES_NB[i],
    }
}

/// A calendar day as Norwegian pages write it: `01.12.2024` (UTC; days are not shifted by zone).
pub fn numeric_date(t: UtcDateTime) -> String {
    let (y, m, d) = t.date_parts();
    format!("{d:02}.{m:02}.{y}")
}

/// `1. desember 2024` (nb/nn) or `1 December 2024` (en), in UTC.
pub fn long_date(t: UtcDateTime, lang: Lang) -> String {
    let (y, m, d) = t.date_parts();
    match lang {
        Lang::En => format!("{d} {} {y}", month_name(m, lang)),
        _ => format!("{d}. {} {y}", month_name(m, lang)),
    }
}

/// A localized text in the UI language's order of preference, else the first one given.
pub fn localized(values: &[dialogporten::Localization], lang: Lang) -> String {
    let prefs = lang.content_preference();
    prefs.iter().find_map(|p| values.iter().find(|l| l.language_code == *p)).or(values.first()).map(|l| l.value.clone()).unwrap_or_default()
}

/// ISO date for `<time datetime>`.
pub fn iso(t: UtcDateTime) -> String {
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_given_offset_and_language() {
        let t = UtcDateTime::parse("2025-12-31T23:30:00Z").unwrap();
        assert_eq!(date_at(t, Lang::Nb, 60), "1. jan. 2026");
        assert_eq!(date_at(t, Lang::En, 0), "31 Dec 2025");
    }
}
