use super::*;

fn form() -> EventForm {
    EventForm {
        title: "Inspiration café: repair cafés".into(),
        format: "inspiration_cafe".into(),
        language: "fr".into(),
        starts: "2027-01-14T19:00".into(),
        ends: "2027-01-14T21:30".into(),
        city: "Lyon, France".into(),
        address: "12 rue de la République".into(),
        languages: vec!["fr".into(), "en".into()],
        capacity: "30".into(),
        max_party_size: "3".into(),
        initiatives: "https://newcityzens.org/initiatives/12\n7\n12".into(),
        ..Default::default()
    }
}

fn refusal(form: &EventForm, field: &str) -> Option<ErrorCode> {
    form.parse().err().and_then(|error| error.code_for(field))
}

#[test]
fn a_complete_form_parses() {
    let input = form().parse().unwrap();
    assert_eq!(input.format, Format::InspirationCafe);
    assert_eq!(input.starts.to_field(), "2027-01-14T19:00");
    assert_eq!(input.capacity, Some(30));
    assert_eq!(input.max_party_size, 3);
    assert_eq!(input.languages, vec!["fr", "en"]);
    // Repeats dropped, order kept.
    assert_eq!(input.initiatives, vec![12, 7]);
    assert_eq!(input.reminder_hours, Some(DEFAULT_REMINDER_HOURS));
    assert_eq!(input.timezone, None);
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut bad = form();
    bad.ends = "2027-01-14T18:00".into();
    assert_eq!(refusal(&bad, "ends"), Some(ErrorCode::EndBeforeStart));
    bad.ends = bad.starts.clone();
    assert_eq!(refusal(&bad, "ends"), Some(ErrorCode::EndBeforeStart));
}

#[test]
fn dates_that_do_not_exist_are_refused() {
    for raw in [
        "2027-02-30T19:00",
        "2027-13-01T10:00",
        "2027-01-14T24:00",
        "14/01/2027 19:00",
        "tomorrow",
    ] {
        let mut bad = form();
        bad.starts = raw.into();
        assert_eq!(
            refusal(&bad, "starts"),
            Some(ErrorCode::InvalidDateTime),
            "{raw}"
        );
    }
    assert!(WallClock::parse("2028-02-29T10:00").is_ok());
    assert!(WallClock::parse("2027-02-29T10:00").is_err());
    let mut missing = form();
    missing.starts = " ".into();
    assert_eq!(refusal(&missing, "starts"), Some(ErrorCode::Required));
}

#[test]
fn a_capacity_must_be_a_positive_number_or_nothing() {
    for raw in ["0", "-5", "many", "2.5"] {
        let mut bad = form();
        bad.capacity = raw.into();
        assert_eq!(
            refusal(&bad, "capacity"),
            Some(ErrorCode::InvalidCapacity),
            "{raw}"
        );
    }
    let mut unlimited = form();
    unlimited.capacity = String::new();
    assert_eq!(unlimited.parse().unwrap().capacity, None);
}

#[test]
fn a_party_size_limit_stays_within_bounds() {
    let mut bad = form();
    bad.max_party_size = "21".into();
    assert_eq!(
        refusal(&bad, "max_party_size"),
        Some(ErrorCode::InvalidNumber)
    );
    bad.max_party_size = "0".into();
    assert_eq!(
        refusal(&bad, "max_party_size"),
        Some(ErrorCode::InvalidNumber)
    );
    bad.max_party_size = String::new();
    assert_eq!(bad.parse().unwrap().max_party_size, 1);
}

#[test]
fn a_deadline_after_the_start_is_refused() {
    let mut bad = form();
    bad.signup_deadline = "2027-01-15T10:00".into();
    assert_eq!(
        refusal(&bad, "signup_deadline"),
        Some(ErrorCode::DeadlineAfterStart)
    );
    bad.signup_deadline = "2027-01-13T12:00".into();
    assert!(bad.parse().is_ok());
}

#[test]
fn an_event_happens_somewhere_or_online() {
    let mut nowhere = form();
    nowhere.address = String::new();
    assert_eq!(refusal(&nowhere, "address"), Some(ErrorCode::PlaceRequired));
    nowhere.online_url = "javascript:alert(1)".into();
    assert_eq!(refusal(&nowhere, "online_url"), Some(ErrorCode::InvalidUrl));
    nowhere.online_url = "https://meet.example.org/ncz".into();
    assert!(nowhere.parse().is_ok());
}

#[test]
fn spoken_languages_are_required_and_known() {
    let mut bad = form();
    bad.languages = vec![];
    assert_eq!(refusal(&bad, "languages"), Some(ErrorCode::Required));
    bad.languages = vec!["klingon".into()];
    assert_eq!(refusal(&bad, "languages"), Some(ErrorCode::UnknownLanguage));
}

#[test]
fn the_deck_takes_numbers_and_addresses() {
    assert_eq!(
        parse_deck("42\n/initiatives/7/\nhttps://x.org/initiatives/9?lang=fr"),
        Ok(vec![42, 7, 9])
    );
    assert_eq!(parse_deck("a garden"), Err(ErrorCode::UnknownInitiative));
    assert_eq!(parse_deck("-3"), Err(ErrorCode::UnknownInitiative));
    let many: String = (1..=13).map(|id| format!("{id}\n")).collect();
    assert_eq!(parse_deck(&many), Err(ErrorCode::TooMany));
}

#[test]
fn the_reminder_can_be_turned_off_or_moved() {
    let mut off = form();
    off.reminder_hours = "0".into();
    assert_eq!(off.parse().unwrap().reminder_hours, None);
    off.reminder_hours = "48".into();
    assert_eq!(off.parse().unwrap().reminder_hours, Some(48));
    off.reminder_hours = "-1".into();
    assert_eq!(
        refusal(&off, "reminder_hours"),
        Some(ErrorCode::InvalidNumber)
    );
}

#[test]
fn every_refusal_is_reported_at_once() {
    let bad = EventForm::default();
    let Err(AppError::Validation(errors)) = bad.parse() else {
        panic!("an empty form must be refused field by field");
    };
    let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
    for field in [
        "title",
        "language",
        "starts",
        "ends",
        "city",
        "address",
        "languages",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
}

#[test]
fn a_sign_up_brings_one_to_twenty_people() {
    let signup = |party: &str| SignupForm {
        event: 3,
        party_size: party.into(),
        ..Default::default()
    };
    assert_eq!(signup("").parse().unwrap().party_size, 1);
    assert_eq!(signup("4").parse().unwrap().party_size, 4);
    for bad in ["0", "21", "-2", "two"] {
        assert_eq!(
            signup(bad)
                .parse()
                .err()
                .and_then(|error| error.code_for("party_size")),
            Some(ErrorCode::PartyTooLarge),
            "{bad}"
        );
    }
    let unknown_need = SignupForm {
        access_flags: vec!["jetpack".into()],
        ..signup("1")
    };
    assert_eq!(unknown_need.parse(), Err(AppError::BadRequest));
}
