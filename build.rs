//! Compiles locales/*.json into a typed `i18n` module (leptos_i18n): a missing key or a misspelt
//! interpolation fails the build. A new language is a file in locales/ plus its code below.
// A build script has no one to report to but the compiler: failing loudly is its job.
#![allow(clippy::expect_used)]

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let module_dir = PathBuf::from(out_dir).join("i18n");
    let config = Config::new("en")
        .and_then(|config| config.add_locales(["fr", "es", "pt", "tr", "de"]))
        .expect("the locale codes are valid")
        // Lets `t_string!` interpolate, for attributes and messages built outside views.
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations =
        TranslationsInfos::parse(config).expect("locales/ must parse: see the message above");
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations
        .generate_i18n_module(module_dir)
        .expect("the i18n module could be written to OUT_DIR");
}
