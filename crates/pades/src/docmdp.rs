//! Document certification (ISO 32000-2 §12.8.2.2, DocMDP): a certification signature states
//! which changes the author allows after it — P=1 none, P=2 filling forms and signing, P=3 also
//! annotations. Read from the catalog's `/Perms /DocMDP` signature and its `/Reference`.

use std::path::Path;

use crate::error::Result;
use crate::pdf::PdfFile;
use crate::pdf::object::{Dict, Object};

/// What a certified document allows after its certification signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Permission {
    /// P=1: no change at all (validation data and document timestamps aside, as PAdES allows).
    NoChanges,
    /// P=2: filling in forms and signing.
    FillForms,
    /// P=3: filling in forms, signing, and annotations.
    Annotate,
}

impl Permission {
    /// From `/P` (ISO 32000-2 Table 257: default 2; values outside 1–3 are treated as 2).
    pub fn from_p(p: Option<i64>) -> Self {
        match p {
            Some(1) => Self::NoChanges,
            Some(3) => Self::Annotate,
            _ => Self::FillForms,
        }
    }

    /// The `/P` value.
    pub fn p(self) -> u8 {
        match self {
            Self::NoChanges => 1,
            Self::FillForms => 2,
            Self::Annotate => 3,
        }
    }
}

/// The DocMDP permission stated in a signature dictionary's `/Reference` array, if it has one.
pub fn permission_of(pdf: &PdfFile, signature: &Dict) -> Option<Permission> {
    let references = pdf.resolve(signature.get(b"Reference")?).ok()?;
    for r in references.as_array()? {
        let Ok(r) = pdf.dict(r) else { continue };
        if r.name(b"TransformMethod") == Some(b"DocMDP") {
            let params = r.get(b"TransformParams").and_then(|p| pdf.dict(p).ok());
            return Some(Permission::from_p(params.and_then(|p| p.int(b"P"))));
        }
    }
    None
}

/// The document's certification: the signature `/Perms /DocMDP` points at and its permission.
/// A `/DocMDP` entry whose signature has no DocMDP reference still certifies with the default.
pub fn certification(pdf: &PdfFile, catalog: &Dict) -> Option<(Object, Permission)> {
    let perms = pdf.dict(catalog.get(b"Perms")?).ok()?;
    let sig_ref = perms.get(b"DocMDP")?.clone();
    let sig = pdf.dict(&sig_ref).ok()?;
    Some((sig_ref, permission_of(pdf, &sig).unwrap_or(Permission::FillForms)))
}

/// The certification of the PDF at `path`, if it is certified.
pub fn document_certification(path: &Path) -> Result<Option<Permission>> {
    let pdf = PdfFile::open(path)?;
    let (_, catalog) = pdf.catalog()?;
    Ok(certification(&pdf, &catalog).map(|(_, p)| p))
}
