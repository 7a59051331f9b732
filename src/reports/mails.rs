//! (ssr) The mails reports send, written in their recipient's language.
use crate::i18n::td_string;
use crate::initiatives::mails::{locale_of, Recipient};
use crate::initiatives::Status;
use crate::server::mail::Mail;

/// What a reporter is told when a moderator decides on their report (`None`: nothing to tell).
pub fn review_decision(
    reporter: &Recipient,
    status: Status,
    title: &str,
    note: &str,
    url: &str,
) -> Option<Mail> {
    let locale = locale_of(&reporter.language);
    let name = reporter.name.as_str();
    let (subject, body) = match status {
        Status::Published => (
            td_string!(locale, mail.report_published_subject, title).to_string(),
            td_string!(locale, mail.report_published_body, name, title, url).to_string(),
        ),
        Status::Returned => (
            td_string!(locale, mail.report_returned_subject, title).to_string(),
            td_string!(locale, mail.report_returned_body, name, title, note, url).to_string(),
        ),
        Status::Unpublished => (
            td_string!(locale, mail.report_unpublished_subject, title).to_string(),
            td_string!(locale, mail.report_unpublished_body, name, title, note, url).to_string(),
        ),
        Status::Draft | Status::Submitted => return None,
    };
    Some(Mail {
        to: reporter.email.clone(),
        subject,
        body,
    })
}

/// What an initiative's spotter and member founders are told when a report about it is out.
pub fn report_on_initiative(person: &Recipient, initiative: &str, url: &str) -> Mail {
    let locale = locale_of(&person.language);
    let name = person.name.as_str();
    Mail {
        to: person.email.clone(),
        subject: td_string!(locale, mail.report_on_initiative_subject, initiative).to_string(),
        body: td_string!(
            locale,
            mail.report_on_initiative_body,
            name,
            initiative,
            url
        )
        .to_string(),
    }
}
