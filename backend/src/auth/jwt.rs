//! Session tokens: HS256 only, with `exp`, `iss`, `aud` and `sub` all required and checked.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    /// The account's `token_version` when the token was issued.
    #[serde(default)]
    pub tv: i32,
}

#[derive(Clone)]
pub struct JwtKeys {
    /// Signs private feed addresses (a key of its own, derived from the secret).
    feed_key: std::sync::Arc<[u8; 32]>,
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    ttl_minutes: i64,
}

impl JwtKeys {
    pub fn new(secret: &[u8], issuer: &str, audience: &str, ttl_minutes: i64) -> Self {
        use sha2::Digest as _;
        let mut h = sha2::Sha256::new();
        h.update(b"constellation calendar feed key\0");
        h.update(secret);
        Self {
            feed_key: std::sync::Arc::new(h.finalize().into()),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            ttl_minutes,
        }
    }

    /// The signature in a member's private calendar address: changes when the account's
    /// token version does (sign out everywhere, password change), ending the old address.
    pub fn feed_signature(&self, user_id: Uuid, token_version: i32) -> String {
        use hmac::Mac as _;
        use std::fmt::Write as _;
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(self.feed_key.as_slice())
        else {
            return String::new();
        };
        mac.update(format!("{user_id}:{token_version}").as_bytes());
        let bytes = mac.finalize().into_bytes();
        let mut out = String::with_capacity(32);
        for b in &bytes[..16] {
            let _ = write!(out, "{b:02x}");
        }
        out
    }

    /// Whether `signature` is the account's current feed signature (constant time).
    pub fn feed_signature_ok(&self, user_id: Uuid, token_version: i32, signature: &str) -> bool {
        let expected = self.feed_signature(user_id, token_version);
        expected.len() == signature.len()
            && expected
                .bytes()
                .zip(signature.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        token_version: i32,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now + self.ttl_minutes * 60,
            tv: token_version,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// If the token is genuine, unexpired and meant for us: the account id, the expiry
    /// (seconds since the epoch) and the token version it was issued under.
    pub fn verify_claims(&self, token: &str) -> Option<(Uuid, i64, i32)> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        Uuid::parse_str(&data.claims.sub)
            .ok()
            .map(|id| (id, data.claims.exp, data.claims.tv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "iss", "aud", 5);
        let id = Uuid::new_v4();
        let token = keys.issue(id, 0).unwrap();
        assert_eq!(keys.verify_claims(&token).map(|c| c.0), Some(id));
        let other = JwtKeys::new(b"another-secret-another-secret-xx", "iss", "aud", 5);
        assert_eq!(other.verify_claims(&token), None);
        let wrong_aud = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "iss", "other", 5);
        assert_eq!(wrong_aud.verify_claims(&token), None);
        let expired = JwtKeys::new(b"0123456789abcdef0123456789abcdef", "iss", "aud", -10);
        assert_eq!(keys.verify_claims(&expired.issue(id, 0).unwrap()), None);
    }
}
