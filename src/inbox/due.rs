//! How a due date reads in the list (af.altinn.no's rule): urgent when it has passed or is less
//! than 14 days away, a warning further off, and neutral once the dialog no longer waits on the
//! reader (Completed, Awaiting).

use crate::i18n::Key;
use dialogporten::{DialogStatus, UtcDateTime};

const URGENT_SECONDS: i64 = 14 * 24 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueTone {
    Urgent,
    Upcoming,
    Settled,
}

impl DueTone {
    pub fn of(due: UtcDateTime, now: UtcDateTime, status: DialogStatus) -> Self {
        if matches!(status, DialogStatus::Completed | DialogStatus::Awaiting) {
            DueTone::Settled
        } else if due.unix_seconds() - now.unix_seconds() < URGENT_SECONDS {
            DueTone::Urgent
        } else {
            DueTone::Upcoming
        }
    }

    /// Designsystemet colour of the badge.
    pub fn color(self) -> &'static str {
        match self {
            DueTone::Urgent => "danger",
            DueTone::Upcoming => "warning",
            DueTone::Settled => "neutral",
        }
    }
}

/// "Frist passert" reads differently from "Frist": the key for the badge's text.
pub fn label_key(due: UtcDateTime, now: UtcDateTime) -> Key {
    if due < now {
        k!("item.due_passed")
    } else {
        k!("item.due")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64) -> UtcDateTime {
        UtcDateTime::from_unix_seconds(1_800_000_000 + days * 24 * 3600).unwrap()
    }

    #[test]
    fn urgent_when_passed_or_under_fourteen_days() {
        let now = at(0);
        assert_eq!(DueTone::of(at(-1), now, DialogStatus::RequiresAttention), DueTone::Urgent);
        assert_eq!(DueTone::of(at(13), now, DialogStatus::InProgress), DueTone::Urgent);
        assert_eq!(DueTone::of(at(14), now, DialogStatus::InProgress), DueTone::Upcoming);
        assert_eq!(DueTone::of(at(60), now, DialogStatus::NotApplicable), DueTone::Upcoming);
    }

    #[test]
    fn settled_when_the_dialog_no_longer_waits_on_the_reader() {
        let now = at(0);
        assert_eq!(DueTone::of(at(-5), now, DialogStatus::Completed), DueTone::Settled);
        assert_eq!(DueTone::of(at(2), now, DialogStatus::Awaiting), DueTone::Settled);
    }

    #[test]
    fn passed_reads_as_passed() {
        assert_eq!(label_key(at(-1), at(0)), k!("item.due_passed"));
        assert_eq!(label_key(at(1), at(0)), k!("item.due"));
    }
}
