//! Thin entry point: read the settings, parse the command line, hand over to the library.
use clap::Parser;
use newcityzens::{cli, server::config::Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let command = cli::Cli::parse();
    if let Err(error) = start(command).await {
        eprintln!("newcityzens: {error}");
        std::process::exit(1);
    }
}

async fn start(command: cli::Cli) -> Result<(), Box<dyn std::error::Error>> {
    // Leptos.toml holds the site's settings; LEPTOS_* variables override it.
    let leptos_options = leptos::config::get_configuration(Some("Leptos.toml"))?.leptos_options;
    let config = Config::from_env(leptos_options.site_addr)?;
    cli::run(command, config, leptos_options).await
}
