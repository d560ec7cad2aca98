//! SADs kept alive through a long batch: `credentials/extendTransaction` (v1.0.4.0 §11.8, v2
//! §11.8) trades a SAD about to expire for a fresh one. The store's `sign` takes the
//! [`Authorisation`](crate::Authorisation) by reference, and the service stops honouring the old
//! SAD once it is extended, so the client remembers which SAD now stands for the one an
//! authorisation carries (keyed by its SHA-256, never the value).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::api::{self, Secret};
use super::http::{ApiError, Retry};
use super::store::CscClient;
use crate::error::Result;

/// Extend when less than this is left, or half the SAD's lifetime when that is shorter.
const MARGIN: Duration = Duration::from_secs(30);

/// The SAD in force for one authorisation.
#[derive(Clone)]
pub(super) struct Live {
    pub sad: SecretString,
    pub expires: Option<SystemTime>,
    /// The lifetime the service granted (`expiresIn`), when known.
    pub lifetime: Option<Duration>,
}

impl Live {
    /// Whether the SAD runs out within the margin at `now`.
    pub(super) fn expiring(&self, now: SystemTime) -> bool {
        let margin = self.lifetime.map_or(MARGIN, |l| MARGIN.min(l / 2));
        self.expires.is_some_and(|e| e <= now + margin)
    }
}

/// Authorisations of this client whose SAD was issued or extended, by the SHA-256 of the SAD
/// the authorisation carries.
#[derive(Default)]
pub(super) struct Transactions(Mutex<HashMap<[u8; 32], Live>>);

fn key(sad: &SecretString) -> [u8; 32] {
    Sha256::digest(sad.expose_secret().as_bytes()).into()
}

impl Transactions {
    /// Records the SAD that now stands for `original` (at authorisation: itself).
    pub(super) fn set(&self, original: &SecretString, live: Live) {
        let now = SystemTime::now();
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, l| l.expires.is_none_or(|e| e > now));
        map.insert(key(original), live);
    }

    /// The SAD in force for `original`; itself (expiring at `expires`) when never recorded.
    pub(super) fn current(&self, original: &SecretString, expires: Option<SystemTime>) -> Live {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.get(&key(original)).cloned().unwrap_or_else(|| Live { sad: original.clone(), expires, lifetime: None })
    }
}

impl CscClient {
    /// `credentials/extendTransaction` of `live` for the authorisation that carries `original`;
    /// the fresh SAD is recorded. A refusal is returned, not turned into an error: the caller
    /// decides (a refused extension leaves the old SAD to be tried).
    pub(super) fn extend_transaction(
        &self,
        credential: &str,
        original: &SecretString,
        live: &Live,
    ) -> Result<std::result::Result<Live, ApiError>> {
        let body = api::ExtendTransaction { credential_id: credential, sad: Secret(&live.sad) };
        let now = SystemTime::now();
        let answer: std::result::Result<api::AuthorizeResponse, ApiError> =
            self.call("credentials/extendTransaction", &body, Retry::Never)?;
        Ok(answer.map(|grant| {
            let seconds = api::number(grant.expires_in.as_ref()).unwrap_or(super::store::DEFAULT_SAD_SECONDS);
            let lifetime = Duration::from_secs(seconds);
            let fresh = Live { sad: grant.sad, expires: Some(now + lifetime), lifetime: Some(lifetime) };
            self.transactions.set(original, fresh.clone());
            log::info!("the authorisation of credential {credential} was extended by {seconds} s");
            fresh
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sad_is_extended_within_half_its_lifetime_or_thirty_seconds() {
        let now = SystemTime::now();
        let live = |left: u64, lifetime: Option<u64>| Live {
            sad: SecretString::from("s"),
            expires: Some(now + Duration::from_secs(left)),
            lifetime: lifetime.map(Duration::from_secs),
        };
        assert!(!live(60, Some(300)).expiring(now));
        assert!(live(29, Some(300)).expiring(now));
        assert!(!live(2, Some(2)).expiring(now));
        assert!(live(1, Some(2)).expiring(now));
        assert!(live(29, None).expiring(now));
        assert!(!Live { expires: None, ..live(0, None) }.expiring(now));
    }

    #[test]
    fn the_current_sad_follows_extensions() {
        let transactions = Transactions::default();
        let original = SecretString::from("first");
        let now = SystemTime::now();
        assert_eq!(transactions.current(&original, Some(now)).sad.expose_secret(), "first");
        let later = Some(now + Duration::from_secs(60));
        transactions.set(&original, Live { sad: SecretString::from("second"), expires: later, lifetime: None });
        let live = transactions.current(&original, Some(now));
        assert_eq!((live.sad.expose_secret(), live.expires), ("second", later));
    }
}
