//! The command line: `serve` (the default), `migrate`, `create-admin`, `import-cities`,
//! `seed-demo`.
use crate::accounts::{self, password, store as accounts_store, NewAccount};
use crate::admin::store as admin_store;
use crate::cities::gazetteer;
use crate::{accounts::Role, db::Db, server::config::Config};
use clap::{Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::io::BufRead;

#[derive(Debug, Parser)]
#[command(
    name = "newcityzens",
    version,
    about = "New CITYzens: the platform of citizens who change their city with positive initiatives.",
    after_help = "Settings come from environment variables (and an optional .env file): DATABASE_URL, \
                  PUBLIC_URL, SECURE_COOKIES, TRUST_PROXY, RUST_LOG, and the LEPTOS_* variables that \
                  override Leptos.toml (LEPTOS_SITE_ADDR is the listen address). See README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply the database migrations, then serve the site (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Create an admin account, or give the admin role to an existing account. The password of a
    /// new account is read from the first line of standard input.
    CreateAdmin {
        /// The account's email address.
        #[arg(long)]
        email: String,
        /// The display name of a new account (default: the part of the email before the @).
        #[arg(long)]
        name: Option<String>,
    },
    /// Publish the demo initiatives (well-known citizen initiatives from around the world) that
    /// are not there yet; imports the gazetteer first when the database has none.
    SeedDemo {
        /// Only when no initiative is published yet (what the run command does on first start).
        #[arg(long)]
        if_empty: bool,
    },
    /// Import (or update) the world cities gazetteer. `serve` does it by itself on an empty database.
    ImportCities {
        /// The folder holding countries.tsv and cities15000.tsv(.gz).
        #[arg(long, default_value = crate::cities::gazetteer::DEFAULT_DIR)]
        dir: std::path::PathBuf,
    },
}

type CliResult = Result<(), Box<dyn std::error::Error>>;

pub async fn run(cli: Cli, config: Config, leptos_options: LeptosOptions) -> CliResult {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let reindexed = crate::initiatives::store::rebuild_search_index_if_asked(&db).await?;
    if reindexed > 0 {
        println!("Rebuilt the search index of {reindexed} initiatives (a migration asked for it).");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let dir = std::path::Path::new(gazetteer::DEFAULT_DIR);
            if let Some(count) = gazetteer::import_if_empty(&db, dir).await? {
                println!(
                    "Imported {count} cities from {} (first start).",
                    dir.display()
                );
            }
            crate::server::serve(db, config, leptos_options).await?
        }
        Command::SeedDemo { if_empty } => {
            gazetteer::import_if_empty(&db, std::path::Path::new(gazetteer::DEFAULT_DIR)).await?;
            if if_empty && crate::initiatives::demo::published_count(&db).await? > 0 {
                println!("Initiatives are already published: no demo content added.");
            } else {
                let added = crate::initiatives::demo::seed(&db).await?;
                println!("Published {added} demo initiatives.");
                let now = time::OffsetDateTime::now_utc();
                let events = crate::events::demo::seed(&db, now).await?;
                println!("Added {events} demo events.");
                let reports = crate::reports::demo::seed(&db, now).await?;
                println!("Published {reports} demo video reports.");
                let links = crate::inspiration::demo::seed(&db, now).await?;
                println!("Confirmed {links} demo inspiration links.");
                let days = crate::days::demo::seed(&db, now).await?;
                println!("Added {days} demo New CITYzens Days.");
            }
        }
        Command::ImportCities { dir } => {
            let count = gazetteer::import(&db, &dir).await?;
            println!("Imported {count} cities from {}.", dir.display());
        }
        Command::Migrate => println!("The database is up to date."),
        Command::CreateAdmin { email, name } => {
            create_admin(&db, &email, name, &mut std::io::stdin().lock()).await?
        }
    }
    Ok(())
}

fn read_password(input: &mut impl BufRead) -> Result<String, Box<dyn std::error::Error>> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Creates the account if its email is unknown, then grants it the admin role.
pub async fn create_admin(
    db: &Db,
    email: &str,
    name: Option<String>,
    password_input: &mut impl BufRead,
) -> CliResult {
    let email = accounts::parse_email(email).map_err(|code| format!("email: {code:?}"))?;
    let account = match admin_store::account_by_email(db, &email).await? {
        Some(existing) => {
            println!("{email} already has an account: giving it the admin role.");
            accounts_store::vouch_for_email(db, existing).await?;
            existing
        }
        None => {
            let display_name =
                name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
            let new_account = NewAccount {
                display_name: accounts::parse_display_name(&display_name)
                    .map_err(|code| format!("name: {code:?}"))?,
                password: accounts::parse_password(&read_password(password_input)?)
                    .map_err(|code| format!("password (from standard input): {code:?}"))?,
                handle: None,
                city: String::new(),
                language: crate::i18n::Locale::default(),
                email: email.clone(),
            };
            let hash = password::hash(new_account.password.clone()).await?;
            // The operator vouches for the address they type.
            let confirmed = accounts_store::EmailState::Confirmed;
            let id = accounts_store::insert_account(db, &new_account, &hash, confirmed).await?;
            println!("Created the account {email}.");
            id
        }
    };
    admin_store::set_role(db, None, account, Role::Admin, true).await?;
    println!("{email} is an admin.");
    Ok(())
}
