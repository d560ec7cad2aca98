//! Renewal on the same token: the renewal window of a certificate (providers remind 45 and 15
//! days before expiry and renew only valid certificates), certificate requests signed by a token
//! key, and the checks before an issued certificate is loaded back.

use std::cell::RefCell;
use std::time::SystemTime;

use pecat_pki::{
    Certificate, CsrKey, CsrOptions, CsrSigner, ExpiryStatus, NameAttribute, RENEW_SOON_DAYS, RENEW_URGENT_DAYS,
};
use pecat_token::{HashAlgorithm, PinOptions, PinOutcome, SecretString, SignAlgorithm, Token};
use sha2::{Digest, Sha256, Sha384};

use crate::error::{Error, Result};

/// When a certificate should be renewed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RenewalWindow {
    /// Validity now.
    pub expiry: ExpiryStatus,
    /// The first reminder (45 days before expiry), ISO 8601.
    pub renew_from: String,
    /// The urgent reminder (15 days before expiry), ISO 8601.
    pub urgent_from: String,
    /// `notAfter`, ISO 8601.
    pub expires: String,
    /// Whether a provider will still renew it (only valid certificates are renewed).
    pub renewable: bool,
}

/// The renewal window of `cert` at `now`.
pub fn renewal_window(cert: &Certificate, now: SystemTime) -> RenewalWindow {
    let s = cert.summary();
    let day = 86_400;
    let expiry = cert.expiry_at(now);
    RenewalWindow {
        expiry,
        renew_from: pecat_pki::iso8601_unix(s.not_after - RENEW_SOON_DAYS * day),
        urgent_from: pecat_pki::iso8601_unix(s.not_after - RENEW_URGENT_DAYS * day),
        expires: s.not_after_iso.clone(),
        renewable: expiry.is_valid(),
    }
}

/// Refuses to start a renewal the provider would refuse.
pub fn check_renewable(cert: &Certificate, now: SystemTime) -> Result<()> {
    match cert.expiry_at(now) {
        ExpiryStatus::Expired { days_ago } => Err(Error::NotRenewable {
            reason: format!(
                "the certificate expired {days_ago} days ago; providers renew only valid certificates — apply for a new one"
            ),
        }),
        ExpiryStatus::NotYetValid { days_until } => Err(Error::NotRenewable {
            reason: format!("the certificate is not valid yet (starts in {days_until} days)"),
        }),
        _ => Ok(()),
    }
}

/// Checks an issued certificate before it is loaded: a certificate outside its validity is
/// refused unless `allow_invalid`.
pub fn check_importable(cert: &Certificate, now: SystemTime, allow_invalid: bool) -> Result<()> {
    if allow_invalid {
        return Ok(());
    }
    match cert.expiry_at(now) {
        ExpiryStatus::Expired { days_ago } => Err(Error::NotImportable {
            reason: format!("the certificate expired {days_ago} days ago (use --allow-invalid to load it anyway)"),
        }),
        ExpiryStatus::NotYetValid { days_until } => Err(Error::NotImportable {
            reason: format!(
                "the certificate is valid only in {days_until} days (use --allow-invalid to load it anyway)"
            ),
        }),
        _ => Ok(()),
    }
}

/// A label for a new key: the holder's name and the date.
pub fn default_key_label(subject: &[NameAttribute], now: SystemTime) -> String {
    let name = subject.iter().find(|a| a.oid == "2.5.4.3").map_or("Pecat key", |a| a.value.as_str());
    format!("{name} {}", &pecat_pki::iso8601(now)[..10])
}

/// Signs certificate requests with a token key; keeps the PIN outcome when signing stops.
struct TokenSigner<'a> {
    token: &'a dyn Token,
    key_id: &'a str,
    key: CsrKey,
    pin: &'a SecretString,
    options: PinOptions,
    stopped: RefCell<Option<PinOutcome<()>>>,
    failed: RefCell<Option<pecat_token::Error>>,
}

impl TokenSigner<'_> {
    fn algorithm(&self) -> SignAlgorithm {
        match self.key {
            CsrKey::Rsa { .. } => SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
            CsrKey::P256 { .. } => SignAlgorithm::Ecdsa(HashAlgorithm::Sha256),
            CsrKey::P384 { .. } => SignAlgorithm::Ecdsa(HashAlgorithm::Sha384),
        }
    }
}

impl CsrSigner for TokenSigner<'_> {
    fn key(&self) -> &CsrKey {
        &self.key
    }

    fn sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, String> {
        let algorithm = self.algorithm();
        let digest = match algorithm {
            SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha384) | SignAlgorithm::Ecdsa(HashAlgorithm::Sha384) => {
                Sha384::digest(message).to_vec()
            }
            _ => Sha256::digest(message).to_vec(),
        };
        match self.token.sign_digest(self.key_id, algorithm, &digest, self.pin, self.options) {
            Ok(PinOutcome::Done { value }) => Ok(match algorithm {
                SignAlgorithm::Ecdsa(_) => pecat_pki::ecdsa_signature_der(&value),
                SignAlgorithm::RsaPkcs1(_) => value,
            }),
            Ok(other) => {
                let reason = format!("{other:?}");
                *self.stopped.borrow_mut() = Some(other.map(|_| ()));
                Err(reason)
            }
            Err(e) => {
                let reason = e.to_string();
                *self.failed.borrow_mut() = Some(e);
                Err(reason)
            }
        }
    }
}

/// Builds a certificate request for key `key_id` on `token`, signed on the token.
pub fn token_csr(
    token: &dyn Token,
    key_id: &str,
    options: &CsrOptions,
    pin: &SecretString,
    pin_options: PinOptions,
) -> Result<PinOutcome<pecat_pki::Csr>> {
    let key = token.public_key(key_id)?;
    let signer = TokenSigner {
        token,
        key_id,
        key,
        pin,
        options: pin_options,
        stopped: RefCell::new(None),
        failed: RefCell::new(None),
    };
    match pecat_pki::build_csr(&signer, options) {
        Ok(csr) => Ok(PinOutcome::done(csr)),
        Err(e) => {
            if let Some(outcome) = signer.stopped.take() {
                return Ok(carry(outcome));
            }
            if let Some(e) = signer.failed.take() {
                return Err(e.into());
            }
            Err(e.into())
        }
    }
}

/// Re-types an outcome that is not `Done` for callers chaining operations (a `Done` here is a
/// caller's mistake and reads as cancelled).
pub fn carry<T, U>(o: PinOutcome<T>) -> PinOutcome<U> {
    o.into_failure().unwrap_or(PinOutcome::Cancelled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn cert(holder: &pecat_testkit::EndEntity) -> Certificate {
        let pki = pecat_testkit::TestPki::new();
        pecat_pki::parse_certificates(&pki.issue_foreign(holder), "t").unwrap().remove(0)
    }

    #[test]
    fn window_and_renewability_follow_the_clock() {
        let c = cert(&pecat_testkit::EndEntity::romanian(30));
        let now = SystemTime::now();
        let w = renewal_window(&c, now);
        assert!(matches!(w.expiry, ExpiryStatus::RenewSoon { days_left: 29 | 30 }), "{w:?}");
        assert!(w.renewable);
        assert_eq!(w.renew_from, pecat_pki::iso8601_unix(c.summary().not_after - 45 * 86_400));
        assert_eq!(w.urgent_from, pecat_pki::iso8601_unix(c.summary().not_after - 15 * 86_400));
        assert!(check_renewable(&c, now).is_ok());
        let later = now + Duration::from_secs(40 * 86_400);
        assert!(!renewal_window(&c, later).renewable);
        let err = check_renewable(&c, later).unwrap_err();
        assert!(
            err.to_string().contains("expired 9 days ago") || err.to_string().contains("expired 10 days ago"),
            "{err}"
        );
        assert!(check_importable(&c, later, false).is_err() && check_importable(&c, later, true).is_ok());
        let future = cert(&pecat_testkit::EndEntity { valid_from_days: 5, ..pecat_testkit::EndEntity::romanian(300) });
        assert!(check_renewable(&future, now).unwrap_err().to_string().contains("not valid yet"));
    }

    #[test]
    fn labels_carry_the_holder_and_the_date() {
        let subject = pecat_pki::parse_dn("C=RO, CN=Ana Pop").unwrap();
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_795_199);
        assert_eq!(default_key_label(&subject, t), "Ana Pop 2026-11-27");
    }
}
