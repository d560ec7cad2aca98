//! Every verification finding of pades in the user's words: problems, certification-path
//! problems, classes of change and each change.

use pecat_pades::{Change, ChangeClass, Problem};
use pecat_pki::PathProblem;

use crate::fl;

/// A problem found with one signature.
pub fn problem_text(p: &Problem) -> String {
    match p {
        Problem::SignatureUnreadable { reason } => fl!("problem-signature-unreadable", reason = reason.clone()),
        Problem::ByteRangeMalformed => fl!("problem-byte-range-malformed"),
        Problem::ContentsMalformed => fl!("problem-contents-malformed"),
        Problem::ByteRangeGap => fl!("problem-byte-range-gap"),
        Problem::DigestMismatch => fl!("problem-digest-mismatch"),
        Problem::UnsupportedDigest { algorithm } => fl!("problem-unsupported-digest", algorithm = algorithm.clone()),
        Problem::CmsUnreadable { reason } => fl!("problem-cms-unreadable", reason = reason.clone()),
        Problem::NoSignedAttributes => fl!("problem-no-signed-attributes"),
        Problem::UnsupportedAlgorithm { algorithm } => {
            fl!("problem-unsupported-algorithm", algorithm = algorithm.clone())
        }
        Problem::SignatureDoesNotVerify => fl!("problem-signature-does-not-verify"),
        Problem::SignerCertificateMissing => fl!("problem-signer-certificate-missing"),
        Problem::SigningCertificateMismatch => fl!("problem-signing-certificate-mismatch"),
        Problem::SigningCertificateNotBound => fl!("problem-signing-certificate-not-bound"),
        Problem::Path { problem } => path_text(problem),
        Problem::NoTrustAnchors => fl!("problem-no-trust-anchors"),
        Problem::ClaimedTimeOutsideValidity { claimed } => {
            fl!("problem-claimed-time-outside", claimed = claimed.clone())
        }
        Problem::TimestampNotValidated => fl!("problem-timestamp-not-validated"),
        Problem::ModifiedAfterSigning { class } => fl!("problem-modified-after", class = class_text(*class)),
        Problem::CertificationForbids { permission, class } => {
            fl!("problem-certification-forbids", permission = permission.to_string(), class = class_text(*class))
        }
        Problem::CertificationNotFirst => fl!("problem-certification-not-first"),
    }
}

/// Why the signer's certificate path does not establish trust.
pub fn path_text(p: &PathProblem) -> String {
    match p {
        PathProblem::IssuerMissing { subject, issuer } => {
            fl!("path-issuer-missing", subject = crate::wording::name(subject), issuer = crate::wording::name(issuer))
        }
        PathProblem::UntrustedRoot { root } => fl!("path-untrusted-root", root = root.clone()),
        PathProblem::IssuerNotCa { subject } => fl!("path-issuer-not-ca", subject = crate::wording::name(subject)),
        PathProblem::IssuerCannotSignCertificates { subject } => {
            fl!("path-issuer-cannot-sign", subject = crate::wording::name(subject))
        }
        PathProblem::PathLengthExceeded { subject, .. } => {
            fl!("path-length-exceeded", subject = crate::wording::name(subject))
        }
        PathProblem::NotYetValid { subject, not_before } => {
            fl!("path-not-yet-valid", subject = crate::wording::name(subject), date = crate::i18n::date(not_before))
        }
        PathProblem::Expired { subject, not_after } => {
            fl!("path-expired", subject = crate::wording::name(subject), date = crate::i18n::date(not_after))
        }
        PathProblem::UnknownCriticalExtension { subject, oid } => {
            fl!("path-unknown-critical-extension", subject = crate::wording::name(subject), oid = oid.clone())
        }
        PathProblem::WeakSignatureAlgorithm { subject, algorithm } => {
            fl!("path-weak-algorithm", subject = crate::wording::name(subject), algorithm = algorithm.clone())
        }
        PathProblem::SignerKeyUsage { subject } => {
            fl!("path-signer-key-usage", subject = crate::wording::name(subject))
        }
        PathProblem::SignerExtendedKeyUsage { subject, .. } => {
            fl!("path-signer-extended-key-usage", subject = crate::wording::name(subject))
        }
        PathProblem::TooLong => fl!("path-too-long"),
    }
}

/// A class of change after signing.
pub fn class_text(c: ChangeClass) -> String {
    match c {
        ChangeClass::None => fl!("change-class-none"),
        ChangeClass::Signatures => fl!("change-class-signatures"),
        ChangeClass::FormFilling => fl!("change-class-form-filling"),
        ChangeClass::Annotations => fl!("change-class-annotations"),
        ChangeClass::Other => fl!("change-class-other"),
    }
}

/// One change made after a signature.
pub fn change_text(c: &Change) -> String {
    match c {
        Change::SignatureAdded { field, timestamp: false } => fl!("change-signature-added", field = field.clone()),
        Change::SignatureAdded { field, timestamp: true } => fl!("change-timestamp-added", field = field.clone()),
        Change::ValidationData => fl!("change-validation-data"),
        Change::Metadata => fl!("change-metadata"),
        Change::FieldFilled { field } => fl!("change-field-filled", field = field.clone()),
        Change::Annotation { subtype, page, added: true } => {
            fl!("change-annotation-added", subtype = subtype.clone(), page = page.to_string())
        }
        Change::Annotation { subtype, page, added: false } => {
            fl!("change-annotation-changed", subtype = subtype.clone(), page = page.to_string())
        }
        Change::PageChanged { page, key } => fl!("change-page-changed", page = page.to_string(), key = key.clone()),
        Change::PagesChanged => fl!("change-pages-changed"),
        Change::CatalogChanged { key } => fl!("change-catalog-changed", key = key.clone()),
        Change::FormChanged { key } => fl!("change-form-changed", key = key.clone()),
        Change::FieldAdded { field } => fl!("change-field-added", field = field.clone()),
        Change::FieldChanged { field, key } => fl!("change-field-changed", field = field.clone(), key = key.clone()),
        Change::SignatureReplaced { field } => fl!("change-signature-replaced", field = field.clone()),
        Change::ObjectRewritten { object, what } => {
            fl!("change-object-rewritten", object = object.to_string(), what = what.clone())
        }
        Change::ObjectDeleted { object } => fl!("change-object-deleted", object = object.to_string()),
        Change::DanglingReferenceFilled { object } => fl!("change-dangling-filled", object = object.to_string()),
        Change::RootReplaced => fl!("change-root-replaced"),
        Change::TrailingData { start, end } => {
            fl!("change-trailing-data", start = start.to_string(), end = end.to_string())
        }
        Change::NotInHistory => fl!("change-not-in-history"),
        Change::TooLarge => fl!("change-too-large"),
    }
}
