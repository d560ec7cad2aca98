//! Renewal on the same token: the renewal window of a certificate (providers remind 45 and 15
//! days before expiry and renew only valid certificates), the renewal itself (a new key pair of
//! the same kind and a request with the old subject, signed on the token), and the import of the
//! issued certificate with its checks.

use std::cell::RefCell;
use std::time::SystemTime;

use pecat_pki::{
    Certificate, Csr, CsrKey, CsrOptions, CsrSigner, ExpiryStatus, NameAttribute, RENEW_SOON_DAYS, RENEW_URGENT_DAYS,
};
use pecat_token::{
    GeneratedKey, HashAlgorithm, ImportReport, ImportRequest, KeyManagement, KeySpec, PinOptions, PinOutcome,
    SecretString, SignAlgorithm, Token,
};
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

/// Why a certificate is outside its validity now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum OutsideValidity {
    /// It expired `days_ago` days ago.
    Expired { days_ago: i64 },
    /// It becomes valid in `days_until` days.
    NotYetValid { days_until: i64 },
}

impl std::fmt::Display for OutsideValidity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Expired { days_ago } => write!(f, "the certificate expired {days_ago} days ago"),
            Self::NotYetValid { days_until } => {
                write!(f, "the certificate is not valid yet (it starts in {days_until} days)")
            }
        }
    }
}

fn outside_validity(cert: &Certificate, now: SystemTime) -> Option<OutsideValidity> {
    match cert.expiry_at(now) {
        ExpiryStatus::Expired { days_ago } => Some(OutsideValidity::Expired { days_ago }),
        ExpiryStatus::NotYetValid { days_until } => Some(OutsideValidity::NotYetValid { days_until }),
        _ => None,
    }
}

/// Refuses to start a renewal the provider would refuse.
pub fn check_renewable(cert: &Certificate, now: SystemTime) -> Result<()> {
    match outside_validity(cert, now) {
        Some(validity) => Err(Error::NotRenewable { validity }),
        None => Ok(()),
    }
}

/// Checks an issued certificate before it is loaded: a certificate outside its validity is
/// refused unless `allow_invalid`.
pub fn check_importable(cert: &Certificate, now: SystemTime, allow_invalid: bool) -> Result<()> {
    if allow_invalid {
        return Ok(());
    }
    match outside_validity(cert, now) {
        Some(validity) => Err(Error::NotImportable { validity }),
        None => Ok(()),
    }
}

/// A label for a new key: the holder's name and the date.
pub fn default_key_label(subject: &[NameAttribute], now: SystemTime) -> String {
    let name = subject.iter().find(|a| a.oid == "2.5.4.3").map_or("Pecat key", |a| a.value.as_str());
    format!("{name} {}", &pecat_pki::iso8601(now)[..10])
}

/// A label for a key generated on its own: `Pecat <algorithm> <date>`.
pub fn default_keygen_label(spec: KeySpec, now: SystemTime) -> String {
    format!("Pecat {spec} {}", &pecat_pki::iso8601(now)[..10])
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

/// A renewal checked and ready to ask for the PIN: the key to generate and the request to make.
#[derive(Debug, Clone)]
pub struct RenewalPlan {
    /// The key pair to generate: the old certificate's algorithm and size.
    pub spec: KeySpec,
    /// The new key's label.
    pub label: String,
    /// The request's subject: the old certificate's.
    pub subject: Vec<NameAttribute>,
    /// The old certificate's renewal window.
    pub window: RenewalWindow,
}

/// Checks what can be checked of a renewal of `certificate` without a secret: the provider
/// would renew it (it is valid now), its key is one Pecat can generate. `label` defaults to the
/// holder's name and the date.
pub fn renewal_plan(certificate: &Certificate, label: Option<String>, now: SystemTime) -> Result<RenewalPlan> {
    check_renewable(certificate, now)?;
    let Some(spec) = KeySpec::of_certificate(certificate) else {
        return Err(Error::KeyNotGeneratable { key: certificate.summary().key.clone() });
    };
    let subject = certificate.summary().subject_attributes.clone();
    let label = label.unwrap_or_else(|| default_key_label(&subject, now));
    Ok(RenewalPlan { spec, label, subject, window: renewal_window(certificate, now) })
}

/// [`renewal_plan`], and `token` can generate the key: everything refused before the PIN is
/// asked.
pub fn plan_renewal(
    token: &dyn Token,
    certificate: &Certificate,
    label: Option<String>,
    now: SystemTime,
) -> Result<RenewalPlan> {
    let plan = renewal_plan(certificate, label, now)?;
    token.require_key_spec(plan.spec)?;
    Ok(plan)
}

/// A renewal done: the new key on the token and its certificate request.
#[derive(Debug, Clone)]
pub struct Renewal {
    /// The key pair generated.
    pub key: GeneratedKey,
    /// The request, signed by the new key, with the old subject.
    pub csr: Csr,
}

/// Renews on the same token: generates the planned key pair, then a request with the old
/// subject signed by it, under one PIN. The old certificate and key stay until the issued
/// certificate is imported.
pub fn renew(
    token: &dyn Token,
    plan: &RenewalPlan,
    pin: &SecretString,
    pin_options: PinOptions,
) -> Result<PinOutcome<Renewal>> {
    let key = match token.generate_key(plan.spec, &plan.label, pin, pin_options)?.into_failure() {
        Ok(stopped) => return Ok(stopped),
        Err(key) => key,
    };
    let options = CsrOptions { subject: plan.subject.clone(), challenge_password: None, signing_key_usage: true };
    Ok(token_csr(token, &key.id, &options, pin, pin_options)?.map(|csr| Renewal { key, csr }))
}

/// How an issued certificate is loaded.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Remove this old certificate (`CKA_ID`, hex) once the new one is stored and read back.
    pub replace: Option<String>,
    /// Also remove the replaced certificate's key pair (needs `replace`).
    pub delete_old_key: bool,
    /// Also store the CA certificates given with it.
    pub with_chain: bool,
    /// The certificate's label (default: its key's).
    pub label: Option<String>,
    /// Load a certificate outside its validity.
    pub allow_invalid: bool,
}

/// The import of an issued certificate from what a provider sent (`certificates`, read from
/// `source`, possibly with its chain): the first one that is not a CA certificate is the issued
/// one, it must be valid now (unless allowed), the rest are its chain.
pub fn import_request(
    mut certificates: Vec<Certificate>,
    source: &str,
    options: ImportOptions,
    now: SystemTime,
) -> Result<ImportRequest> {
    if options.delete_old_key && options.replace.is_none() {
        return Err(Error::DeleteOldKeyWithoutReplace);
    }
    let Some(position) = certificates.iter().position(|c| !c.summary().is_ca) else {
        return Err(Error::OnlyCaCertificates { what: source.to_owned() });
    };
    let certificate = certificates.remove(position);
    check_importable(&certificate, now, options.allow_invalid)?;
    Ok(ImportRequest {
        certificate,
        label: options.label,
        ca_certificates: if options.with_chain { certificates } else { Vec::new() },
        replace: options.replace,
        delete_old_key: options.delete_old_key,
    })
}

/// Loads an issued certificate next to its key, reads it back, then removes what it replaces.
pub fn import_issued(
    token: &dyn KeyManagement,
    request: &ImportRequest,
    pin: &SecretString,
    pin_options: PinOptions,
) -> Result<PinOutcome<ImportReport>> {
    Ok(token.import_certificate(request, pin, pin_options)?)
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
    fn a_renewal_plan_keeps_the_key_kind_and_the_subject() {
        let c = cert(&pecat_testkit::EndEntity::romanian(30));
        let now = SystemTime::now();
        let plan = renewal_plan(&c, None, now).unwrap();
        assert_eq!(plan.spec, KeySpec::P256);
        assert_eq!(plan.subject, c.summary().subject_attributes);
        assert_eq!(plan.label, default_key_label(&plan.subject, now));
        assert!(plan.window.renewable);
        assert_eq!(renewal_plan(&c, Some("new key".into()), now).unwrap().label, "new key");
        let later = now + Duration::from_secs(40 * 86_400);
        assert!(matches!(
            renewal_plan(&c, None, later),
            Err(Error::NotRenewable { validity: OutsideValidity::Expired { .. } })
        ));
    }

    #[test]
    fn an_import_takes_the_issued_certificate_and_keeps_the_chain_only_when_asked() {
        let pki = pecat_testkit::TestPki::new();
        let leaf = pecat_pki::parse_certificates(&pki.issue_foreign(&pecat_testkit::EndEntity::romanian(300)), "l")
            .unwrap()
            .remove(0);
        let ca = pecat_pki::parse_certificates(pki.ca_der(), "ca").unwrap().remove(0);
        let now = SystemTime::now();
        let given = vec![ca.clone(), leaf.clone()];
        let plain = import_request(given.clone(), "f", ImportOptions::default(), now).unwrap();
        assert_eq!(plain.certificate, leaf);
        assert!(plain.ca_certificates.is_empty());
        let chained = ImportOptions { with_chain: true, replace: Some("01".into()), ..ImportOptions::default() };
        let request = import_request(given.clone(), "f", chained, now).unwrap();
        assert_eq!((request.ca_certificates, request.replace.as_deref()), (vec![ca.clone()], Some("01")));
        assert!(matches!(
            import_request(vec![ca], "bundle.p7b", ImportOptions::default(), now),
            Err(Error::OnlyCaCertificates { what }) if what == "bundle.p7b"
        ));
        let orphan = ImportOptions { delete_old_key: true, ..ImportOptions::default() };
        assert!(matches!(import_request(given.clone(), "f", orphan, now), Err(Error::DeleteOldKeyWithoutReplace)));
        let later = now + Duration::from_secs(400 * 86_400);
        assert!(matches!(
            import_request(given.clone(), "f", ImportOptions::default(), later),
            Err(Error::NotImportable { .. })
        ));
        let anyway = ImportOptions { allow_invalid: true, ..ImportOptions::default() };
        assert!(import_request(given, "f", anyway, later).is_ok());
    }

    #[test]
    fn labels_carry_the_holder_and_the_date() {
        let subject = pecat_pki::parse_dn("C=RO, CN=Ana Pop").unwrap();
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_795_199);
        assert_eq!(default_key_label(&subject, t), "Ana Pop 2026-11-27");
        assert_eq!(default_keygen_label(KeySpec::Rsa3072, t), "Pecat rsa3072 2026-11-27");
    }
}
