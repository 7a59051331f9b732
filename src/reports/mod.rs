//! The reporters' video reports (issue 6). What is here so far: the strict parsing of a video's
//! address into a provider and an id (`video`), and the chapters' time codes (`chapters`), on
//! which the reports will be built.
pub mod chapters;
#[cfg(feature = "ssr")]
pub mod video;
