//! The mail queue and its worker: mails written in the recipient's language, delivered once,
//! retried with back-off.
use crate::initiatives::{initiative_fields, moderator, my_latest};
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::server::mail::{self, Mail, Mailer, Transport};
use time::{Duration, OffsetDateTime};

fn folder_mailer(folder: &std::path::Path) -> Mailer {
    Mailer {
        transport: Transport::Folder(folder.to_owned()),
        from: "New CITYzens <test@example.org>".parse().unwrap(),
    }
}

fn outbox_files(folder: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

async fn mail_status(db: &newcityzens::db::Db) -> Vec<(String, i64)> {
    let sql = "SELECT status, attempts FROM mail_outbox ORDER BY id";
    match db {
        newcityzens::db::Db::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        newcityzens::db::Db::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    }
}

#[tokio::test]
async fn a_spotter_is_told_of_the_review_in_their_own_language() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = Client::from_ip(router_for(&test_db).await, "198.51.100.100");
        let signed_up = spotter
            .call(
                "accounts/sign-up",
                &[
                    ("form[display_name]", "Sandrine"),
                    ("form[email]", "sandrine@example.org"),
                    ("form[password]", PASSWORD),
                    ("form[city]", "Lyon"),
                    ("form[language]", "fr"),
                ],
            )
            .await;
        assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
        let confirmed = spotter
            .confirm_email(&test_db.db, "sandrine@example.org")
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.101").await;
        // The confirmation mails of the two sign-ups are not this story's.
        newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query("DELETE FROM mail_outbox").execute(pool).await.map(|_| ()))
        .unwrap();
        let submit = initiative_fields(&[("form[intent]", "submit")]);
        assert_eq!(
            spotter.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        let id = my_latest(&mut spotter).await;
        let sent_back = moderator
            .call(
                "initiatives/review",
                &[
                    ("form[id]", &id),
                    ("form[decision]", "return"),
                    ("form[note]", "Ajoutez l'adresse, merci"),
                ],
            )
            .await;
        assert_eq!(sent_back.status, StatusCode::OK, "{}", sent_back.body);

        let outbox = tempfile::tempdir().unwrap();
        let delivered = mail::deliver_due(
            &test_db.db,
            &folder_mailer(outbox.path()),
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
        assert_eq!(delivered, 1);
        let files = outbox_files(outbox.path());
        assert_eq!(files.len(), 1);
        let eml = &files[0];
        assert!(eml.contains("To: sandrine@example.org"), "{eml}");
        assert!(
            eml.contains("Subject: =?utf-8?") || eml.contains("Subject: Votre initiative"),
            "{eml}"
        );
        assert!(eml.contains("Ajoutez l'adresse, merci"), "{eml}");
        assert!(
            eml.contains(&format!("http://127.0.0.1:3000/initiatives/{id}")),
            "{eml}"
        );
        assert!(eml.contains("Bonjour Sandrine"), "{eml}");
        assert_eq!(mail_status(&test_db.db).await, [("sent".to_owned(), 1)]);
        // Delivered once: the next round finds nothing to send.
        let again = mail::deliver_due(
            &test_db.db,
            &folder_mailer(outbox.path()),
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
        assert_eq!(again, 0);
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_failed_delivery_is_retried_later_then_given_up() {
    on_both_databases(|test_db| async move {
        let mail = Mail {
            to: "someone@example.org".into(),
            subject: "Hello".into(),
            body: "Hi".into(),
        };
        mail::enqueue(&test_db.db, &mail).await.unwrap();
        // A folder that cannot be created: every delivery fails.
        let blocker = tempfile::NamedTempFile::new().unwrap();
        let broken = folder_mailer(&blocker.path().join("outbox"));
        let mut now = OffsetDateTime::now_utc();
        assert_eq!(
            mail::deliver_due(&test_db.db, &broken, now).await.unwrap(),
            0
        );
        assert_eq!(mail_status(&test_db.db).await, [("pending".to_owned(), 1)]);
        // Not due again before its back-off has passed.
        mail::deliver_due(&test_db.db, &broken, now + Duration::seconds(30))
            .await
            .unwrap();
        assert_eq!(mail_status(&test_db.db).await, [("pending".to_owned(), 1)]);
        for _ in 0..5 {
            now += Duration::hours(13);
            mail::deliver_due(&test_db.db, &broken, now).await.unwrap();
        }
        assert_eq!(mail_status(&test_db.db).await, [("failed".to_owned(), 6)]);
        test_db
    })
    .await;
}

#[tokio::test]
async fn two_workers_never_send_the_same_mail_twice() {
    on_both_databases(|test_db| async move {
        for n in 0..30 {
            let mail = Mail {
                to: format!("person{n}@example.org"),
                subject: "Hello".into(),
                body: "Hi".into(),
            };
            mail::enqueue(&test_db.db, &mail).await.unwrap();
        }
        let outbox = tempfile::tempdir().unwrap();
        let (first, second) = (folder_mailer(outbox.path()), folder_mailer(outbox.path()));
        let now = OffsetDateTime::now_utc();
        let mut delivered = 0;
        for _ in 0..2 {
            let (a, b) = tokio::join!(
                mail::deliver_due(&test_db.db, &first, now),
                mail::deliver_due(&test_db.db, &second, now)
            );
            delivered += a.unwrap() + b.unwrap();
        }
        assert_eq!(delivered, 30);
        assert_eq!(outbox_files(outbox.path()).len(), 30);
        assert!(mail_status(&test_db.db)
            .await
            .iter()
            .all(|(status, attempts)| status == "sent" && *attempts == 1));
        test_db
    })
    .await;
}
