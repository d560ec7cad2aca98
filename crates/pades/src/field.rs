//! Signature form fields (ISO 32000-2 §12.7.5.5, §12.7.4.5): a document's signature fields with
//! the page and rectangle of their widget, and the empty one a new signature is written into.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Result};
use crate::pdf::object::{Dict, ObjRef, Object};
use crate::pdf::{PdfFile, decode_text};

/// How deep the field tree is walked (§12.7.4: fields nest through `/Kids`); real forms are a
/// few levels deep.
const MAX_FIELD_DEPTH: usize = 32;

/// How many fields are listed at most; a hostile form cannot make the listing grow without end.
const MAX_FIELDS: usize = 10_000;

/// How many page-tree nodes are walked to find which page holds a widget.
const MAX_PAGE_NODES: usize = 1_000_000;

/// One signature field of a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SignatureField {
    /// The fully qualified name (`parent.child`, §12.7.4.2).
    pub name: String,
    /// The page its widget is on, 1-based; `None` when no page lists the widget.
    pub page: Option<usize>,
    /// The widget's `/Rect`, `[x1 y1 x2 y2]` normalised, in points in the page's un-rotated
    /// default user space; all zero for an invisible field.
    pub rect: [f64; 4],
    /// Whether the field already holds a signature (`/V`).
    pub signed: bool,
}

impl SignatureField {
    /// Whether the field has an area on its page (a signature in it can be seen).
    pub fn is_visible(&self) -> bool {
        self.page.is_some() && self.rect[2] - self.rect[0] > 0.0 && self.rect[3] - self.rect[1] > 0.0
    }
}

/// A signature field found in a file, with what an update into it needs.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub(crate) field: SignatureField,
    pub(crate) field_ref: ObjRef,
    pub(crate) field_dict: Dict,
    /// The widget when it is a separate kid of the field; `None` when field and widget are merged.
    pub(crate) widget: Option<(ObjRef, Dict)>,
}

/// Every signature field of the document at `path`, in form order.
pub fn signature_fields(path: &Path) -> Result<Vec<SignatureField>> {
    let pdf = PdfFile::open(path)?;
    Ok(collect(&pdf)?.into_iter().map(|l| l.field).collect())
}

/// The signature fields of the document at `path` that hold no signature yet: the places its
/// author prepared for signatures.
pub fn empty_signature_fields(path: &Path) -> Result<Vec<SignatureField>> {
    Ok(signature_fields(path)?.into_iter().filter(|f| !f.signed).collect())
}

/// The empty signature field `name`: [`Error::NoSuchField`] when the document has no signature
/// field of that name, [`Error::FieldSigned`] when it holds a signature already.
pub(crate) fn locate(pdf: &PdfFile, name: &str) -> Result<Located> {
    let all = collect(pdf)?;
    let Some(found) = all.iter().find(|l| l.field.name == name) else {
        let empty = all.iter().filter(|l| !l.field.signed).map(|l| l.field.name.clone()).collect();
        return Err(Error::NoSuchField { name: name.to_owned(), empty });
    };
    if found.field.signed {
        return Err(Error::FieldSigned { name: name.to_owned() });
    }
    Ok(found.clone())
}

fn collect(pdf: &PdfFile) -> Result<Vec<Located>> {
    let (_, catalog) = pdf.catalog()?;
    let Some(acroform) = catalog.get(b"AcroForm") else { return Ok(Vec::new()) };
    let acroform = pdf.dict(acroform)?;
    let Some(fields) = acroform.get(b"Fields") else { return Ok(Vec::new()) };
    let fields = pdf.resolve(fields)?.as_array().map(<[Object]>::to_vec).unwrap_or_default();
    let pages = widget_pages(pdf)?;
    let mut walk = Walk { pdf, pages: &pages, seen: HashSet::new(), out: Vec::new() };
    walk.fields(&fields, "", None, 0)?;
    Ok(walk.out)
}

struct Walk<'a> {
    pdf: &'a PdfFile,
    /// Annotation object number → 1-based page.
    pages: &'a HashMap<u32, usize>,
    seen: HashSet<u32>,
    out: Vec<Located>,
}

impl Walk<'_> {
    fn fields(&mut self, list: &[Object], parent: &str, ft: Option<&[u8]>, depth: usize) -> Result<()> {
        if depth > MAX_FIELD_DEPTH {
            return Ok(());
        }
        for f in list {
            if self.out.len() >= MAX_FIELDS {
                return Ok(());
            }
            // Only indirect fields can be updated; a field met twice is walked once.
            let Some(r) = f.as_ref() else { continue };
            if !self.seen.insert(r.num) {
                continue;
            }
            let Ok(d) = self.pdf.dict(f) else { continue };
            let name = qualified_name(parent, &d);
            let field_type = d.name(b"FT").or(ft);
            let kids = match d.get(b"Kids") {
                Some(k) => self.pdf.resolve(k)?.as_array().map(<[Object]>::to_vec).unwrap_or_default(),
                None => Vec::new(),
            };
            // Kids with a /T are fields of their own; kids without are this field's widgets.
            let mut widgets = Vec::new();
            let mut children = Vec::new();
            for k in &kids {
                match self.pdf.dict(k) {
                    Ok(kd) if kd.get(b"T").is_some() => children.push(k.clone()),
                    Ok(kd) => {
                        if let Some(kr) = k.as_ref() {
                            widgets.push((kr, kd));
                        }
                    }
                    Err(_) => {}
                }
            }
            if !children.is_empty() {
                let field_type = field_type.map(<[u8]>::to_vec);
                self.fields(&children, &name, field_type.as_deref(), depth + 1)?;
                continue;
            }
            if field_type != Some(b"Sig") {
                continue;
            }
            let signed = d.get(b"V").is_some_and(|v| !matches!(self.pdf.resolve(v), Ok(Object::Null)));
            let widget = if d.name(b"Subtype") == Some(b"Widget") || widgets.is_empty() {
                None
            } else {
                Some(widgets.swap_remove(0))
            };
            let (widget_num, widget_dict) = match &widget {
                Some((wr, wd)) => (wr.num, wd),
                None => (r.num, &d),
            };
            let rect = match widget_dict.get(b"Rect") {
                Some(o) => rectangle(self.pdf, o)?,
                None => [0.0; 4],
            };
            let page = self.pages.get(&widget_num).copied();
            let field = SignatureField { name, page, rect, signed };
            self.out.push(Located { field, field_ref: r, field_dict: d, widget });
        }
        Ok(())
    }
}

/// `parent.T`, or either part alone (§12.7.4.2).
fn qualified_name(parent: &str, field: &Dict) -> String {
    let part = field.get(b"T").and_then(Object::as_str).map(decode_text).unwrap_or_default();
    match (parent.is_empty(), part.is_empty()) {
        (true, _) => part,
        (false, true) => parent.to_owned(),
        (false, false) => format!("{parent}.{part}"),
    }
}

/// A rectangle normalised to lower-left, upper-right; zero when it is not four finite numbers.
fn rectangle(pdf: &PdfFile, o: &Object) -> Result<[f64; 4]> {
    let items = pdf.resolve(o)?.as_array().map(<[Object]>::to_vec).unwrap_or_default();
    let mut v = [0.0; 4];
    if items.len() != 4 {
        return Ok(v);
    }
    for (slot, item) in v.iter_mut().zip(&items) {
        match pdf.resolve(item)?.as_number() {
            Some(n) if n.is_finite() => *slot = n,
            _ => return Ok([0.0; 4]),
        }
    }
    Ok([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

/// Which page lists each annotation: one walk of the page tree (§7.7.3), in page order, each
/// node visited once.
fn widget_pages(pdf: &PdfFile) -> Result<HashMap<u32, usize>> {
    let (_, catalog) = pdf.catalog()?;
    let mut map = HashMap::new();
    let Some(root) = catalog.get(b"Pages").and_then(Object::as_ref) else { return Ok(map) };
    let mut stack = vec![root];
    let mut visited = HashSet::new();
    let mut page = 0;
    while let Some(node) = stack.pop() {
        if !visited.insert(node.num) || visited.len() > MAX_PAGE_NODES {
            continue;
        }
        let Ok(d) = pdf.dict(&Object::Ref(node)) else { continue };
        match d.get(b"Kids") {
            Some(kids) if d.name(b"Type") != Some(b"Page") => {
                let kids = pdf.resolve(kids)?.as_array().map(<[Object]>::to_vec).unwrap_or_default();
                stack.extend(kids.iter().rev().filter_map(Object::as_ref));
            }
            _ => {
                page += 1;
                let annots = match d.get(b"Annots") {
                    Some(a) => pdf.resolve(a)?.as_array().map(<[Object]>::to_vec).unwrap_or_default(),
                    None => Vec::new(),
                };
                for a in annots.iter().filter_map(Object::as_ref) {
                    map.entry(a.num).or_insert(page);
                }
            }
        }
    }
    Ok(map)
}
