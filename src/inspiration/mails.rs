//! (ssr) The mails inspiration links send, written in their recipient's language.
use crate::i18n::td_string;
use crate::initiatives::mails::{locale_of, Recipient};
use crate::server::mail::Mail;

/// What an initiative's spotter and member founders are told when a moderator or an event's
/// organisers confirm that it inspired a new one.
pub fn inspired_new(person: &Recipient, initiative: &str, new: &str, url: &str) -> Mail {
    let locale = locale_of(&person.language);
    let name = person.name.as_str();
    Mail {
        to: person.email.clone(),
        subject: td_string!(locale, mail.inspired_new_subject, initiative).to_string(),
        body: td_string!(locale, mail.inspired_new_body, name, initiative, new, url).to_string(),
    }
}
