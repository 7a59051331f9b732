//! New CITYzens: one crate for the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
pub mod app;
pub mod cities;
pub mod days;
pub mod error;
pub mod events;
pub mod home;
pub mod initiatives;
pub mod inspiration;
pub mod members;
pub mod messages;
pub mod reports;
pub mod ui;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod text;

/// The typed translations compiled from locales/ by build.rs. The generated code parses its own
/// constant locale codes with `expect`, which our lints would otherwise refuse.
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets people's tools (and our browser tests) know the page is interactive now.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
