//! A labelled form field with its hint and its error, tied together for screen readers.
//! The `<input>` itself is never re-rendered, so what the person typed stays when errors appear.
use super::errors::code_message;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use leptos::prelude::*;

/// The error of `field` in the last result of an action.
pub fn field_error(
    error: Signal<Option<AppError>>,
    field: impl Into<String>,
) -> Signal<Option<ErrorCode>> {
    let field = field.into();
    Signal::derive(move || error.get().and_then(|error| error.code_for(&field)))
}

#[component]
pub fn Field(
    /// The form name, e.g. `form[email]`.
    #[prop(into)]
    name: String,
    /// A unique id, e.g. `sign-up-email`.
    #[prop(into)]
    id: String,
    label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = 200)] max_length: i64,
    /// What the field starts with (an edit form's saved value).
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(into)] error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = described_by(&id, hint.is_some(), error);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                maxlength=max_length
                required=required
                value=value
                list=list
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id>
                {move || error.get().map(|code| code_message(i18n, code))}
            </p>
        </div>
    }
}

/// A multi-line field: same label, hint and error wiring as `Field`.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] id: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = 2000)] max_length: i64,
    #[prop(default = 4)] rows: i64,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = described_by(&id, hint.is_some(), error);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let label_for = id.clone();
    let invalid = move || error.get().is_some().then_some("true");
    // An empty text child renders no text node, which hydration then fails to find: an empty
    // field is a textarea without children.
    let area = match value.filter(|text| !text.is_empty()) {
        Some(text) => view! {
            <textarea id=id name=name maxlength=max_length rows=rows aria-invalid=invalid
                aria-describedby=described_by>{text}</textarea>
        }
        .into_any(),
        None => view! {
            <textarea id=id name=name maxlength=max_length rows=rows aria-invalid=invalid
                aria-describedby=described_by></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=label_for>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {area}
            <p class="field-error" id=error_id>
                {move || error.get().map(|code| code_message(i18n, code))}
            </p>
        </div>
    }
}

/// The `aria-describedby` of a field: its hint, and its error while there is one.
fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<ErrorCode>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
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
}
