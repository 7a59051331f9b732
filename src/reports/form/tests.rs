use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 28);

fn chapter(time: &str, title: &str) -> ChapterRow {
    ChapterRow {
        time: time.into(),
        title: title.into(),
        sentence: String::new(),
    }
}

fn complete() -> ReportForm {
    ReportForm {
        initiative: "4".into(),
        language: "fr".into(),
        address: "https://youtu.be/dQw4w9WgXcQ".into(),
        title: "Le Repair Café de Lyon".into(),
        summary: "Comment tout a commencé.".into(),
        spoken_language: "fr".into(),
        subtitles: vec!["en".into(), String::new(), "en".into(), "es".into()],
        duration: "12:30".into(),
        filmed_on: "2026-05-14".into(),
        filmed_by: "@ana\nJean Dupont\n".into(),
        speakers: vec![
            SpeakerRow {
                name: "Martine".into(),
                role: "fondatrice".into(),
            },
            SpeakerRow::default(),
        ],
        chapters: vec![
            chapter("0:00", "Le début"),
            ChapterRow::default(),
            chapter("03:12", "Trouver les premiers bénévoles"),
            chapter("10:00", "Durer"),
        ],
        consent: "yes".into(),
        intent: Intent::Submit,
        ..Default::default()
    }
}

fn codes(form: &ReportForm) -> Vec<(String, ErrorCode)> {
    match form.parse(&[], TODAY) {
        Err(AppError::Validation(errors)) => {
            errors.into_iter().map(|e| (e.field, e.code)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_complete_report_is_parsed_with_its_people_and_chapters() {
    let input = complete().parse(&[], TODAY).unwrap();
    assert_eq!(input.initiative, Some(InitiativeId(4)));
    assert_eq!(input.video.id, "dQw4w9WgXcQ");
    assert_eq!(input.subtitles, vec!["en", "es"]);
    assert_eq!(input.duration_seconds, 750);
    assert_eq!(input.filmed_by[0].handle.as_deref(), Some("ana"));
    assert_eq!(input.filmed_by[1].handle, None);
    assert_eq!(input.speakers.len(), 1, "the empty row is ignored");
    assert_eq!(input.speakers[0].row, 0);
    assert_eq!(input.speakers[0].role, "fondatrice");
    let starts: Vec<u32> = input.chapters.iter().map(|c| c.start_seconds).collect();
    assert_eq!(starts, vec![0, 192, 600]);
    assert!(input.consent);
}

#[test]
fn addresses_that_are_not_one_video_are_refused_with_their_reason() {
    for (address, code) in [
        ("javascript:alert(1)", ErrorCode::NotAVideoAddress),
        (
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            ErrorCode::UnknownVideoHost,
        ),
        (
            "https://www.youtube.com/playlist?list=PL123",
            ErrorCode::NotOneVideo,
        ),
        ("", ErrorCode::Required),
    ] {
        let form = ReportForm {
            address: address.into(),
            ..complete()
        };
        assert_eq!(
            codes(&form),
            vec![("address".to_owned(), code)],
            "{address}"
        );
    }
}

#[test]
fn chapters_out_of_order_or_past_the_end_are_refused_on_their_row() {
    let mut form = complete();
    form.chapters = vec![
        chapter("5:00", "Second"),
        chapter("3:00", "First"),
        ChapterRow::default(),
        chapter("13:00", "After the end"),
        chapter("1:75", "Not a time"),
        chapter("", "No time"),
    ];
    assert_eq!(
        codes(&form),
        vec![
            ("chapter_4_time".to_owned(), ErrorCode::InvalidTimeCode),
            ("chapter_5_time".to_owned(), ErrorCode::Required),
            ("chapter_1_time".to_owned(), ErrorCode::ChapterOutOfOrder),
            ("chapter_3_time".to_owned(), ErrorCode::BeyondDuration),
        ]
    );
}

#[test]
fn a_chapter_needs_a_title_and_a_speaker_a_name() {
    let mut form = complete();
    form.chapters = vec![chapter("1:00", "")];
    form.speakers = vec![SpeakerRow {
        name: String::new(),
        role: "bénévole".into(),
    }];
    assert_eq!(
        codes(&form),
        vec![
            ("speaker_0_name".to_owned(), ErrorCode::Required),
            ("chapter_0_title".to_owned(), ErrorCode::Required),
        ]
    );
}

#[test]
fn submitting_needs_consent_a_text_and_who_filmed_but_a_draft_does_not() {
    let mut form = complete();
    form.consent = String::new();
    form.summary = String::new();
    form.filmed_by = String::new();
    assert_eq!(
        codes(&form),
        vec![
            ("summary".to_owned(), ErrorCode::Required),
            ("filmed_by".to_owned(), ErrorCode::Required),
            ("consent".to_owned(), ErrorCode::ConsentRequired),
        ]
    );
    form.intent = Intent::SaveDraft;
    assert!(!form.parse(&[], TODAY).unwrap().consent);
}

#[test]
fn the_filming_date_is_a_real_day_not_in_the_future() {
    for (raw, code) in [
        ("2026-11-29", ErrorCode::InFuture),
        ("2026-02-30", ErrorCode::InvalidDate),
        ("14/05/2026", ErrorCode::InvalidDate),
        ("1920-01-01", ErrorCode::InvalidDate),
    ] {
        let form = ReportForm {
            filmed_on: raw.into(),
            ..complete()
        };
        assert_eq!(codes(&form), vec![("filmed_on".to_owned(), code)], "{raw}");
    }
}

#[test]
fn the_duration_is_a_time_code_within_a_day() {
    for raw in ["0:00", "abc", "25:00:00", "-3:00"] {
        let form = ReportForm {
            duration: raw.into(),
            chapters: Vec::new(),
            ..complete()
        };
        assert_eq!(
            codes(&form),
            vec![("duration".to_owned(), ErrorCode::InvalidTimeCode)],
            "{raw}"
        );
    }
}

#[test]
fn a_translation_titles_every_chapter() {
    let form = ReportTranslationForm {
        id: 1,
        language: "en".into(),
        title: "Lyon's Repair Café".into(),
        summary: String::new(),
        chapters: vec![chapter("", "The start")],
    };
    assert!(matches!(form.parse(2), Err(AppError::Validation(errors))
        if errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>() == ["chapter_1_title"]));
    let texts = form.parse(1).unwrap();
    assert_eq!(
        texts.chapters,
        vec![("The start".to_owned(), String::new())]
    );
}
