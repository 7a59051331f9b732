//! Database, HTTP and command-line tests. Every story runs on a fresh SQLite file and on a fresh
//! PostgreSQL database (created and dropped here; CI=true makes PostgreSQL mandatory).
mod accounts;
mod admin;
mod cli;
mod platform;
mod support;
