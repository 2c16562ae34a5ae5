//! Attachments as the reader may use them: only URLs meant for people (`consumerType` Gui),
//! a file-type label, and expired or unauthorised ones shown but inert.

use dialogporten::{Attachment, AttachmentUrlConsumerType, EXPIRED_URL, UNAUTHORIZED_URL};
use leptos::prelude::*;

use crate::components::icon::{icon, Icon};
use crate::{api::service, format, i18n::I18n};

/// The attachments meant for people: those with a URL for the GUI (API-only ones are for
/// systems and are not shown, as af.altinn.no does).
pub fn for_people(attachments: Vec<Attachment>) -> Vec<Attachment> {
    attachments.into_iter().filter(|a| a.urls.iter().any(|u| u.consumer_type == AttachmentUrlConsumerType::Gui)).collect()
}

/// "PDF", "XML", "DOCX"…: from the media type, else the file name.
pub fn file_type(a: &Attachment, url: &str) -> Option<String> {
    let from_media =
        a.urls.iter().find_map(|u| u.media_type.as_deref()).and_then(|m| m.rsplit('/').next()).map(|m| m.rsplit('.').next().unwrap_or(m));
    let from_name = a.name.as_deref().or_else(|| url.rsplit('/').next()).and_then(|n| n.rsplit_once('.')).map(|(_, ext)| ext);
    let t = from_media.filter(|m| m.len() <= 6 && !m.contains('-')).or(from_name)?;
    Some(t.to_ascii_uppercase())
}

#[component]
pub fn AttachmentItem(attachment: Attachment) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get();
    let a = attachment;
    let name = a.display_name.clone();
    let fallback = a.name.clone().unwrap_or_default();
    let label = move || Some(format::localized(&name, lang())).filter(|s| !s.is_empty()).unwrap_or_else(|| fallback.clone());
    let url = a.urls.iter().find(|u| u.consumer_type == AttachmentUrlConsumerType::Gui).map(|u| u.url.clone()).unwrap_or_default();
    let kind = file_type(&a, &url);
    let expired = url == EXPIRED_URL || a.expires_at.is_some_and(|e| e < format::now());
    let refused = url == UNAUTHORIZED_URL;
    let usable = !expired && !refused && (url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/'));
    let kind_tag = kind.map(|k| view! { <span class="ds-tag file-type" data-color="neutral" data-size="sm">{k}</span> });
    if usable {
        return view! { <li>{icon(Icon::Attachment)}<a class="ds-link" href=service::absolute(&url) rel="noopener noreferrer">{label}</a>" "{kind_tag}</li> }
            .into_any();
    }
    let why = if expired { k!("dialog.expired") } else { k!("dialog.not_authorized") };
    view! {
        <li class="attachment-disabled">
            {icon(Icon::Attachment)}
            <span>{label}</span>
            " "
            {kind_tag}
            " "
            <span class="ds-tag" data-color="neutral" data-size="sm">{move || i18n.t(why)}</span>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{file_type, for_people};

    fn attachment(consumer: &str, media: Option<&str>, name: &str) -> dialogporten::Attachment {
        serde_json::from_value(serde_json::json!({
            "id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "name": name, "displayName": [],
            "urls": [{"id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e01", "url": format!("https://x.no/{name}"), "mediaType": media, "consumerType": consumer}]
        }))
        .unwrap()
    }

    #[test]
    fn people_see_gui_attachments_with_their_file_type() {
        let shown =
            for_people(vec![attachment("Gui", Some("application/pdf"), "a.pdf"), attachment("Api", Some("application/xml"), "b.xml")]);
        assert_eq!(shown.len(), 1);
        assert_eq!(file_type(&shown[0], "https://x.no/a.pdf").as_deref(), Some("PDF"));
        let docx = attachment("Gui", Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "brev.docx");
        assert_eq!(file_type(&docx, "https://x.no/brev.docx").as_deref(), Some("DOCX"));
    }
}
