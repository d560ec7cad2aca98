//! Passwords and PINs at rest: Argon2id hashes in PHC string form (RFC 9106; OWASP's
//! m=19 MiB, t=2, p=1). A hash carries its own parameters, so cheaper hashes made for tests
//! verify as quickly as they were made.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use secrecy::{ExposeSecret, SecretString};

/// How expensive a new hash is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashCost {
    /// Argon2id m=19456 KiB, t=2, p=1 (OWASP's recommendation): for real accounts.
    #[default]
    Interactive,
    /// Argon2id m=64 KiB, t=1, p=1: for tests and throwaway demo accounts only.
    Light,
}

/// Why a hash could not be made or read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PasswordError {
    /// The text is not an Argon2 PHC string.
    #[error("not an Argon2 PHC password hash: {0}")]
    NotAHash(String),
    /// Hashing failed (random salt or parameters).
    #[error("password hashing failed: {0}")]
    Hashing(String),
}

/// An Argon2id password or PIN hash (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
#[derive(Clone)]
pub struct PasswordHash(String);

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

impl PasswordHash {
    /// Hashes `secret` with a fresh random salt.
    pub fn new(secret: &SecretString, cost: HashCost) -> Result<Self, PasswordError> {
        let params = match cost {
            HashCost::Interactive => Params::DEFAULT,
            HashCost::Light => Params::new(64, 1, 1, None).map_err(|e| PasswordError::Hashing(e.to_string()))?,
        };
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| PasswordError::Hashing(e.to_string()))?;
        let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_with_salt(secret.expose_secret().as_bytes(), &salt)
            .map_err(|e| PasswordError::Hashing(e.to_string()))?;
        Ok(Self(hash.to_string()))
    }

    /// Reads a PHC string (as `pecat-csc-server hash-password` prints it).
    pub fn from_phc(text: &str) -> Result<Self, PasswordError> {
        let parsed = argon2::PasswordHash::new(text.trim()).map_err(|e| PasswordError::NotAHash(e.to_string()))?;
        if !parsed.algorithm.as_str().starts_with("argon2") {
            return Err(PasswordError::NotAHash(format!("algorithm {}", parsed.algorithm)));
        }
        Ok(Self(text.trim().to_owned()))
    }

    /// The PHC string, for a configuration file.
    pub fn as_phc(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is the secret this hash was made from (slow on purpose: call it off
    /// the async runtime's worker threads).
    pub fn verify(&self, candidate: &str) -> bool {
        match argon2::PasswordHash::new(&self.0) {
            Ok(parsed) => Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok(),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_secret() {
        let hash = PasswordHash::new(&SecretString::from("1234"), HashCost::Light).unwrap();
        assert!(hash.verify("1234"));
        assert!(!hash.verify("1235"));
        let again = PasswordHash::from_phc(hash.as_phc()).unwrap();
        assert!(again.verify("1234"));
        assert!(PasswordHash::from_phc("$pbkdf2$nope").is_err());
        assert_eq!(format!("{hash:?}"), "PasswordHash(…)");
    }
}
