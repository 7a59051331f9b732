//! (ssr) Where uploaded files live. A small interface so that an object store (for several app
//! instances without a shared disk) can be added beside the local folder.
use async_trait::async_trait;
use std::path::PathBuf;

#[async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key` (a relative name such as `photos/ab12.jpg`).
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    async fn delete(&self, key: &str) -> std::io::Result<()>;
    /// The address browsers fetch `key` from.
    fn url(&self, key: &str) -> String;
}

/// Files in a folder on this machine, served under `/media/`.
#[derive(Debug, Clone)]
pub struct LocalFolder {
    pub root: PathBuf,
}

pub const MEDIA_ROUTE: &str = "/media";

impl LocalFolder {
    /// The path of `key`, refusing keys that could leave the folder.
    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key
                .split('/')
                .all(|part| !part.is_empty() && part != ".." && part != ".")
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
        if safe {
            Ok(self.root.join(key))
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "unsafe storage key",
            ))
        }
    }
}

#[async_trait]
impl Storage for LocalFolder {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(folder) = path.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        tokio::fs::write(path, bytes).await
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    fn url(&self, key: &str) -> String {
        format!("{MEDIA_ROUTE}/{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_leave_the_folder() {
        let storage = LocalFolder {
            root: PathBuf::from("/srv/media"),
        };
        assert!(storage.path("photos/a1.jpg").is_ok());
        for bad in [
            "../etc/passwd",
            "photos/../../x",
            "/abs",
            "",
            "a//b",
            "photos/x y.jpg",
        ] {
            assert!(storage.path(bad).is_err(), "{bad}");
        }
    }
}
