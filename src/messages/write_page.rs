//! `/members/<handle>/write`: the first message to a member, from their page.
use super::api::WriteToMember;
use super::MESSAGE_MAX_CHARS;
use crate::app::Auth;
use crate::i18n::*;
use crate::members::api::member_profile;
use crate::members::credit::Avatar;
use crate::members::{member_path, MemberProfile, ProfileLookup};
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn WritePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let lookup = Resource::new(
        move || {
            let handle = params.read().get("handle").unwrap_or_default();
            (handle, i18n.get_locale().as_str().to_owned())
        },
        |(handle, language)| member_profile(handle, language),
    );
    let account = expect_context::<Auth>().current_for_page();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match (lookup.await, account.await) {
                    (Ok(ProfileLookup::Found(profile)), Ok(Some(_))) => {
                        view! { <WriteForm profile=*profile/> }.into_any()
                    }
                    (Ok(ProfileLookup::Found(profile)), Ok(None)) => view! {
                        <p>
                            <a href=crate::ui::log_in_href()>{t!(i18n, nav.log_in)}</a> " "
                            {t!(i18n, messages.log_in_to_write, name = profile.display_name.clone())}
                        </p>
                    }.into_any(),
                    (Ok(ProfileLookup::MovedTo(handle)), _) => {
                        let path = format!("{}/write", member_path(&handle));
                        view! { <p><a href=path.clone()>{path.clone()}</a></p> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WriteForm(profile: MemberProfile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<WriteToMember>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let name = profile.display_name.clone();
    let title = t_string!(i18n, messages.write_title, name = name.clone()).to_string();
    view! {
        <Title text=title.clone()/>
        <header class="member-header">
            <Avatar name=name.clone() url=profile.avatar_url.clone()/>
            <h1>{title}</h1>
        </header>
        <p>{t!(i18n, messages.write_intro, name = name.clone())}</p>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[handle]" value=profile.handle.clone()/>
            <TextArea name="form[body]" id="message-body" label=t_string!(i18n, messages.body_label).to_string()
                hint=t_string!(i18n, messages.body_hint, max = MESSAGE_MAX_CHARS).to_string()
                max_length=MESSAGE_MAX_CHARS as i64 rows=8 error=field_error(error, "body")/>
            <button type="submit" class="button">{t!(i18n, messages.send)}</button>
        </ActionForm>
    }
}
