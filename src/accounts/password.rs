//! Argon2id password hashing, run on tokio's blocking threads so that a burst of log-ins never
//! stalls the async workers that serve pages.
use crate::error::AppError;
use argon2::{
    password_hash::{rand_core::OsRng, SaltString},
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
};
use std::sync::OnceLock;

/// A stored hash. Deliberately not `Serialize`: it can never end up in a response.
#[derive(Clone)]
pub struct StoredHash(pub String);

impl std::fmt::Debug for StoredHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredHash(..)")
    }
}

fn hash_now(password: &str) -> Result<StoredHash, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| StoredHash(hash.to_string()))
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the email is unknown, so that an unknown
/// email and a wrong password take the same time to refuse.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        let random = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(random.as_str().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// Computes the decoy before the first request needs it.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(decoy_hash).await;
}

pub async fn hash(password: String) -> Result<StoredHash, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|_| AppError::Internal)?
}

/// Checks `password` against `stored`, or against the decoy when there is no account.
pub async fn verify(password: String, stored: Option<StoredHash>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(StoredHash(hash)) => verify_now(&password, &hash),
        None => {
            verify_now(&password, decoy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery".into()).await.expect("hash");
        assert!(stored.0.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(stored.clone())).await);
        assert!(!verify("correct horse batterY".into(), Some(stored)).await);
        assert!(!verify("anything".into(), None).await);
    }
}
