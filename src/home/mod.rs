//! The home page: the movement's story with its live numbers, the most inspiring initiatives,
//! and how to join. Compiles for the browser too (the types the page shows).
use serde::{Deserialize, Serialize};

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

pub use page::HomePage;

/// The movement in numbers, as they are now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementNumbers {
    /// Published initiatives.
    pub initiatives: i64,
    /// Cities and countries with a published initiative or an upcoming event.
    pub cities: i64,
    pub countries: i64,
    /// Published reports on published initiatives.
    pub reports: i64,
    /// Events not cancelled that have not ended.
    pub upcoming_events: i64,
}
