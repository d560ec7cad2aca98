//! The pades crate's error type.

use std::path::PathBuf;

/// What went wrong reading, signing or verifying a PDF.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::sync::Arc<std::io::Error>,
    },
    /// The output could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::sync::Arc<std::io::Error>,
    },
    /// Not a PDF at all.
    #[error("{what} is not a PDF file (no %PDF- header)")]
    NotPdf { what: String },
    /// A PDF whose structure is broken.
    #[error("{what} is damaged: {reason}")]
    Malformed { what: String, reason: String },
    /// An encrypted PDF.
    #[error("{what} is encrypted; Pecat does not sign encrypted PDFs (remove the password first)")]
    Encrypted { what: String },
    /// A page number beyond the document.
    #[error("page {page} does not exist (the document has {pages})")]
    NoSuchPage { page: usize, pages: usize },
    /// A document its author certified with no changes allowed (DocMDP P=1).
    #[error(
        "{what} is certified by its author with no changes allowed (DocMDP P=1): a new signature would break that certification"
    )]
    CertifiedNoChanges { what: String },
    /// The output exists.
    #[error("{path} already exists")]
    Exists { path: PathBuf },
    /// The output would overwrite the input.
    #[error("the output {path} is the input; choose another name")]
    SameFile { path: PathBuf },
    /// The signature did not fit into the space reserved for it.
    #[error("the signature ({needed} bytes) is larger than the space reserved for it ({reserved} bytes)")]
    TooLarge { needed: usize, reserved: usize },
    /// Bad appearance input.
    #[error("{0}")]
    Appearance(String),
    /// A visible signature's rectangle not wholly inside its page's visible area (the crop box,
    /// else the media box); `partly` when it overlaps the area. Both boxes are `[x1 y1 x2 y2]`
    /// in points in the page's un-rotated default user space.
    #[error(
        "the signature rectangle {} lies {} the page's visible area {} (points from the bottom-left of the un-rotated page)",
        crate::appearance::show_box(.rect),
        if *.partly { "partly outside" } else { "outside" },
        crate::appearance::show_box(.page_box)
    )]
    RectOutsidePage { rect: [f64; 4], page_box: [f64; 4], partly: bool },
    /// The signer failed.
    #[error("signing failed: {0}")]
    Sign(String),
    /// A CMS structure could not be read.
    #[error("the signature container is unreadable: {0}")]
    Cms(String),
    /// An appearance image with more pixels than a signature needs (its header says so; it is
    /// not decoded).
    #[error("{path}: the image is {width}×{height} pixels; a signature image may have at most {max}×{max}")]
    ImageTooLarge { path: PathBuf, width: u32, height: u32, max: u32 },
    /// An appearance image file larger than accepted.
    #[error("{path}: the image file has {size} bytes; a signature image may have at most {max}")]
    ImageFileTooLarge { path: PathBuf, size: u64, max: u64 },
    /// No signature field of this name; `empty` lists the document's empty signature fields.
    #[error("the document has no signature field named {name:?}{}", if .empty.is_empty() { String::from(" (it has no empty signature field)") } else { format!(" (its empty signature fields: {})", .empty.join(", ")) })]
    NoSuchField { name: String, empty: Vec<String> },
    /// The signature field holds a signature already.
    #[error("the signature field {name:?} is signed already; choose an empty field or sign without one")]
    FieldSigned { name: String },
    /// An appearance image path that is not a regular file.
    #[error("{path} is not a file")]
    NotAFile { path: PathBuf },
}

/// The pades crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
