//! (ssr) The mails initiatives send, written in their recipient's language.
use super::Status;
use crate::i18n::td_string;
use crate::i18n::{I18nLocaleTrait as _, Locale};
use crate::server::mail::Mail;

/// Who is told, in which language.
pub struct Recipient {
    pub email: String,
    pub name: String,
    pub language: String,
}

/// The UI locale of a stored language code (the default one for an unknown code).
pub fn locale_of(language: &str) -> Locale {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == language)
        .unwrap_or_default()
}

/// What a spotter is told when a member says they are one of their initiative's founders.
pub fn founder_claim(
    spotter: &Recipient,
    member: &str,
    founder: &str,
    title: &str,
    url: &str,
) -> Mail {
    let locale = locale_of(&spotter.language);
    let name = spotter.name.as_str();
    Mail {
        to: spotter.email.clone(),
        subject: td_string!(locale, mail.founder_claim_subject, member, title).to_string(),
        body: td_string!(
            locale,
            mail.founder_claim_body,
            name,
            member,
            founder,
            title,
            url
        )
        .to_string(),
    }
}

/// What a member who said they are a founder is told of the answer.
pub fn founder_answer(
    member: &Recipient,
    confirmed: bool,
    founder: &str,
    title: &str,
    url: &str,
) -> Mail {
    let locale = locale_of(&member.language);
    let name = member.name.as_str();
    let (subject, body) = if confirmed {
        (
            td_string!(locale, mail.founder_confirmed_subject, title).to_string(),
            td_string!(
                locale,
                mail.founder_confirmed_body,
                name,
                founder,
                title,
                url
            )
            .to_string(),
        )
    } else {
        (
            td_string!(locale, mail.founder_declined_subject, title).to_string(),
            td_string!(
                locale,
                mail.founder_declined_body,
                name,
                founder,
                title,
                url
            )
            .to_string(),
        )
    };
    Mail {
        to: member.email.clone(),
        subject,
        body,
    }
}

/// What a spotter is told when a moderator decides on their initiative (`None`: nothing to tell).
pub fn review_decision(
    recipient: &Recipient,
    status: Status,
    title: &str,
    note: &str,
    url: &str,
) -> Option<Mail> {
    let locale = locale_of(&recipient.language);
    let name = recipient.name.as_str();
    let (subject, body) = match status {
        Status::Published => (
            td_string!(locale, mail.published_subject, title).to_string(),
            td_string!(locale, mail.published_body, name, title, url).to_string(),
        ),
        Status::Returned => (
            td_string!(locale, mail.returned_subject, title).to_string(),
            td_string!(locale, mail.returned_body, name, title, note, url).to_string(),
        ),
        Status::Unpublished => (
            td_string!(locale, mail.unpublished_subject, title).to_string(),
            td_string!(locale, mail.unpublished_body, name, title, note, url).to_string(),
        ),
        Status::Draft | Status::Submitted => return None,
    };
    Some(Mail {
        to: recipient.email.clone(),
        subject,
        body,
    })
}
