//! (ssr) Photos of an initiative: up to 5, JPEG, PNG or WebP up to 8 MB each. Every upload is
//! decoded (anything that is not a real image is refused), turned upright, resized to a large
//! and a thumbnail size and re-encoded as JPEG: the new files carry no metadata (GPS included).
//! Uploads are plain multipart form posts to axum handlers, so they work without JavaScript.
use super::{store, InitiativeId};
use crate::accounts::{session, CurrentAccount};
use crate::error::{AppError, ErrorCode};
use crate::server::state::AppState;
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::HeaderMap,
    response::Response,
    routing::post,
    Router,
};
use image::{
    codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageFormat, ImageReader,
};
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::Session;

pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;
pub const MAX_PHOTOS: i64 = 5;
pub const ALT_MAX_CHARS: usize = 300;
const LARGE_SIDE: u32 = 1600;
const THUMBNAIL_SIDE: u32 = 480;
const JPEG_QUALITY: u8 = 82;
/// Decoding a huge image could exhaust memory: refuse anything bigger than this.
const MAX_PIXELS_SIDE: u32 = 12_000;

#[derive(Debug)]
pub struct ProcessedPhoto {
    pub large: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Transparent pixels become white: JPEG has no transparency, and black would hide the picture.
fn flatten_on_white(image: &DynamicImage) -> image::RgbImage {
    let rgba = image.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |channel: u8| {
            let alpha = u16::from(a);
            ((u16::from(channel) * alpha + 255 * (255 - alpha)) / 255) as u8
        };
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

/// A JPEG without metadata: nothing of the uploaded file but its pixels survives.
pub fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, ErrorCode> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .encode_image(&flatten_on_white(image))
        .map_err(|_| ErrorCode::NotAnImage)?;
    Ok(bytes)
}

pub(crate) fn fit(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width() <= side && image.height() <= side {
        image.clone()
    } else {
        image.resize(side, side, FilterType::Lanczos3)
    }
}

/// Decodes an upload of at most `max_bytes` that must be a real JPEG, PNG or WebP of sane
/// dimensions, and turns it upright. CPU-heavy: call it on a blocking thread.
pub fn decode_upload(bytes: &[u8], max_bytes: usize) -> Result<DynamicImage, ErrorCode> {
    if bytes.len() > max_bytes {
        return Err(ErrorCode::FileTooLarge);
    }
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| ErrorCode::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(ErrorCode::NotAnImage);
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| ErrorCode::NotAnImage)?;
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).map_err(|_| ErrorCode::NotAnImage)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| ErrorCode::NotAnImage)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Decodes, checks and re-encodes an upload. CPU-heavy: call it on a blocking thread.
pub fn process(bytes: &[u8]) -> Result<ProcessedPhoto, ErrorCode> {
    let image = decode_upload(bytes, MAX_PHOTO_BYTES)?;
    let large = fit(&image, LARGE_SIDE);
    Ok(ProcessedPhoto {
        width: large.width(),
        height: large.height(),
        large: encode_jpeg(&large)?,
        thumbnail: encode_jpeg(&fit(&image, THUMBNAIL_SIDE))?,
    })
}

/// The routes of photo uploads, with room for one photo per request (the rest of the site
/// refuses bodies over 64 KiB).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/initiatives/{id}/photos", post(upload))
        .route("/initiatives/{id}/photos/{photo}/delete", post(delete))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(MAX_PHOTO_BYTES + 64 * 1024))
}

/// Back to the edit page's photos for a browser, status + JSON otherwise.
fn answer(headers: &HeaderMap, id: i64, outcome: Result<(), AppError>) -> Response {
    let edit_page = format!("{}/edit", InitiativeId(id).path());
    crate::server::request::upload_answer(headers, &edit_page, "photo_error", "photos", outcome)
}

/// The caller, if they may change the photos of `id`.
async fn editor(
    state: &AppState,
    session: &Session,
    id: InitiativeId,
) -> Result<CurrentAccount, AppError> {
    let account = session::account_of(session, &state.db)
        .await?
        .ok_or(AppError::Unauthorised)?;
    store::require_editor(&state.db, &account, id).await?;
    Ok(account)
}

/// The file and its description from the form; the file is read up to the size limit only.
async fn read_form(mut form: Multipart) -> Result<(Vec<u8>, String), AppError> {
    let (mut file, mut alt) = (None, String::new());
    while let Some(field) = form.next_field().await.map_err(|_| AppError::BadRequest)? {
        match field.name() {
            Some("photo") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::field("photo", ErrorCode::FileTooLarge))?;
                file = Some(bytes.to_vec());
            }
            Some("alt") => alt = field.text().await.map_err(|_| AppError::BadRequest)?,
            _ => {}
        }
    }
    let file = file
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| AppError::field("photo", ErrorCode::Required))?;
    let alt = super::parse_line(&alt, ALT_MAX_CHARS, true)
        .map_err(|code| AppError::field("alt", code))?;
    Ok((file, alt))
}

async fn add_photo(
    state: &AppState,
    session: &Session,
    id: InitiativeId,
    form: Multipart,
) -> Result<(), AppError> {
    editor(state, session, id).await?;
    if store::photo_count(&state.db, id).await? >= MAX_PHOTOS {
        return Err(AppError::field("photo", ErrorCode::TooMany));
    }
    let (bytes, alt) = read_form(form).await?;
    let photo = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|code| AppError::field("photo", code))?;
    let name = format!("photos/{}-{:016x}", id.0, rand::random::<u64>());
    let (large_key, thumbnail_key) = (format!("{name}-large.jpg"), format!("{name}-thumb.jpg"));
    let stored = async {
        state.storage.put(&large_key, photo.large).await?;
        state.storage.put(&thumbnail_key, photo.thumbnail).await
    };
    if let Err(error) = stored.await {
        tracing::error!(%error, "could not store a photo");
        return Err(AppError::Internal);
    }
    let size = (i64::from(photo.width), i64::from(photo.height));
    if let Err(error) =
        store::add_photo(&state.db, id, &large_key, &thumbnail_key, size, &alt).await
    {
        // Nothing refers to the files: remove them rather than leave orphans.
        let _ = state.storage.delete(&large_key).await;
        let _ = state.storage.delete(&thumbnail_key).await;
        return Err(error);
    }
    Ok(())
}

async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let outcome = add_photo(&state, &session, InitiativeId(id), form).await;
    answer(&headers, id, outcome)
}

async fn remove_photo(
    state: &AppState,
    session: &Session,
    id: InitiativeId,
    photo: i64,
) -> Result<(), AppError> {
    editor(state, session, id).await?;
    let (large, thumbnail) = store::delete_photo(&state.db, id, photo)
        .await?
        .ok_or(AppError::NotFound)?;
    for key in [large, thumbnail] {
        if let Err(error) = state.storage.delete(&key).await {
            tracing::warn!(%error, key, "could not delete a photo file");
        }
    }
    Ok(())
}

async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path((id, photo)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Response {
    let outcome = remove_photo(&state, &session, InitiativeId(id), photo).await;
    answer(&headers, id, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            width,
            height,
            image::Rgba([200, 30, 30, 128]),
        ));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image.write_to(&mut bytes, ImageFormat::Png).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn a_large_picture_is_resized_and_re_encoded_as_jpeg() {
        let photo = process(&png(3200, 1600)).unwrap();
        assert_eq!((photo.width, photo.height), (1600, 800));
        assert_eq!(&photo.large[..3], &[0xFF, 0xD8, 0xFF], "JPEG");
        let thumbnail = image::load_from_memory(&photo.thumbnail).unwrap();
        assert_eq!(thumbnail.width(), THUMBNAIL_SIDE);
    }

    #[test]
    fn a_small_picture_keeps_its_size() {
        let photo = process(&png(300, 200)).unwrap();
        assert_eq!((photo.width, photo.height), (300, 200));
    }

    #[test]
    fn anything_but_a_real_image_is_refused() {
        assert_eq!(
            process(b"<svg onload=alert(1)></svg>").unwrap_err(),
            ErrorCode::NotAnImage
        );
        assert_eq!(process(b"GIF89a....").unwrap_err(), ErrorCode::NotAnImage);
        let mut truncated = png(50, 50);
        truncated.truncate(40);
        assert_eq!(process(&truncated).unwrap_err(), ErrorCode::NotAnImage);
        assert_eq!(
            process(&vec![0u8; MAX_PHOTO_BYTES + 1]).unwrap_err(),
            ErrorCode::FileTooLarge
        );
    }

    #[test]
    fn gps_metadata_does_not_survive() {
        // A JPEG with an EXIF segment naming a GPS position: the output has no APP1 segment.
        let mut jpeg = Vec::new();
        JpegEncoder::new(&mut jpeg)
            .encode_image(&image::RgbImage::new(8, 8))
            .unwrap();
        let payload: &[u8] = b"Exif\x00\x00GPSLatitude=48.85";
        let length = u16::try_from(payload.len() + 2).unwrap().to_be_bytes();
        let segment: Vec<u8> = [0xFF, 0xE1]
            .iter()
            .chain(&length)
            .chain(payload)
            .copied()
            .collect();
        let with_exif: Vec<u8> = jpeg[..2]
            .iter()
            .chain(&segment)
            .chain(&jpeg[2..])
            .copied()
            .collect();
        let photo = process(&with_exif).unwrap();
        assert!(!photo.large.windows(4).any(|w| w == b"Exif"));
        assert!(!photo.large.windows(3).any(|w| w == b"GPS"));
    }
}
