//! pades' typed errors and core's per-document failures, as the sign screen words them for one
//! document.

use pecat_core::DocumentFailure;
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
        Error::TooLarge { .. } => fl!("sign-error-too-large"),
        Error::ImageTooLarge { max, .. } => fl!("sign-error-image-too-large", max = max),
        Error::ImageFileTooLarge { max, .. } => {
            let mib = max.div_ceil(1024 * 1024);
            fl!("sign-error-image-file-too-large", mib = mib)
        }
        Error::NotAFile { path } => fl!("sign-error-not-a-file", path = path.display().to_string()),
        // Appearance, signing and CMS faults are Pecat's own: the detail is for the helpdesk.
        Error::Appearance(detail) | Error::Sign(detail) | Error::Cms(detail) => {
            fl!("sign-error-other", detail = detail.clone())
        }
    }
}

/// Why a document of a batch was not signed.
pub fn document_failure_text(f: &DocumentFailure) -> String {
    match f {
        DocumentFailure::Pdf(e) => pades_error_text(e),
        DocumentFailure::SignatureCount { .. } => fl!("sign-error-signature-count"),
        DocumentFailure::Refused(_) => fl!("sign-error-refused-mid-batch"),
        DocumentFailure::Store(e) => crate::wording::error_text(e),
    }
}
