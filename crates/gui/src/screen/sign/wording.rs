//! pades' typed errors, as the sign screen words them for one document.

use pecat_pades::Error;

use crate::fl;

/// Why a document was not signed, with what to do next.
pub fn pades_error_text(e: &Error) -> String {
    match e {
        Error::Read { path, .. } => fl!("sign-error-read", path = path.display().to_string()),
        Error::Write { path, .. } => fl!("sign-error-write", path = path.display().to_string()),
        Error::NotPdf { .. } => fl!("sign-error-not-pdf"),
        Error::Malformed { reason, .. } => fl!("sign-error-damaged", reason = reason.clone()),
        Error::Encrypted { .. } => fl!("sign-error-encrypted"),
        Error::NoSuchPage { page, pages } => fl!("sign-error-no-page", page = page, pages = pages),
        Error::CertifiedNoChanges { .. } => fl!("sign-error-certified"),
        Error::Exists { path } => fl!("sign-error-exists", path = path.display().to_string()),
        Error::SameFile { .. } => fl!("sign-error-same-file"),
        Error::RectOutsidePage { .. } => fl!("sign-error-outside-page"),
        Error::NoSuchField { name, .. } => fl!("sign-error-no-field", name = name.clone()),
        Error::FieldSigned { name } => fl!("sign-error-field-signed", name = name.clone()),
        other => fl!("sign-error-other", detail = other.to_string()),
    }
}
