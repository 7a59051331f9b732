//! Shared components: layout, form fields, error messages.
pub mod errors;
pub mod form;
pub mod layout;
pub mod not_found;
