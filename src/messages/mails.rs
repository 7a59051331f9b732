//! (ssr) The mail that relays a message: from the platform, to the recipient's address, in their
//! language. It names the sender but carries neither address; answering happens on the page it
//! links to.
use crate::accounts::links::Addressee;
use crate::i18n::td_string;
use crate::initiatives::mails::locale_of;
use crate::server::mail::Mail;

pub fn relayed_message(to: &Addressee, sender: &str, message: &str, url: &str) -> Mail {
    let locale = locale_of(&to.language);
    let name = to.display_name.as_str();
    Mail {
        to: to.email.clone(),
        subject: td_string!(locale, mail.message_subject, sender).to_string(),
        body: td_string!(locale, mail.message_body, name, sender, message, url).to_string(),
    }
}
