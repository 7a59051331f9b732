//! (ssr) The mails about sign-ups, written in each recipient's language, with the event's time
//! on the event's clocks.
use super::signups::Attendee;
use super::store::EventHeading;
use super::zones::event_time;
use crate::i18n::td_string;
use crate::initiatives::mails::locale_of;
use crate::server::mail::Mail;
use crate::ui::dates::span_in;

/// What every mail about one event says of it.
pub struct EventMailContext<'a> {
    pub heading: &'a EventHeading,
    /// The event page, absolute.
    pub url: &'a str,
}

impl EventMailContext<'_> {
    fn when(&self, attendee: &Attendee) -> String {
        let zone = &self.heading.timezone;
        let (starts, ends) = (
            event_time(self.heading.starts_at, zone),
            event_time(self.heading.ends_at, zone),
        );
        span_in(
            locale_of(&attendee.language),
            &starts.local,
            &ends.local,
            zone,
        )
    }

    /// A seat freed up: the waitlisted person is in.
    pub fn promoted(&self, attendee: &Attendee) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title, code, url) = (
            attendee.name.as_str(),
            self.heading.title.as_str(),
            attendee.code.as_str(),
            self.url,
        );
        let when = self.when(attendee);
        Mail {
            to: attendee.email.clone(),
            subject: td_string!(locale, mail.event_promoted_subject, title).to_string(),
            body: td_string!(
                locale,
                mail.event_promoted_body,
                name,
                title,
                when,
                code,
                url
            )
            .to_string(),
        }
    }

    /// A guest's link: to confirm their address (`pending`), or to see their sign-up again.
    pub fn guest_link(&self, attendee: &Attendee, pending: bool, link: &str) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title) = (attendee.name.as_str(), self.heading.title.as_str());
        let when = self.when(attendee);
        let (subject, body) = if pending {
            (
                td_string!(locale, mail.event_guest_confirm_subject, title).to_string(),
                td_string!(
                    locale,
                    mail.event_guest_confirm_body,
                    name,
                    title,
                    when,
                    link
                )
                .to_string(),
            )
        } else {
            (
                td_string!(locale, mail.event_guest_link_subject, title).to_string(),
                td_string!(locale, mail.event_guest_link_body, name, title, when, link).to_string(),
            )
        };
        Mail {
            to: attendee.email.clone(),
            subject,
            body,
        }
    }

    /// The organisers cancelled the event.
    pub fn cancelled(&self, attendee: &Attendee) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title, url) = (
            attendee.name.as_str(),
            self.heading.title.as_str(),
            self.url,
        );
        let when = self.when(attendee);
        Mail {
            to: attendee.email.clone(),
            subject: td_string!(locale, mail.event_cancelled_subject, title).to_string(),
            body: td_string!(locale, mail.event_cancelled_body, name, title, when, url).to_string(),
        }
    }

    /// The organisers took the sign-up off the list, saying why.
    pub fn removed(&self, attendee: &Attendee, reason: &str) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title, url) = (
            attendee.name.as_str(),
            self.heading.title.as_str(),
            self.url,
        );
        let when = self.when(attendee);
        Mail {
            to: attendee.email.clone(),
            subject: td_string!(locale, mail.event_removed_subject, title).to_string(),
            body: td_string!(
                locale,
                mail.event_removed_body,
                name,
                title,
                when,
                reason,
                url
            )
            .to_string(),
        }
    }

    /// What the organisers wrote to everyone signed up.
    pub fn announcement(&self, attendee: &Attendee, subject: &str, message: &str) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title, url) = (
            attendee.name.as_str(),
            self.heading.title.as_str(),
            self.url,
        );
        Mail {
            to: attendee.email.clone(),
            subject: td_string!(locale, mail.event_announcement_subject, title, subject)
                .to_string(),
            body: td_string!(
                locale,
                mail.event_announcement_body,
                name,
                title,
                message,
                url
            )
            .to_string(),
        }
    }

    /// The reminder before the event: when, where, the code, and how to free the seat.
    pub fn reminder(&self, attendee: &Attendee, address: &str, online_url: &str) -> Mail {
        let locale = locale_of(&attendee.language);
        let (name, title, code, url) = (
            attendee.name.as_str(),
            self.heading.title.as_str(),
            attendee.code.as_str(),
            self.url,
        );
        let when = self.when(attendee);
        let place = [address, online_url]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        Mail {
            to: attendee.email.clone(),
            subject: td_string!(locale, mail.event_reminder_subject, title).to_string(),
            body: td_string!(
                locale,
                mail.event_reminder_body,
                name,
                title,
                when,
                place,
                code,
                url
            )
            .to_string(),
        }
    }
}
