//! argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::{Arc, LazyLock, OnceLock};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Hashes running at once, process-wide. Each takes 19 MiB and a core for tens of
/// milliseconds: unbounded, 500 logins at once would ask for 9.5 GiB. Callers wait their turn
/// instead (asynchronously: the server keeps answering everything else).
static HASHING: OnceLock<(Arc<Semaphore>, usize)> = OnceLock::new();

/// Sets how many hashes may run at once (0: one per core). The first call wins; later ones
/// (several servers in one test process) keep it.
pub fn limit_concurrency(n: usize) {
    let n = if n == 0 {
        std::thread::available_parallelism().map_or(2, |c| c.get())
    } else {
        n
    };
    let n = n.min(Semaphore::MAX_PERMITS);
    let _ = HASHING.set((Arc::new(Semaphore::new(n)), n));
}

/// A turn to hash or verify; hold it for the whole computation (move it into the blocking
/// task, so that a request given up by its client still holds the turn until its hash ends).
pub async fn turn() -> Option<OwnedSemaphorePermit> {
    if HASHING.get().is_none() {
        limit_concurrency(0);
    }
    let permits = HASHING.get()?.0.clone();
    permits.acquire_owned().await.ok()
}

fn hasher() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(19 * 1024, 2, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes with a fresh random salt. CPU-heavy: call from `spawn_blocking`.
pub fn hash(password: &str) -> Result<String, HashError> {
    let argon = hasher().map_err(|e| HashError(e.to_string()))?;
    argon
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// A hash of a random password, verified against when the account does not exist, so that
/// a login takes as long for an unknown address as for a known one.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| hash("not-a-real-password-1234").ok());

/// Constant-time verification; `None` means "no such account": still spend the same work.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let Ok(argon) = hasher() else { return false };
    match stored {
        Some(h) => argon.verify_password(password.as_bytes(), h).is_ok(),
        None => {
            if let Some(d) = DUMMY.as_deref() {
                let _ = argon.verify_password(password.as_bytes(), d);
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With every turn taken, the next hash waits; a turn given back lets it through.
    #[tokio::test]
    async fn hashing_turns_are_bounded() {
        limit_concurrency(0);
        let n = HASHING.get().map_or(0, |h| h.1);
        assert!(n >= 1);
        let mut held = Vec::new();
        for _ in 0..n {
            held.push(turn().await.expect("a turn"));
        }
        let waiting = tokio::time::timeout(std::time::Duration::from_millis(100), turn()).await;
        assert!(waiting.is_err(), "a turn was given beyond the bound");
        held.pop();
        let next = tokio::time::timeout(std::time::Duration::from_secs(5), turn()).await;
        assert!(next.is_ok_and(|t| t.is_some()));
    }

    #[test]
    fn hash_then_verify() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", Some(&h)));
        assert!(!verify("correct horse batterz", Some(&h)));
        assert!(!verify("correct horse battery", None));
        assert_ne!(
            h,
            hash("correct horse battery").unwrap(),
            "salt must differ"
        );
    }
}
