//! Difference analysis of the revisions written after a signature, in the spirit of DocMDP
//! (ISO 32000-2 §12.8.2.2) and pyHanko's rules: every object a later revision adds, rewrites or
//! frees must be explained as (a) a new signature, validation data (DSS) or document timestamp,
//! (b) form filling, (c) an annotation — else it is (d) a change to the document itself.

use std::collections::HashSet;

use super::revision::{Roles, State};
use crate::docmdp::Permission;
use crate::error::Result;
use crate::pdf::object::{Dict, Object};
use crate::pdf::{Entry, PdfFile, decode_text};

/// Most changes listed per signature (the class is computed over all of them).
const MAX_LISTED: usize = 50;

/// How far later revisions went, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeClass {
    /// Nothing was written after the signature.
    None,
    /// New signatures, validation data (DSS) or document timestamps only.
    Signatures,
    /// Form fields filled in.
    FormFilling,
    /// Annotations (comments, drawings, stamps) added or changed.
    Annotations,
    /// The document itself changed.
    Other,
}

/// One explained change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// A signature (or document timestamp, `timestamp`) was added in field `field`.
    SignatureAdded { field: String, timestamp: bool },
    /// Validation data (the DSS dictionary) was added or extended.
    ValidationData,
    /// The document information dictionary or XMP metadata were updated.
    Metadata,
    /// Form field `field` was filled in.
    FieldFilled { field: String },
    /// An annotation of `subtype` was added to or changed on `page`.
    Annotation { subtype: String, page: usize, added: bool },
    /// A page's entry other than `/Annots` changed (content, resources, size, rotation…).
    PageChanged { page: usize, key: String },
    /// The page tree changed (pages added, removed or reordered).
    PagesChanged,
    /// An entry of the catalog changed (`key`).
    CatalogChanged { key: String },
    /// An entry of the interactive form dictionary changed.
    FormChanged { key: String },
    /// A form field other than a signature was added.
    FieldAdded { field: String },
    /// A form field's definition (not its value) changed.
    FieldChanged { field: String, key: String },
    /// An existing signature's value was replaced.
    SignatureReplaced { field: String },
    /// An object that existed was rewritten (`what` says what it was).
    ObjectRewritten { object: u32, what: String },
    /// An object that existed was deleted.
    ObjectDeleted { object: u32 },
    /// An object number the signed revision referred to, but did not define, was defined later.
    DanglingReferenceFilled { object: u32 },
    /// The document's catalog was replaced by another object.
    RootReplaced,
    /// Bytes after the last revision that belong to no revision.
    TrailingData { start: u64, end: u64 },
    /// The signed revision is not in the file's chain of cross-reference sections.
    NotInHistory,
    /// The document is too large to analyse.
    TooLarge,
}

impl Change {
    /// The class of the change.
    pub fn class(&self) -> ChangeClass {
        match self {
            Self::SignatureAdded { .. } | Self::ValidationData | Self::Metadata => ChangeClass::Signatures,
            Self::FieldFilled { .. } => ChangeClass::FormFilling,
            Self::Annotation { .. } => ChangeClass::Annotations,
            _ => ChangeClass::Other,
        }
    }
}

/// What happened after one signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LaterChanges {
    /// Revisions written after the signed one.
    pub revisions: usize,
    /// The highest class of change seen.
    pub class: ChangeClass,
    /// The changes, up to [`MAX_LISTED`], most serious first.
    pub changes: Vec<Change>,
    /// Whether the document's certification (or, uncertified, the rule "signatures and
    /// validation data only") allows them.
    pub permitted: bool,
}

impl LaterChanges {
    /// No later revision.
    pub fn none() -> Self {
        Self { revisions: 0, class: ChangeClass::None, changes: Vec::new(), permitted: true }
    }

    /// Builds the summary from all changes, judged against `certification`.
    pub fn judge(revisions: usize, mut changes: Vec<Change>, certification: Option<Permission>) -> Self {
        changes.sort_by_key(|c| std::cmp::Reverse(c.class()));
        changes.dedup();
        let class = changes.iter().map(Change::class).max().unwrap_or(ChangeClass::None);
        let permitted = match certification {
            // P=1: only validation data and document timestamps (PAdES, EN 319 142-1 §5.4).
            Some(Permission::NoChanges) => changes.iter().all(|c| {
                matches!(c, Change::ValidationData | Change::Metadata | Change::SignatureAdded { timestamp: true, .. })
            }),
            Some(Permission::FillForms) => class <= ChangeClass::FormFilling,
            Some(Permission::Annotate) => class <= ChangeClass::Annotations,
            None => class <= ChangeClass::Signatures,
        };
        changes.truncate(MAX_LISTED);
        Self { revisions, class, changes, permitted }
    }
}

/// Classifies the revision that `after` adds on top of `before`: the entries of its own section.
pub(crate) fn classify_revision(
    pdf: &PdfFile,
    before: &State<'_>,
    after: &State<'_>,
    entries: &[(u32, Entry)],
) -> Result<Vec<Change>> {
    let roles = Roles::of(before);
    let mut changes = Vec::new();
    if after.root() != before.root() {
        changes.push(Change::RootReplaced);
    }
    let mut seen = HashSet::new();
    let mut added = Vec::new();
    for &(num, entry) in entries {
        if !seen.insert(num) {
            continue;
        }
        match (before.entry(num), entry) {
            (None, Entry::Free) => {}
            (Some(_), Entry::Free) => changes.push(Change::ObjectDeleted { object: num }),
            (None, _) => added.push(num),
            (Some(old), new) => {
                let old = pdf.get_version(num, old)?;
                let new = pdf.get_version(num, new)?;
                if old != new || matches!(old, Object::Stream(..)) {
                    changed(before, after, &roles, num, &old, &new, &mut changes);
                }
            }
        }
    }
    if !added.is_empty() {
        // A new object is harmless unless something the signed revision had already points at
        // it: the signed revision referred to a number it did not define, now filled in.
        match referenced_numbers(before) {
            None => changes.push(Change::TooLarge),
            Some(referenced) => changes.extend(
                added
                    .iter()
                    .filter(|n| referenced.contains(n))
                    .map(|&object| Change::DanglingReferenceFilled { object }),
            ),
        }
    }
    Ok(changes)
}

/// Numbers the revision's reachable objects refer to without defining them (`None`: too large).
/// The walk meets every referenced number, the undefined ones too, so one walk answers.
fn referenced_numbers(state: &State<'_>) -> Option<HashSet<u32>> {
    Some(state.reachable()?.into_iter().filter(|n| state.entry(*n).is_none()).collect())
}

fn key_text(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// Keys whose values differ between two dictionaries.
fn differing_keys(old: &Dict, new: &Dict) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for (k, _) in old.0.iter().chain(new.0.iter()) {
        if !keys.contains(k) && old.get(k) != new.get(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// References in `new` that `old` lacks; `None` when `old` lost one (something was removed).
fn added_refs(old: &Object, new: &Object) -> Option<Vec<u32>> {
    let (Some(old), Some(new)) = (old.as_array(), new.as_array()) else { return None };
    if !old.iter().all(|o| new.contains(o)) {
        return None;
    }
    Some(new.iter().filter(|n| !old.contains(n)).filter_map(Object::as_ref).map(|r| r.num).collect())
}

#[allow(clippy::too_many_arguments)]
fn changed(
    before: &State<'_>,
    after: &State<'_>,
    roles: &Roles,
    num: u32,
    old: &Object,
    new: &Object,
    out: &mut Vec<Change>,
) {
    let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) else {
        // Arrays: an indirect /Annots array or the /Fields array.
        if let Some(&page) = roles.annots_arrays.get(&num) {
            return annots_grew(after, page, old, new, out);
        }
        if roles.fields_array == Some(num) {
            return fields_grew(after, old, new, out);
        }
        return out.push(Change::ObjectRewritten { object: num, what: "value".into() });
    };
    let is_stream = matches!(old, Object::Stream(..));
    if Some(num) == roles.catalog {
        for k in differing_keys(od, nd) {
            match k.as_slice() {
                b"DSS" => out.push(Change::ValidationData),
                b"Extensions" => out.push(Change::ValidationData),
                b"Metadata" => out.push(Change::Metadata),
                b"AcroForm" => match (od.get(b"AcroForm"), nd.get(b"AcroForm")) {
                    (Some(Object::Dict(a)), Some(Object::Dict(b))) => acroform(after, a, b, out),
                    (None, Some(b)) => {
                        if let Some(b) = after.dict(b) {
                            acroform(after, &Dict::default(), &b, out);
                        }
                    }
                    _ => out.push(Change::CatalogChanged { key: key_text(&k) }),
                },
                _ => out.push(Change::CatalogChanged { key: key_text(&k) }),
            }
        }
    } else if Some(num) == roles.acroform {
        acroform(after, od, nd, out);
    } else if Some(num) == roles.info || Some(num) == roles.metadata {
        out.push(Change::Metadata);
    } else if roles.dss.contains(&num) {
        out.push(Change::ValidationData);
    } else if roles.signature_values.contains(&num) {
        out.push(Change::SignatureReplaced { field: field_of_value(roles, before, num) });
    } else if let Some(&page) = roles.pages.get(&num) {
        for k in differing_keys(od, nd) {
            if k == b"Annots" {
                let old_annots =
                    od.get(b"Annots").and_then(|a| before.resolve(a).ok()).unwrap_or(Object::Array(vec![]));
                let new_annots = nd.get(b"Annots").and_then(|a| after.resolve(a).ok()).unwrap_or(Object::Array(vec![]));
                annots_grew(after, page, &old_annots, &new_annots, out);
            } else {
                out.push(Change::PageChanged { page, key: key_text(&k) });
            }
        }
    } else if roles.page_nodes.contains(&num) {
        out.push(Change::PagesChanged);
    } else if let Some(field) = roles.fields.get(&num) {
        for k in differing_keys(od, nd) {
            match (k.as_slice(), field.is_signature) {
                (b"V", true) if !field.has_value => {
                    let timestamp = nd.get(b"V").and_then(|v| after.dict(v)).is_some_and(|v| is_timestamp(&v));
                    out.push(Change::SignatureAdded { field: field.name.clone(), timestamp });
                }
                (b"V", true) => out.push(Change::SignatureReplaced { field: field.name.clone() }),
                // Signing an empty field gives it an appearance and may lock it.
                (b"AP" | b"F" | b"Lock" | b"SV", true) if !field.has_value => {}
                (b"V" | b"AP" | b"AS" | b"M", false) => out.push(Change::FieldFilled { field: field.name.clone() }),
                _ => out.push(Change::FieldChanged { field: field.name.clone(), key: key_text(&k) }),
            }
        }
    } else if let Some((subtype, page)) = roles.annots.get(&num) {
        let keys = differing_keys(od, nd);
        if subtype == "Widget" {
            if keys.iter().all(|k| matches!(k.as_slice(), b"AP" | b"AS" | b"M")) {
                out.push(Change::FieldFilled { field: "(widget)".into() });
            } else {
                out.push(Change::ObjectRewritten { object: num, what: "form field widget".into() });
            }
        } else {
            out.push(Change::Annotation { subtype: subtype.clone(), page: *page, added: false });
        }
    } else if let Some(owner) = roles.appearances.get(&num) {
        match roles.fields.get(owner) {
            Some(f) if f.is_signature && !f.has_value => {}
            Some(f) if !f.is_signature => out.push(Change::FieldFilled { field: f.name.clone() }),
            _ => match roles.annots.get(owner) {
                Some((subtype, page)) if subtype != "Widget" => {
                    out.push(Change::Annotation { subtype: subtype.clone(), page: *page, added: false });
                }
                _ => out.push(Change::ObjectRewritten { object: num, what: "appearance".into() }),
            },
        }
    } else {
        let what = nd.name(b"Type").map(key_text).unwrap_or_else(|| if is_stream { "stream" } else { "object" }.into());
        out.push(Change::ObjectRewritten { object: num, what });
    }
}

fn is_timestamp(v: &Dict) -> bool {
    v.name(b"Type") == Some(b"DocTimeStamp") || v.name(b"SubFilter") == Some(b"ETSI.RFC3161")
}

fn field_of_value(roles: &Roles, before: &State<'_>, value: u32) -> String {
    roles
        .fields
        .iter()
        .find(|(n, _)| {
            before
                .get(**n)
                .ok()
                .and_then(|o| o.as_dict().and_then(|d| d.get(b"V")).and_then(Object::as_ref))
                .map(|r| r.num)
                == Some(value)
        })
        .map(|(_, f)| f.name.clone())
        .unwrap_or_default()
}

/// The interactive form dictionary: new fields, signature flags, default resources.
fn acroform(after: &State<'_>, old: &Dict, new: &Dict, out: &mut Vec<Change>) {
    for k in differing_keys(old, new) {
        match k.as_slice() {
            b"Fields" => {
                let o = old.get(b"Fields").cloned().unwrap_or(Object::Array(vec![]));
                let n = new.get(b"Fields").and_then(|f| after.resolve(f).ok()).unwrap_or(Object::Array(vec![]));
                fields_grew(after, &o, &n, out);
            }
            b"SigFlags" => {}
            b"DR" | b"DA" | b"NeedAppearances" => out.push(Change::FieldFilled { field: String::new() }),
            _ => out.push(Change::FormChanged { key: key_text(&k) }),
        }
    }
}

/// A `/Fields` array that may only grow by signature fields.
fn fields_grew(after: &State<'_>, old: &Object, new: &Object, out: &mut Vec<Change>) {
    let Some(added) = added_refs(old, new) else {
        return out.push(Change::FormChanged { key: "Fields".into() });
    };
    for num in added {
        let d = after.get(num).ok().and_then(|o| o.as_dict().cloned()).unwrap_or_default();
        let field = d.get(b"T").and_then(Object::as_str).map(decode_text).unwrap_or_default();
        if d.name(b"FT") == Some(b"Sig") {
            let timestamp = d.get(b"V").and_then(|v| after.dict(v)).is_some_and(|v| is_timestamp(&v));
            out.push(Change::SignatureAdded { field, timestamp });
        } else {
            out.push(Change::FieldAdded { field });
        }
    }
}

/// A page's `/Annots` that may only grow: signature widgets are signatures, the rest annotations.
fn annots_grew(after: &State<'_>, page: usize, old: &Object, new: &Object, out: &mut Vec<Change>) {
    let Some(added) = added_refs(old, new) else {
        return out.push(Change::PageChanged { page, key: "Annots".into() });
    };
    for num in added {
        let d = after.get(num).ok().and_then(|o| o.as_dict().cloned()).unwrap_or_default();
        let subtype = d.name(b"Subtype").map(key_text).unwrap_or_default();
        if subtype == "Widget" {
            // A widget belongs to a field; its field's arrival in /Fields says what it is.
            let field_num = d.get(b"Parent").and_then(Object::as_ref).map_or(num, |r| r.num);
            let field = after.get(field_num).ok().and_then(|o| o.as_dict().cloned()).unwrap_or_default();
            let name = field.get(b"T").and_then(Object::as_str).map(decode_text).unwrap_or_default();
            if !in_form(after, field_num) {
                // A widget no form field owns only draws on the page: an annotation.
                out.push(Change::Annotation { subtype: "Widget".into(), page, added: true });
            } else if field.name(b"FT") == Some(b"Sig") {
                let timestamp = field.get(b"V").and_then(|v| after.dict(v)).is_some_and(|v| is_timestamp(&v));
                out.push(Change::SignatureAdded { field: name, timestamp });
            } else {
                out.push(Change::FieldAdded { field: name });
            }
        } else {
            out.push(Change::Annotation { subtype, page, added: true });
        }
    }
}

/// Whether field `num` is in the form of revision `state` (`/AcroForm /Fields`, with kids).
fn in_form(state: &State<'_>, num: u32) -> bool {
    let Some(catalog) = state.root().and_then(|r| state.get(r).ok()).and_then(|o| o.as_dict().cloned()) else {
        return false;
    };
    let Some(fields) = catalog.get(b"AcroForm").and_then(|a| state.dict(a)).and_then(|a| a.get(b"Fields").cloned())
    else {
        return false;
    };
    let mut queue: Vec<Object> = match state.resolve(&fields) {
        Ok(Object::Array(a)) => a,
        _ => return false,
    };
    let mut visited = 0;
    while let Some(f) = queue.pop() {
        visited += 1;
        if visited > 100_000 {
            return false;
        }
        if f.as_ref().map(|r| r.num) == Some(num) {
            return true;
        }
        if let Some(Object::Array(kids)) =
            state.dict(&f).and_then(|d| d.get(b"Kids").cloned()).map(|k| state.resolve(&k).unwrap_or(Object::Null))
        {
            queue.extend(kids);
        }
    }
    false
}
