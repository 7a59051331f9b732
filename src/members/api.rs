//! Server functions of member profiles. Each is a public HTTP endpoint under /api/members/...:
//! it checks who calls first, then parses, then stores. A member only ever edits their own
//! profile: the functions take no member id, they work on the caller's.
use super::directory::{DirectoryParams, DirectoryResults};
use super::{ProfileForm, ProfileLookup};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A member's page as the caller may see it, texts in `language` when written.
#[server(prefix = "/api", endpoint = "members/profile", input = GetUrl)]
pub async fn member_profile(handle: String, language: String) -> Result<ProfileLookup, AppError> {
    crate::server::request::with_status(ssr::profile(handle, language).await)
}

/// The caller's profile form, filled with what is saved.
#[server(prefix = "/api", endpoint = "members/my-profile", input = GetUrl)]
pub async fn my_profile(language: String) -> Result<ProfileForm, AppError> {
    crate::server::request::with_status(ssr::editable(language).await)
}

#[server(prefix = "/api", endpoint = "members/save-profile")]
pub async fn save_profile(form: ProfileForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// The caller's city: its shakers, and for a shaker the members who arrived there lately.
#[server(prefix = "/api", endpoint = "members/my-city", input = GetUrl)]
pub async fn my_city(language: String) -> Result<super::arrivals::MyCity, AppError> {
    crate::server::request::with_status(ssr::city(language).await)
}

/// The directory: members found by what they made public, with facet counts. Open to visitors.
#[server(prefix = "/api", endpoint = "members/directory", input = GetUrl)]
pub async fn member_directory(
    params: DirectoryParams,
    language: String,
) -> Result<DirectoryResults, AppError> {
    crate::server::request::with_status(ssr::directory(params, language).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session::{current_account, require_member};
    use crate::cities::store as cities;
    use crate::error::{ErrorCode, FieldErrors};
    use crate::initiatives::store as initiatives;
    use crate::members::{arrivals, member_path, store, Reader};
    use crate::server::state::app_state;

    pub async fn profile(handle: String, language: String) -> Result<ProfileLookup, AppError> {
        let reader_account = current_account().await?;
        let state = app_state()?;
        let Some((id, current)) = store::find_member_by_handle(&state.db, &handle).await? else {
            return Err(AppError::NotFound);
        };
        if current != handle {
            return Ok(ProfileLookup::MovedTo(current));
        }
        let reader = match reader_account {
            Some(account) if account.id == id => Reader::Owner,
            Some(_) => Reader::Member,
            None => Reader::Visitor,
        };
        let profile = store::profile(&state.db, id, reader, &language)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(ProfileLookup::Found(Box::new(profile)))
    }

    pub async fn directory(
        params: DirectoryParams,
        language: String,
    ) -> Result<DirectoryResults, AppError> {
        let state = app_state()?;
        crate::members::directory::store::search(&state.db, &params, &language).await
    }

    pub async fn city(language: String) -> Result<arrivals::MyCity, AppError> {
        let account = require_member().await?;
        arrivals::my_city(&app_state()?.db, account.id, &language).await
    }

    pub async fn editable(language: String) -> Result<ProfileForm, AppError> {
        let account = require_member().await?;
        store::editable(&app_state()?.db, account.id, &language).await
    }

    pub async fn save(form: ProfileForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let input = form.parse()?;
        let mut errors = FieldErrors::default();
        let city =
            cities::resolve_field(&state.db, input.city.as_deref(), "city", &mut errors).await?;
        let theme_ids = initiatives::theme_ids(&state.db, &input.themes).await?;
        if theme_ids.is_none() {
            errors.add("themes", ErrorCode::UnknownTheme);
        }
        errors.into_result()?;
        let resolved = store::ResolvedProfile {
            input: &input,
            city: city.as_ref(),
            theme_ids: theme_ids.as_deref().unwrap_or_default(),
        };
        let city_before = arrivals::home_city(&state.db, account.id).await?;
        store::save(&state.db, account.id, &resolved).await?;
        if city.as_ref().map(|city| city.id) != city_before {
            arrivals::arrive_at_home(&state.db, account.id, |path| state.config.link_to(path))
                .await;
        }
        leptos_axum::redirect(&member_path(&input.handle));
        Ok(())
    }
}
