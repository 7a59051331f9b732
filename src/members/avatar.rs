//! (ssr) A member's avatar: a JPEG, PNG or WebP up to 5 MB, decoded (anything else is refused,
//! SVG included), turned upright, cropped to its centre square, resized and re-encoded as a
//! JPEG without metadata. A plain multipart form post to `/my/avatar`: it works without
//! JavaScript, and the profile form's page shows the result.
use crate::accounts::{session, AccountId};
use crate::error::{AppError, ErrorCode};
use crate::initiatives::photos::{decode_upload, encode_jpeg};
use crate::server::{request::upload_answer, state::AppState};
use axum::{
    extract::{DefaultBodyLimit, Multipart, State},
    http::HeaderMap,
    response::Response,
    routing::post,
    Router,
};
use image::{imageops::FilterType, DynamicImage};
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::Session;

pub const MAX_AVATAR_BYTES: usize = 5 * 1024 * 1024;
/// Twice the largest size it is shown at, for sharp screens.
const AVATAR_SIDE: u32 = 256;
/// Where the form is, and where a browser goes back to.
const PROFILE_FORM: &str = "/my/profile";

/// The centre square of `image`, at most `AVATAR_SIDE` wide.
fn square(image: &DynamicImage) -> DynamicImage {
    let side = image.width().min(image.height());
    let cropped = image.crop_imm(
        (image.width() - side) / 2,
        (image.height() - side) / 2,
        side,
        side,
    );
    if side > AVATAR_SIDE {
        cropped.resize_exact(AVATAR_SIDE, AVATAR_SIDE, FilterType::Lanczos3)
    } else {
        cropped
    }
}

/// The stored JPEG of an upload. CPU-heavy: call it on a blocking thread.
pub fn process(bytes: &[u8]) -> Result<Vec<u8>, ErrorCode> {
    encode_jpeg(&square(&decode_upload(bytes, MAX_AVATAR_BYTES)?))
}

/// `POST /my/avatar` (field `avatar`) sets it; `POST /my/avatar/delete` goes back to initials.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/avatar", post(upload))
        .route("/my/avatar/delete", post(remove))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(MAX_AVATAR_BYTES + 64 * 1024))
}

async fn owner(state: &AppState, session: &Session) -> Result<AccountId, AppError> {
    let account = session::account_of(session, &state.db).await?;
    Ok(account.ok_or(AppError::Unauthorised)?.id)
}

/// The file from the form, read up to the body limit.
async fn read_file(mut form: Multipart) -> Result<Vec<u8>, AppError> {
    while let Some(field) = form.next_field().await.map_err(|_| AppError::BadRequest)? {
        if field.name() == Some("avatar") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::field("avatar", ErrorCode::FileTooLarge))?;
            if !bytes.is_empty() {
                return Ok(bytes.to_vec());
            }
        }
    }
    Err(AppError::field("avatar", ErrorCode::Required))
}

async fn set_avatar(state: &AppState, session: &Session, form: Multipart) -> Result<(), AppError> {
    let member = owner(state, session).await?;
    let bytes = read_file(form).await?;
    let jpeg = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|code| AppError::field("avatar", code))?;
    // A new name each time: browsers and proxies may keep the old picture cached.
    let key = format!("avatars/{}-{:016x}.jpg", member.0, rand::random::<u64>());
    if let Err(error) = state.storage.put(&key, jpeg).await {
        tracing::error!(%error, "could not store an avatar");
        return Err(AppError::Internal);
    }
    match super::store::replace_avatar(&state.db, member, Some(&key)).await {
        Ok(old) => {
            delete_file(state, old).await;
            Ok(())
        }
        Err(error) => {
            delete_file(state, Some(key)).await;
            Err(error)
        }
    }
}

/// Removes a file nothing refers to any more; a failure only leaves an orphan behind.
pub async fn delete_file(state: &AppState, key: Option<String>) {
    let Some(key) = key else { return };
    if let Err(error) = state.storage.delete(&key).await {
        tracing::warn!(%error, key, "could not delete an avatar file");
    }
}

async fn upload(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let outcome = set_avatar(&state, &session, form).await;
    upload_answer(&headers, PROFILE_FORM, "avatar_error", "avatar", outcome)
}

async fn remove(State(state): State<AppState>, session: Session, headers: HeaderMap) -> Response {
    let outcome = async {
        let member = owner(&state, &session).await?;
        let old = super::store::replace_avatar(&state.db, member, None).await?;
        delete_file(&state, old).await;
        Ok(())
    }
    .await;
    upload_answer(&headers, PROFILE_FORM, "avatar_error", "avatar", outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, _| {
            // Red on the left third, blue elsewhere: the crop must keep the centre.
            if x < width / 3 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        }));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image.write_to(&mut bytes, ImageFormat::Png).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn a_wide_picture_becomes_its_centre_square_at_avatar_size() {
        let avatar = image::load_from_memory(&process(&png(1200, 400)).unwrap()).unwrap();
        assert_eq!(
            (avatar.width(), avatar.height()),
            (AVATAR_SIDE, AVATAR_SIDE)
        );
        let left_edge = avatar.to_rgb8().get_pixel(2, 128).0;
        assert!(left_edge[2] > 200 && left_edge[0] < 60, "{left_edge:?}");
    }

    #[test]
    fn a_small_picture_is_cropped_but_not_enlarged() {
        let avatar = image::load_from_memory(&process(&png(90, 120)).unwrap()).unwrap();
        assert_eq!((avatar.width(), avatar.height()), (90, 90));
    }

    #[test]
    fn svg_and_oversized_files_are_refused() {
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assert_eq!(process(svg).unwrap_err(), ErrorCode::NotAnImage);
        assert_eq!(
            process(&vec![0u8; MAX_AVATAR_BYTES + 1]).unwrap_err(),
            ErrorCode::FileTooLarge
        );
    }
}
