//! Database, HTTP and command-line tests. Every story runs on a fresh SQLite file and on a fresh
//! PostgreSQL database (created and dropped here; CI=true makes PostgreSQL mandatory).
// Test code panics on purpose: a failed expectation is the report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod admin;
mod avatars;
mod cities;
mod cli;
mod days;
mod demo;
mod events;
mod founders;
mod guests;
mod initiatives;
mod inspiration;
mod locales;
mod mail;
mod members;
mod messages;
mod my_account;
mod outcomes;
mod photos;
mod platform;
mod reports;
mod search;
mod support;
