//! The document as it stood at one revision (ISO 32000-2 §7.5.6): the cross-reference sections up
//! to that revision, newest first, and the roles its objects play there (catalog, pages, form
//! fields, annotations, signature values, validation data) — what the difference analysis needs.

use std::collections::{HashMap, HashSet};

use crate::error::Result;
use crate::pdf::object::{Dict, Object};
use crate::pdf::{Entry, PdfFile, XrefSection, decode_text};

/// Most objects one walk visits; a document past this is reported as too large to analyse.
pub(crate) const MAX_OBJECTS: usize = 500_000;
/// Deepest field or page tree followed.
const MAX_TREE_DEPTH: usize = 64;

/// One revision's objects.
pub(crate) struct State<'a> {
    pdf: &'a PdfFile,
    map: HashMap<u32, Entry>,
    root: Option<u32>,
    info: Option<u32>,
}

impl<'a> State<'a> {
    /// The state made of `sections` (newest first) with `trailer` (the newest one's).
    pub(crate) fn new(pdf: &'a PdfFile, sections: &[XrefSection], trailer: &Dict) -> Self {
        let mut map = HashMap::new();
        for s in sections {
            for (n, e) in &s.objects {
                map.entry(*n).or_insert(*e);
            }
        }
        let num = |k: &[u8]| trailer.get(k).and_then(Object::as_ref).map(|r| r.num);
        Self { pdf, map, root: num(b"Root"), info: num(b"Info") }
    }

    pub(crate) fn root(&self) -> Option<u32> {
        self.root
    }

    pub(crate) fn info(&self) -> Option<u32> {
        self.info
    }

    /// Where object `num` is in this revision (`None` when absent or free).
    pub(crate) fn entry(&self, num: u32) -> Option<Entry> {
        self.map.get(&num).copied().filter(|e| *e != Entry::Free)
    }

    /// Object `num` as of this revision (`Null` when absent).
    pub(crate) fn get(&self, num: u32) -> Result<Object> {
        match self.entry(num) {
            Some(e) => self.pdf.get_version(num, e),
            None => Ok(Object::Null),
        }
    }

    /// Follows a reference in this revision.
    pub(crate) fn resolve(&self, o: &Object) -> Result<Object> {
        match o {
            Object::Ref(r) => self.get(r.num),
            other => Ok(other.clone()),
        }
    }

    /// `o` as a dictionary in this revision, if it is one.
    pub(crate) fn dict(&self, o: &Object) -> Option<Dict> {
        self.resolve(o).ok()?.as_dict().cloned()
    }

    /// The catalog, the info dictionary and every object number they reference, transitively —
    /// numbers the revision does not define included (bounded by [`MAX_OBJECTS`]; `None` past it).
    pub(crate) fn reachable(&self) -> Option<HashSet<u32>> {
        let mut seen: HashSet<u32> = HashSet::new();
        let mut queue: Vec<u32> = self.root.into_iter().chain(self.info).collect();
        while let Some(num) = queue.pop() {
            if !seen.insert(num) {
                continue;
            }
            if seen.len() > MAX_OBJECTS {
                return None;
            }
            if let Ok(o) = self.get(num) {
                collect_refs(&o, &mut queue, 0);
            }
        }
        Some(seen)
    }
}

/// Pushes every reference found inside `o` (not following them).
pub(crate) fn collect_refs(o: &Object, out: &mut Vec<u32>, depth: usize) {
    if depth > MAX_TREE_DEPTH {
        return;
    }
    match o {
        Object::Ref(r) => out.push(r.num),
        Object::Array(a) => a.iter().for_each(|x| collect_refs(x, out, depth + 1)),
        Object::Dict(d) | Object::Stream(d, _) => d.0.iter().for_each(|(_, v)| collect_refs(v, out, depth + 1)),
        _ => {}
    }
}

/// A field's fully qualified name (ISO 32000-2 §12.7.4.2): the parent's name, a period, its `/T`.
pub(crate) fn field_name(parent: &str, field: &Dict) -> String {
    let part = field.get(b"T").and_then(Object::as_str).map(decode_text).unwrap_or_default();
    match (parent.is_empty(), part.is_empty()) {
        (true, _) => part,
        (false, true) => parent.to_owned(),
        (false, false) => format!("{parent}.{part}"),
    }
}

/// A form field of the signed revision.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) is_signature: bool,
    pub(crate) has_value: bool,
}

/// What the objects of a revision are.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    pub(crate) catalog: Option<u32>,
    pub(crate) info: Option<u32>,
    pub(crate) acroform: Option<u32>,
    pub(crate) fields_array: Option<u32>,
    /// Page objects (leaves), with their 1-based number.
    pub(crate) pages: HashMap<u32, usize>,
    /// Inner nodes of the page tree.
    pub(crate) page_nodes: HashSet<u32>,
    /// Indirect `/Annots` arrays, with their page.
    pub(crate) annots_arrays: HashMap<u32, usize>,
    /// Form fields (and widgets merged with them).
    pub(crate) fields: HashMap<u32, Field>,
    /// Annotations on pages with their subtype and page (widgets included).
    pub(crate) annots: HashMap<u32, (String, usize)>,
    /// Signature dictionaries (the `/V` of signature fields).
    pub(crate) signature_values: HashSet<u32>,
    /// Appearance streams and dictionaries of fields, with the field they belong to.
    pub(crate) appearances: HashMap<u32, u32>,
    /// The DSS dictionary and everything below it.
    pub(crate) dss: HashSet<u32>,
    /// The XMP metadata stream.
    pub(crate) metadata: Option<u32>,
}

impl Roles {
    /// Reads the roles of `state`'s objects.
    pub(crate) fn of(state: &State<'_>) -> Self {
        let mut roles = Roles { catalog: state.root(), info: state.info(), ..Self::default() };
        let Some(catalog) = state.root().and_then(|r| state.get(r).ok()).and_then(|o| o.as_dict().cloned()) else {
            return roles;
        };
        roles.metadata = catalog.get(b"Metadata").and_then(Object::as_ref).map(|r| r.num);
        if let Some(d) = catalog.get(b"DSS") {
            let mut queue = Vec::new();
            collect_refs(d, &mut queue, 0);
            while let Some(n) = queue.pop() {
                if roles.dss.len() < MAX_OBJECTS
                    && roles.dss.insert(n)
                    && let Ok(o) = state.get(n)
                {
                    collect_refs(&o, &mut queue, 0);
                }
            }
        }
        if let Some(pages) = catalog.get(b"Pages") {
            roles.walk_pages(state, pages, 0);
        }
        if let Some(af) = catalog.get(b"AcroForm") {
            roles.acroform = af.as_ref().map(|r| r.num);
            if let Some(af) = state.dict(af)
                && let Some(fields) = af.get(b"Fields")
            {
                roles.fields_array = fields.as_ref().map(|r| r.num);
                if let Ok(Object::Array(list)) = state.resolve(fields) {
                    roles.walk_fields(state, &list, "", None, false, 0);
                }
            }
        }
        roles
    }

    fn walk_pages(&mut self, state: &State<'_>, node: &Object, depth: usize) {
        let Some(r) = node.as_ref() else { return };
        if depth > MAX_TREE_DEPTH
            || self.pages.contains_key(&r.num)
            || self.page_nodes.contains(&r.num)
            || self.pages.len() > MAX_OBJECTS
        {
            return;
        }
        let Some(d) = state.dict(node) else { return };
        match d.get(b"Kids") {
            Some(kids) if d.name(b"Type") != Some(b"Page") => {
                self.page_nodes.insert(r.num);
                if let Ok(Object::Array(kids)) = state.resolve(kids) {
                    for k in &kids {
                        self.walk_pages(state, k, depth + 1);
                    }
                }
            }
            _ => {
                let page = self.pages.len() + 1;
                self.pages.insert(r.num, page);
                if let Some(annots) = d.get(b"Annots") {
                    if let Some(a) = annots.as_ref() {
                        self.annots_arrays.insert(a.num, page);
                    }
                    if let Ok(Object::Array(list)) = state.resolve(annots) {
                        for a in list.iter().filter_map(Object::as_ref) {
                            let subtype = state
                                .get(a.num)
                                .ok()
                                .and_then(|o| o.as_dict().and_then(|d| d.name(b"Subtype")).map(<[u8]>::to_vec))
                                .unwrap_or_default();
                            self.annots.insert(a.num, (String::from_utf8_lossy(&subtype).into_owned(), page));
                            self.note_appearance(state, a.num);
                        }
                    }
                }
            }
        }
    }

    fn walk_fields(
        &mut self,
        state: &State<'_>,
        list: &[Object],
        parent: &str,
        ft: Option<Vec<u8>>,
        parent_has_value: bool,
        depth: usize,
    ) {
        if depth > MAX_TREE_DEPTH {
            return;
        }
        for f in list {
            let Some(r) = f.as_ref() else { continue };
            if self.fields.contains_key(&r.num) || self.fields.len() > MAX_OBJECTS {
                continue;
            }
            let Some(d) = state.dict(f) else { continue };
            let name = field_name(parent, &d);
            let field_type = d.name(b"FT").map(<[u8]>::to_vec).or_else(|| ft.clone());
            let is_signature = field_type.as_deref() == Some(b"Sig");
            let value = d.get(b"V").filter(|v| !matches!(v, Object::Null));
            if is_signature && let Some(v) = value.and_then(Object::as_ref) {
                self.signature_values.insert(v.num);
            }
            let has_value = value.is_some() || parent_has_value;
            self.fields.insert(r.num, Field { name: name.clone(), is_signature, has_value });
            self.note_appearance(state, r.num);
            if let Some(Object::Array(kids)) = d.get(b"Kids").and_then(|k| state.resolve(k).ok()) {
                self.walk_fields(state, &kids, &name, field_type, has_value, depth + 1);
            }
        }
    }

    /// Records the `/AP` dictionary and streams of annotation or field `owner`.
    fn note_appearance(&mut self, state: &State<'_>, owner: u32) {
        let Some(d) = state.get(owner).ok().and_then(|o| o.as_dict().cloned()) else { return };
        let Some(ap) = d.get(b"AP") else { return };
        let mut refs = Vec::new();
        collect_refs(ap, &mut refs, 0);
        if let Ok(Object::Dict(ap)) = state.resolve(ap) {
            for (_, v) in &ap.0 {
                if let Ok(Object::Dict(states)) = state.resolve(v) {
                    collect_refs(&Object::Dict(states), &mut refs, 0);
                }
            }
        }
        for n in refs {
            self.appearances.entry(n).or_insert(owner);
        }
    }
}
