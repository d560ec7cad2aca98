//! What a front end shows about a PDF before signing it: its pages, the empty signature fields
//! its author prepared, whether it is certified (DocMDP) and how many signatures it carries.

use std::path::{Path, PathBuf};

use pecat_pades::pdf::PdfFile;
use pecat_pades::{Permission, SignatureField, signature_fields};

use crate::error::Result;

/// A PDF about to be signed.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    /// The file.
    pub path: PathBuf,
    /// Its number of pages.
    pub pages: usize,
    /// Signature fields without a signature, in form order.
    pub empty_fields: Vec<SignatureField>,
    /// The author's certification, when the document is certified: P=1 forbids a new signature
    /// (signing would break the certification), P=2 and P=3 allow it.
    pub certification: Option<Permission>,
    /// Signatures already in the document.
    pub signatures: usize,
}

impl DocumentInfo {
    /// Whether a new signature would break the author's certification (DocMDP P=1).
    pub fn forbids_signing(&self) -> bool {
        self.certification == Some(Permission::NoChanges)
    }
}

/// Reads what [`DocumentInfo`] holds (blocking: opens the file). A damaged or encrypted file is
/// a typed error, known before anything is asked of the user.
pub fn inspect_document(path: &Path) -> Result<DocumentInfo> {
    let pdf = PdfFile::open(path)?;
    if pdf.is_encrypted() {
        return Err(pecat_pades::Error::Encrypted { what: path.display().to_string() }.into());
    }
    let pages = pdf.page_count()?;
    let (_, catalog) = pdf.catalog()?;
    let certification = pecat_pades::docmdp::certification(&pdf, &catalog).map(|(_, p)| p);
    drop(pdf);
    let fields = signature_fields(path)?;
    let signatures = fields.iter().filter(|f| f.signed).count();
    let empty_fields = fields.into_iter().filter(|f| !f.signed).collect();
    Ok(DocumentInfo { path: path.to_owned(), pages, empty_fields, certification, signatures })
}

/// [`crate::verify_document`] trusting also `extra` (DER certificates the app holds, such as the
/// demo credential's root), never as qualified.
pub fn verify_document_with(
    path: &Path,
    trust: &crate::TrustChoice,
    extra: &[Vec<u8>],
    now: std::time::SystemTime,
) -> Result<pecat_pades::VerifyReport> {
    let mut anchors = trust.anchors()?;
    for der in extra {
        let certificates = pecat_pki::parse_certificates(der, "trusted certificate")?;
        anchors.extend(crate::anchors(certificates, false, pecat_pki::AnchorSource::User));
    }
    Ok(pecat_pades::verify(path, &pecat_pades::VerifyOptions { anchors, now })?)
}
