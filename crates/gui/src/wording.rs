//! The words for what core returns: every typed error, PIN outcome, PIN rule, PIN state and
//! validity, translated, each error with what to do next. Libraries' `Display` is for logs.

use pecat_core::Error;
use pecat_pki::ExpiryStatus;
use pecat_token::{CloudFailure, PinInfo, PinOutcome, PinState, PolicyViolation, SecretKind};

use crate::backend::Failure;
use crate::fl;
use crate::theme::Tone;

/// A failure of background work, in the user's words.
pub fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Core(e) => error_text(e),
        Failure::Crashed => fl!("error-crashed"),
    }
}

/// A core error in the user's words, with what to do next.
pub fn error_text(error: &Error) -> String {
    match error {
        Error::Token(e) => token_error_text(e),
        Error::Pdf(e) => fl!("error-pdf", detail = e.to_string()),
        Error::Pki(e) => pki_error_text(e),
        Error::Settings { path, reason } => {
            fl!("error-settings", path = path.display().to_string(), reason = reason.clone())
        }
        Error::Read { path, .. } => fl!("error-read", path = path.display().to_string()),
        Error::Write { path, .. } => fl!("error-write", path = path.display().to_string()),
        Error::Demo { reason } => fl!("error-demo-unavailable", reason = reason.clone()),
        Error::NoSuchCredential { store, id } => {
            fl!("error-no-such-credential", store = store.clone(), id = id.clone())
        }
        Error::NotACa { subject } => fl!("error-not-a-ca", subject = subject.clone()),
        Error::FingerprintTooShort => fl!("error-fingerprint-short"),
        Error::BadReference { text } => fl!("error-bad-reference", text = text.clone()),
        Error::NotRenewable { validity } => match validity {
            pecat_core::OutsideValidity::Expired { days_ago } => fl!("error-not-renewable-expired", days = days_ago),
            pecat_core::OutsideValidity::NotYetValid { days_until } => {
                fl!("error-not-renewable-future", days = days_until)
            }
        },
        Error::NotImportable { validity } => match validity {
            pecat_core::OutsideValidity::Expired { days_ago } => fl!("error-not-importable-expired", days = days_ago),
            pecat_core::OutsideValidity::NotYetValid { days_until } => {
                fl!("error-not-importable-future", days = days_until)
            }
        },
        Error::KeyNotGeneratable { key } => fl!("error-key-not-generatable", key = key.to_string()),
        Error::DeleteOldKeyWithoutReplace => fl!("error-delete-without-replace"),
        Error::OnlyCaCertificates { what } => fl!("error-only-ca", what = what.clone()),
        Error::ChainInDer => fl!("error-chain-in-der"),
        Error::NotPersonal { subject } => fl!("error-not-personal", subject = subject.clone()),
        Error::NotAFolder { path } => fl!("error-not-a-folder", path = path.display().to_string()),
        Error::Unreadable { reason } => fl!("error-unreadable", reason = reason.clone()),
        Error::InsecureServiceUrl { url } => fl!("error-insecure-url", url = url.clone()),
        Error::BadServiceUrl { url, .. } => fl!("error-bad-url", url = url.clone()),
        Error::BadAccount { name, .. } => fl!("error-bad-account", name = name.clone()),
        Error::SecretStoreUnavailable { .. } => fl!("error-secret-store-unavailable"),
        Error::SecretStore { .. } => fl!("error-secret-store"),
        #[allow(unreachable_patterns)]
        other => fl!("error-other", detail = other.to_string()),
    }
}

fn token_error_text(e: &pecat_token::Error) -> String {
    use pecat_token::Error as E;
    match e {
        E::ModuleMissing { path } => fl!("error-module-missing", path = path.display().to_string()),
        E::ModuleLoad { path, .. } => fl!("error-module-load", path = path.display().to_string()),
        E::Initialize { path, rv } => fl!("error-module-init", path = path.display().to_string(), rv = rv.clone()),
        E::TokenRemoved { token } => fl!("error-token-removed", token = token.clone()),
        E::Pkcs11 { token, function, rv } => {
            fl!("error-pkcs11", token = token.clone(), function = function.clone(), rv = rv.clone())
        }
        E::WorkerGone { token } => fl!("error-worker-gone", token = token.clone()),
        E::NotAnswering { token, seconds, .. } => fl!("error-not-answering", token = token.clone(), seconds = seconds),
        E::NoSuchToken { query } => fl!("error-no-such-token", query = query.clone()),
        E::NoSuchKey { token, id } | E::NoSuchObject { token, id } => {
            fl!("error-no-such-object", token = token.clone(), id = id.clone())
        }
        E::Unsupported { what } => fl!("error-unsupported", what = what.clone()),
        E::ReadBack { what } => fl!("error-read-back", what = what.clone()),
        E::NoMatchingKey { token, subject } => {
            fl!("error-no-matching-key", token = token.clone(), subject = subject.clone())
        }
        E::AlreadyPresent { token, what } => fl!("error-already-present", token = token.clone(), what = what.clone()),
        E::Cloud { service, kind } => cloud_text(service, kind),
        other => fl!("error-other", detail = other.to_string()),
    }
}

fn cloud_text(service: &str, kind: &CloudFailure) -> String {
    let service = service.to_owned();
    match kind {
        CloudFailure::Unreachable => fl!("error-cloud-unreachable", service = service),
        CloudFailure::Timeout => fl!("error-cloud-timeout", service = service),
        CloudFailure::Tls => fl!("error-cloud-tls", service = service),
        CloudFailure::LoginRefused => fl!("error-cloud-login-refused", service = service),
        CloudFailure::LoginRequired => fl!("error-cloud-login-required", service = service),
        CloudFailure::PlainHttp => fl!("error-insecure-url", url = service),
        other => fl!("error-cloud-other", service = service, detail = other.to_string()),
    }
}

fn pki_error_text(e: &pecat_pki::Error) -> String {
    use pecat_pki::Error as E;
    match e {
        E::Read { path, .. } => fl!("error-read", path = path.display().to_string()),
        E::Write { path, .. } => fl!("error-write", path = path.display().to_string()),
        E::Exists { path } => fl!("error-exists", path = path.display().to_string()),
        E::IssuerMissing { subject } => fl!("error-issuer-missing", subject = subject.clone()),
        E::FileTooLarge { what, .. } => fl!("error-file-too-large", what = what.clone()),
        E::NotRegularFile { what } => fl!("error-not-regular-file", what = what.clone()),
        other => fl!("error-not-certificate", detail = other.to_string()),
    }
}

/// What a PIN operation ended with, in the user's words; `label` is the vendor's word for the
/// PUK (e.g. "Administrator password").
pub fn outcome_text(outcome: &PinOutcome<()>, puk_label: &str) -> (String, Tone) {
    let secret = |k: SecretKind| match k {
        SecretKind::Pin => fl!("secret-pin"),
        SecretKind::Puk => puk_label.to_owned(),
    };
    match outcome {
        PinOutcome::Done { .. } => (fl!("outcome-done"), Tone::Good),
        PinOutcome::WrongPin { secret: k, after } => {
            let left = match (after.state, after.tries_left) {
                (PinState::Locked, _) => fl!("outcome-wrong-now-locked", secret = secret(*k)),
                (PinState::FinalTry, _) => fl!("outcome-wrong-last-try", secret = secret(*k)),
                (_, Some(n)) => fl!("outcome-wrong-tries", secret = secret(*k), tries = n),
                (_, None) => fl!("outcome-wrong", secret = secret(*k)),
            };
            (left, Tone::Danger)
        }
        PinOutcome::Locked { secret: k } => match k {
            SecretKind::Pin => (fl!("outcome-pin-locked"), Tone::Danger),
            SecretKind::Puk => (fl!("outcome-puk-locked", secret = secret(*k)), Tone::Danger),
        },
        PinOutcome::NeedsConfirmation { secret: k } => {
            (fl!("outcome-needs-confirmation", secret = secret(*k)), Tone::Warning)
        }
        PinOutcome::MustChange => (fl!("outcome-must-change"), Tone::Warning),
        PinOutcome::Rejected { secret: k, .. } => (fl!("outcome-rejected", secret = secret(*k)), Tone::Danger),
        PinOutcome::Policy { violation } => (policy_text(violation), Tone::Warning),
        PinOutcome::NoPuk { hint } => (no_puk_text(hint.as_deref()), Tone::Warning),
        PinOutcome::Cancelled => (fl!("outcome-cancelled"), Tone::Neutral),
        PinOutcome::WrongCode { tries_left: Some(n) } => (fl!("outcome-wrong-code-tries", tries = n), Tone::Danger),
        PinOutcome::WrongCode { tries_left: None } => (fl!("outcome-wrong-code"), Tone::Danger),
        PinOutcome::CodeExpired => (fl!("outcome-code-expired"), Tone::Warning),
        PinOutcome::AuthorisationExpired => (fl!("outcome-authorisation-expired"), Tone::Warning),
        PinOutcome::TooManySignatures { allowed, asked } => {
            (fl!("outcome-too-many-signatures", allowed = allowed, asked = asked), Tone::Warning)
        }
    }
}

/// Who unblocks a token without a PUK. The Serbian eID's hint is worded by us; another
/// profile's own hint is shown as the vendor table gives it.
pub fn no_puk_text(hint: Option<&str>) -> String {
    match hint {
        Some(h) if h.contains("MUP") => fl!("no-puk-serbian-eid"),
        Some(h) => fl!("no-puk-hint", hint = h.to_owned()),
        None => fl!("no-puk"),
    }
}

/// A broken PIN rule, as the user types.
pub fn policy_text(violation: &PolicyViolation) -> String {
    match violation {
        PolicyViolation::Empty => fl!("rule-empty"),
        PolicyViolation::BelowTokenMinimum { min } => fl!("rule-below-minimum", min = min),
        PolicyViolation::TooShort { min } => fl!("rule-too-short", min = min),
        PolicyViolation::TooLong { max } => fl!("rule-too-long", max = max),
        PolicyViolation::DigitsOnly => fl!("rule-digits-only"),
        PolicyViolation::SameAsOld => fl!("rule-same-as-old"),
        PolicyViolation::ConfirmationMismatch => fl!("rule-mismatch"),
        PolicyViolation::LongerThanMacOs { length } => fl!("rule-macos", length = length),
    }
}

/// A PIN's state at a glance.
pub fn pin_state_text(info: &PinInfo, what: &str) -> (String, Tone) {
    let what = what.to_owned();
    match (info.state, info.tries_left) {
        (PinState::Ok, Some(n)) => (fl!("pin-state-ok-tries", secret = what, tries = n), Tone::Good),
        (PinState::Ok, None) => (fl!("pin-state-ok", secret = what), Tone::Good),
        (PinState::CountLow, Some(n)) => (fl!("pin-state-count-low-tries", secret = what, tries = n), Tone::Warning),
        (PinState::CountLow, None) => (fl!("pin-state-count-low", secret = what), Tone::Warning),
        (PinState::FinalTry, _) => (fl!("pin-state-final-try", secret = what), Tone::Danger),
        (PinState::Locked, _) => (fl!("pin-state-locked", secret = what), Tone::Danger),
        (PinState::MustChange, _) => (fl!("pin-state-must-change", secret = what), Tone::Warning),
        (PinState::NotInitialized, _) => (fl!("pin-state-not-set", secret = what), Tone::Neutral),
    }
}

/// A certificate's validity at a glance, with its end date.
pub fn expiry_text(expiry: &ExpiryStatus, not_after_iso: &str) -> (String, Tone) {
    let date = crate::i18n::date(not_after_iso);
    match *expiry {
        ExpiryStatus::Valid { .. } => (fl!("expiry-valid", date = date), Tone::Good),
        ExpiryStatus::RenewSoon { days_left } => {
            (fl!("expiry-renew-soon", date = date, days = days_left), Tone::Warning)
        }
        ExpiryStatus::Urgent { days_left } => (fl!("expiry-urgent", date = date, days = days_left), Tone::Danger),
        ExpiryStatus::Expired { .. } => (fl!("expiry-expired", date = date), Tone::Danger),
        ExpiryStatus::NotYetValid { days_until } => (fl!("expiry-not-yet-valid", days = days_until), Tone::Neutral),
    }
}

/// The vendor's word for the PUK, translated where we know it ("Administrator password" on
/// SafeNet, "SO PIN" on soft tokens), else as the vendor table gives it.
pub fn puk_word(label: &str) -> String {
    match label {
        "Administrator password" => fl!("puk-label-administrator"),
        "SO PIN" | "PUK (SO PIN)" => fl!("puk-label-so-pin"),
        "PUK" => fl!("puk-label-puk"),
        other => other.to_owned(),
    }
}

/// Who a certificate names, as people read it: its common name, else its whole subject.
pub fn holder(s: &pecat_pki::CertSummary) -> String {
    s.common_name.clone().unwrap_or_else(|| name(&s.subject))
}

/// A distinguished name as people read it: RFC 4514's escapes (`demo\, not qualified`) removed.
/// For showing only; the escaped form stays the one that is compared and exported.
pub fn name(dn: &str) -> String {
    let mut out = String::with_capacity(dn.len());
    let mut chars = dn.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if ",+\"\\<>;= #".contains(next) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A fingerprint (`8C:37:…`) in two balanced lines once it has more than 16 bytes: one line of a
/// SHA-256 fingerprint does not fit a 1024-pixel window, and it has no space to wrap at.
pub fn fingerprint_lines(value: &str) -> String {
    let bytes: Vec<&str> = value.split(':').collect();
    if bytes.len() <= 16 {
        return value.to_owned();
    }
    let half = bytes.len().div_ceil(2);
    bytes.chunks(half).map(|c| c.join(":")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_escapes_for_reading() {
        assert_eq!(
            name(r"C=RO, O=Pecat Demo, CN=Pecat Demo Signer (demo\, not qualified)"),
            "C=RO, O=Pecat Demo, CN=Pecat Demo Signer (demo, not qualified)"
        );
        assert_eq!(name(r"CN=a\+b\\c\=d\22"), r"CN=a+b\c=d\22", "hex escapes stay as they are");
        assert_eq!(name(r"CN=trailing\"), r"CN=trailing\");
    }

    #[test]
    fn long_fingerprints_take_two_balanced_lines() {
        let sha256 = (0..32).map(|i| format!("{i:02X}")).collect::<Vec<_>>().join(":");
        let shown = fingerprint_lines(&sha256);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].split(':').count(), 16);
        assert_eq!(lines.join(":"), sha256, "nothing lost");
        let sha1 = (0..20).map(|i| format!("{i:02X}")).collect::<Vec<_>>().join(":");
        assert_eq!(fingerprint_lines(&sha1).lines().map(|l| l.split(':').count()).collect::<Vec<_>>(), [10, 10]);
        assert_eq!(fingerprint_lines("AB:CD"), "AB:CD");
    }
}
