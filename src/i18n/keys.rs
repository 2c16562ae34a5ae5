//! Keys for the wire model's enums and the app's own choices, one `match` each: a new variant
//! does not compile until it has a text, and every arm is a checked `k!`.

use dialogporten::{ActivityType, DialogStatus, Folder, SystemLabel, TransmissionType};

use super::{Key, Lang};

pub fn status(v: DialogStatus) -> Key {
    match v {
        DialogStatus::InProgress => k!("status.InProgress"),
        DialogStatus::Draft => k!("status.Draft"),
        DialogStatus::RequiresAttention => k!("status.RequiresAttention"),
        DialogStatus::Completed => k!("status.Completed"),
        DialogStatus::NotApplicable => k!("status.NotApplicable"),
        DialogStatus::Awaiting => k!("status.Awaiting"),
    }
}

pub fn activity(v: ActivityType) -> Key {
    match v {
        ActivityType::DialogCreated => k!("activity.DialogCreated"),
        ActivityType::DialogClosed => k!("activity.DialogClosed"),
        ActivityType::Information => k!("activity.Information"),
        ActivityType::TransmissionOpened => k!("activity.TransmissionOpened"),
        ActivityType::PaymentMade => k!("activity.PaymentMade"),
        ActivityType::SignatureProvided => k!("activity.SignatureProvided"),
        ActivityType::DialogOpened => k!("activity.DialogOpened"),
        ActivityType::DialogDeleted => k!("activity.DialogDeleted"),
        ActivityType::DialogRestored => k!("activity.DialogRestored"),
        ActivityType::SentToSigning => k!("activity.SentToSigning"),
        ActivityType::SentToFormFill => k!("activity.SentToFormFill"),
        ActivityType::SentToSendIn => k!("activity.SentToSendIn"),
        ActivityType::SentToPayment => k!("activity.SentToPayment"),
        ActivityType::FormSubmitted => k!("activity.FormSubmitted"),
        ActivityType::FormSaved => k!("activity.FormSaved"),
        ActivityType::CorrespondenceOpened => k!("activity.CorrespondenceOpened"),
        ActivityType::CorrespondenceConfirmed => k!("activity.CorrespondenceConfirmed"),
    }
}

pub fn transmission(v: TransmissionType) -> Key {
    match v {
        TransmissionType::Information => k!("transmission.Information"),
        TransmissionType::Acceptance => k!("transmission.Acceptance"),
        TransmissionType::Rejection => k!("transmission.Rejection"),
        TransmissionType::Request => k!("transmission.Request"),
        TransmissionType::Alert => k!("transmission.Alert"),
        TransmissionType::Decision => k!("transmission.Decision"),
        TransmissionType::Submission => k!("transmission.Submission"),
        TransmissionType::Correction => k!("transmission.Correction"),
    }
}

/// A folder as the service owner's workspace names it (its system label).
pub fn owner_label(l: SystemLabel) -> Key {
    match l {
        SystemLabel::Default => k!("so.label.Default"),
        SystemLabel::Archive => k!("so.label.Archive"),
        SystemLabel::Bin => k!("so.label.Bin"),
        SystemLabel::Sent => k!("so.label.Sent"),
        SystemLabel::MarkedAsUnopened => k!("so.label.MarkedAsUnopened"),
    }
}

/// A language's own name.
pub fn language(l: Lang) -> Key {
    match l {
        Lang::Nb => k!("lang.nb"),
        Lang::Nn => k!("lang.nn"),
        Lang::En => k!("lang.en"),
    }
}

pub fn folder(f: Folder) -> Key {
    match f {
        Folder::Inbox => k!("folder.inbox"),
        Folder::Drafts => k!("folder.drafts"),
        Folder::Sent => k!("folder.sent"),
        Folder::Archive => k!("folder.archive"),
        Folder::Bin => k!("folder.bin"),
    }
}
