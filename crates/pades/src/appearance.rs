//! Signature appearances (ISO 32000-2 §12.7.5.5, §12.5.5): an empty one for invisible
//! signatures, and visible ones with text lines and an optional image.

use std::time::SystemTime;

use crate::error::Result;
use crate::pdf::object::{Dict, ObjRef, Object};
use crate::pdf::{PdfFile, name};
use crate::sign::SignatureOptions;
use crate::update::Update;

/// A visible signature.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// Page number, 1-based.
    pub page: usize,
    /// `[x1 y1 x2 y2]` in page space (points).
    pub rect: [f64; 4],
    /// Text lines; empty means holder name, date and reason.
    pub lines: Vec<String>,
    /// An image shown left of the text.
    pub image: Option<std::path::PathBuf>,
}

/// An empty Form XObject (invisible signatures still get an appearance).
pub fn empty(up: &mut Update) -> ObjRef {
    let r = ObjRef { num: up.allocate(), generation: 0 };
    let mut d = Dict::default();
    d.set(b"Type", name("XObject"));
    d.set(b"Subtype", name("Form"));
    d.set(b"BBox", Object::Array(vec![Object::Int(0); 4]));
    up.put_stream(r, d, b"");
    r
}

/// A visible appearance (filled in by the font/image code).
pub fn build(
    up: &mut Update,
    _pdf: &PdfFile,
    _a: &Appearance,
    _o: &SignatureOptions,
    _now: SystemTime,
) -> Result<ObjRef> {
    Ok(empty(up))
}
