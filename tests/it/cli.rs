//! The binary's commands, run as a person would run them.
use std::io::Write;
use std::process::{Command, Stdio};

fn newcityzens(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newcityzens"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("the binary ends")
}

#[test]
fn an_unknown_database_scheme_stops_start_up_with_a_clear_message() {
    let output = newcityzens("mysql://root@127.0.0.1/newcityzens", &["migrate"], "");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("DATABASE_URL must start with sqlite:// or postgres://"),
        "{stderr}"
    );
}

#[test]
fn help_documents_every_command() {
    let output = newcityzens("sqlite::memory:", &["--help"], "");
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "create-admin"] {
        assert!(help.contains(command), "{help}");
    }
}

#[tokio::test]
async fn create_admin_creates_then_promotes() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", folder.path().display());
    let migrate = newcityzens(&url, &["migrate"], "");
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );

    let short = newcityzens(
        &url,
        &["create-admin", "--email", "root@example.org"],
        "short\n",
    );
    assert!(!short.status.success(), "a weak password is refused");

    let created = newcityzens(
        &url,
        &["create-admin", "--email", "Root@Example.org"],
        "a long enough password\n",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let again = newcityzens(&url, &["create-admin", "--email", "root@example.org"], "");
    assert!(
        again.status.success(),
        "promoting an existing admin is harmless"
    );

    let db = newcityzens::db::Db::connect(&url).await.unwrap();
    let id = newcityzens::admin::store::account_by_email(&db, "root@example.org")
        .await
        .unwrap()
        .expect("created");
    let roles = newcityzens::accounts::store::roles_of(&db, id)
        .await
        .unwrap();
    assert_eq!(roles, [newcityzens::accounts::Role::Admin]);
    db.close().await;
}
