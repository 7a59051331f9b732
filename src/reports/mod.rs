//! The reporters' video reports (issue 6). What is here so far: the strict parsing of a video's
//! address into a provider and an id (`video`), on which the reports will be built.
#[cfg(feature = "ssr")]
pub mod video;
