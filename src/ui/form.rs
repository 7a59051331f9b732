//! A labelled form field with its hint and its error, tied together for screen readers.
//! The `<input>` itself is never re-rendered, so what the person typed stays when errors appear.
use super::errors::code_message;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use leptos::prelude::*;

/// The error of `field` in the last result of an action.
pub fn field_error(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<ErrorCode>> {
    Signal::derive(move || error.get().and_then(|error| error.code_for(field)))
}

#[component]
pub fn Field(
    /// The form name, e.g. `form[email]`.
    name: &'static str,
    /// A unique id, e.g. `sign-up-email`.
    id: &'static str,
    label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = 200)] max_length: i64,
    #[prop(into)] error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                maxlength=max_length
                required=true
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id>
                {move || error.get().map(|code| code_message(i18n, code))}
            </p>
        </div>
    }
}
