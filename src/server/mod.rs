//! The axum side: configuration, state, the router with its layers, and the few plain HTTP routes
//! (health, language choice) that are not pages or server functions.
pub mod config;
pub mod http;
pub mod language;
pub mod mail;
pub mod rate_limit;
mod render_owner;
pub mod request;
pub mod security;
pub mod state;
pub mod storage;

pub use http::{build_router, build_router_with_search, serve};
