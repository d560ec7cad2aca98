//! Signing, staged as the best libraries do: **prepare** (build the incremental update with a
//! reserved `/Contents` and fixed byte ranges, write it beside the output, hashing the signed
//! bytes as they stream past) → **sign** (any signer: a token, a cloud service — the digest is
//! known before anyone is asked) → **embed** (write the CMS into the reserved space, sync,
//! rename). The input is never modified; a failure leaves no output behind.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::appearance::{self, Appearance};
use crate::error::{Error, Result};
use crate::pdf::object::{Dict, ObjRef, Object};
use crate::pdf::{PdfFile, decode_text, name, text_string};
use crate::update::Update;

/// What goes into the signature dictionary and how it looks.
#[derive(Debug, Clone, Default)]
pub struct SignatureOptions {
    /// `/Reason`.
    pub reason: Option<String>,
    /// `/Location`.
    pub location: Option<String>,
    /// `/ContactInfo`.
    pub contact_info: Option<String>,
    /// `/Name`.
    pub name: Option<String>,
    /// A visible appearance; `None` signs invisibly.
    pub appearance: Option<Appearance>,
    /// Bytes reserved for the CMS container.
    pub reserve: usize,
    /// Replace an existing output file.
    pub overwrite: bool,
    /// Sign even a document certified with no changes allowed (DocMDP P=1); its certification
    /// signature will then report the change.
    pub break_certification: bool,
    /// Sign into this existing empty signature field (its fully qualified name) instead of a new
    /// one. The field's widget gives the place: a visible [`Self::appearance`] is drawn at the
    /// widget's page and rectangle (its own `page` and `rect` are not used), and a field with
    /// no area is signed invisibly.
    pub field: Option<String>,
}

/// Bytes to reserve for a CMS container carrying these certificates: generous, so a later
/// time-stamp or larger key still fits; the byte ranges never depend on the signature length.
pub fn reserve_for(certificates_len: usize) -> usize {
    (2 * certificates_len + 12_288).max(16_384)
}

/// The temporary files (`.pecat-*.pdf.part` beside each output) this process is writing. A
/// signal that ends the process runs no destructor, so a front end that catches SIGINT/SIGTERM
/// calls [`remove_part_files`] before exiting; the registry is process-wide because signals are.
static PART_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file this process is writing and returns how many there were; for a
/// signal handler (on its own thread, not in signal context) before the process exits. The
/// documents being signed are left as they were and no output appears.
pub fn remove_part_files() -> usize {
    let mut files = PART_FILES.lock().unwrap_or_else(PoisonError::into_inner);
    for p in files.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::mem::take(&mut *files).len()
}

/// A temporary file's entry in [`PART_FILES`], removed when the file is persisted or dropped.
#[derive(Debug)]
struct PartFile(PathBuf);

impl PartFile {
    fn register(path: &Path) -> Self {
        PART_FILES.lock().unwrap_or_else(PoisonError::into_inner).push(path.to_owned());
        Self(path.to_owned())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        let mut files = PART_FILES.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(i) = files.iter().position(|p| *p == self.0) {
            files.swap_remove(i);
        }
    }
}

/// The permissions of a signed output: the input's (a signed copy is read by whoever could read
/// the document), without set-id bits.
#[cfg(unix)]
fn output_permissions(input: &std::fs::Metadata) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(input.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn output_permissions(input: &std::fs::Metadata) -> std::fs::Permissions {
    input.permissions()
}

/// A document ready for its signature: the update is written and hashed.
#[derive(Debug)]
pub struct Prepared {
    temp: tempfile::NamedTempFile,
    /// Declared after `temp`: dropped after the file is removed.
    _registered: PartFile,
    permissions: std::fs::Permissions,
    output: PathBuf,
    overwrite: bool,
    contents_offset: u64,
    reserved: usize,
    /// SHA-256 over the byte ranges: the CMS messageDigest.
    pub digest: Vec<u8>,
    /// `/ByteRange`.
    pub byte_range: [u64; 4],
}

const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

fn date(t: SystemTime) -> String {
    let iso = pecat_pki::iso8601(t); // YYYY-MM-DDThh:mm:ssZ
    let digits: String = iso.chars().filter(char::is_ascii_digit).collect();
    format!("D:{digits}Z")
}

/// Unique field name `Signature{n}` among the form's fields.
fn field_name(pdf: &PdfFile, fields: &[Object]) -> String {
    let names: Vec<String> = fields
        .iter()
        .filter_map(|f| pdf.dict(f).ok())
        .filter_map(|d| d.get(b"T").and_then(Object::as_str).map(decode_text))
        .collect();
    (1..).map(|n| format!("Signature{n}")).find(|c| !names.contains(c)).unwrap_or_else(|| "Signature".into())
}

/// Resolves an array that may be direct or indirect; returns it and its object (if indirect).
fn array_of(pdf: &PdfFile, o: Option<&Object>) -> Result<(Vec<Object>, Option<ObjRef>)> {
    match o {
        None => Ok((Vec::new(), None)),
        Some(Object::Ref(r)) => Ok((pdf.get(*r)?.as_array().map(<[Object]>::to_vec).unwrap_or_default(), Some(*r))),
        Some(Object::Array(a)) => Ok((a.clone(), None)),
        Some(_) => Ok((Vec::new(), None)),
    }
}

/// Builds the update, writes input + update to a temporary file next to `output` while hashing
/// the signed ranges, and returns the digest to sign.
pub fn prepare(input: &Path, output: &Path, options: &SignatureOptions, now: SystemTime) -> Result<Prepared> {
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(input), std::fs::canonicalize(output))
        && a == b
    {
        return Err(Error::SameFile { path: output.to_owned() });
    }
    if output.exists() && !options.overwrite {
        return Err(Error::Exists { path: output.to_owned() });
    }
    let pdf = PdfFile::open(input)?;
    if pdf.is_encrypted() {
        return Err(Error::Encrypted { what: input.display().to_string() });
    }
    let last = pdf.read_at(pdf.len().saturating_sub(1), 1)?;
    let mut up = Update::new(&pdf, matches!(last.as_slice(), [b'\n'] | [b'\r']));

    // An existing field decides the place; else the options do.
    let target = options.field.as_deref().map(|name| crate::field::locate(&pdf, name)).transpose()?;
    let appearance_wanted = match &target {
        Some(t) => options.appearance.as_ref().filter(|_| t.field.is_visible()).map(|a| Appearance {
            page: t.field.page.unwrap_or(1),
            rect: t.field.rect,
            ..a.clone()
        }),
        None => options.appearance.clone(),
    };
    let page_no = appearance_wanted.as_ref().map_or(1, |a| a.page);
    let page_ref = pdf.page(page_no)?;
    let mut page = pdf.dict(&Object::Ref(page_ref))?;
    // Where a visible signature goes: inside the visible area (a field's place is the
    // author's), upright for the page's rotation.
    let geometry = match &appearance_wanted {
        Some(a) => {
            let g = appearance::page_geometry(&pdf, &page)?;
            if target.is_none() {
                appearance::check_rect(a.rect, &g)?;
            }
            g
        }
        None => appearance::PageGeometry::default(),
    };
    let (catalog_ref, mut catalog) = pdf.catalog()?;
    if let Some((_, crate::docmdp::Permission::NoChanges)) = crate::docmdp::certification(&pdf, &catalog)
        && !options.break_certification
    {
        return Err(Error::CertifiedNoChanges { what: input.display().to_string() });
    }

    let sig = ObjRef { num: up.allocate(), generation: 0 };
    if let Some(t) = target {
        // Into the existing field: its value, its widget's appearance, and SigFlags.
        let ap = match &appearance_wanted {
            Some(a) => Some(appearance::build(&mut up, a, options, now, geometry.rotation)?),
            None => None,
        };
        let (mut field, mut widget) = (t.field_dict, t.widget);
        field.set(b"V", Object::Ref(sig));
        let widget_dict = match &mut widget {
            Some((_, w)) => w,
            None => &mut field,
        };
        if let Some(ap) = ap {
            let mut apd = Dict::default();
            apd.set(b"N", Object::Ref(ap));
            widget_dict.set(b"AP", Object::Dict(apd));
        }
        up.put(t.field_ref, &Object::Dict(field));
        if let Some((r, w)) = widget {
            up.put(r, &Object::Dict(w));
        }
        let acroform_ref = catalog.get(b"AcroForm").and_then(Object::as_ref);
        let mut acroform = match catalog.get(b"AcroForm") {
            Some(o) => pdf.dict(o)?,
            None => Dict::default(),
        };
        acroform.set(b"SigFlags", Object::Int(3));
        match acroform_ref {
            Some(r) => up.put(r, &Object::Dict(acroform)),
            None => {
                catalog.set(b"AcroForm", Object::Dict(acroform));
                up.put(catalog_ref, &Object::Dict(catalog));
            }
        }
    } else {
        let widget = ObjRef { num: up.allocate(), generation: 0 };

        // AcroForm and its fields.
        let acroform_ref = catalog.get(b"AcroForm").and_then(Object::as_ref);
        let mut acroform = match catalog.get(b"AcroForm") {
            Some(o) => pdf.dict(o)?,
            None => Dict::default(),
        };
        let (mut fields, fields_ref) = array_of(&pdf, acroform.get(b"Fields"))?;
        let field = field_name(&pdf, &fields);
        fields.push(Object::Ref(widget));

        // The widget, merged with its field.
        let (rect, ap) = match &appearance_wanted {
            Some(a) => (a.rect, appearance::build(&mut up, a, options, now, geometry.rotation)?),
            None => ([0.0; 4], appearance::empty(&mut up)),
        };
        let mut w = Dict::default();
        w.set(b"Type", name("Annot"));
        w.set(b"Subtype", name("Widget"));
        w.set(b"FT", name("Sig"));
        w.set(b"T", text_string(&field));
        w.set(b"V", Object::Ref(sig));
        w.set(b"F", Object::Int(132));
        w.set(b"P", Object::Ref(page_ref));
        w.set(b"Rect", Object::Array(rect.iter().map(|v| Object::Real(*v)).collect()));
        if let Some(mk) = appearance::characteristics(geometry.rotation) {
            w.set(b"MK", Object::Dict(mk));
        }
        let mut apd = Dict::default();
        apd.set(b"N", Object::Ref(ap));
        w.set(b"AP", Object::Dict(apd));
        up.put(widget, &Object::Dict(w));

        // The page's annotations.
        let (mut annots, annots_ref) = array_of(&pdf, page.get(b"Annots"))?;
        annots.push(Object::Ref(widget));
        match annots_ref {
            Some(r) => up.put(r, &Object::Array(annots)),
            None => {
                page.set(b"Annots", Object::Array(annots));
                up.put(page_ref, &Object::Dict(page));
            }
        }

        // The form: fields and SigFlags (SignaturesExist | AppendOnly).
        match fields_ref {
            Some(r) => up.put(r, &Object::Array(fields)),
            None => acroform.set(b"Fields", Object::Array(fields)),
        }
        acroform.set(b"SigFlags", Object::Int(3));
        match acroform_ref {
            Some(r) => up.put(r, &Object::Dict(acroform)),
            None => {
                catalog.set(b"AcroForm", Object::Dict(acroform));
                up.put(catalog_ref, &Object::Dict(catalog));
            }
        }
    }

    // The signature dictionary, written by hand to know where /Contents and /ByteRange are.
    let mut body = String::from("<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached");
    let mut extra = Dict::default();
    extra.set(b"M", Object::Str(date(now).into_bytes()));
    for (key, value) in [
        (&b"Reason"[..], &options.reason),
        (b"Location", &options.location),
        (b"ContactInfo", &options.contact_info),
        (b"Name", &options.name),
    ] {
        if let Some(v) = value {
            extra.set(key, text_string(v));
        }
    }
    let mut extra_bytes = Vec::new();
    crate::pdf::object::write_dict(&extra, &mut extra_bytes);
    body.push_str(&String::from_utf8_lossy(&extra_bytes[2..extra_bytes.len() - 2]));
    body.push_str("/ByteRange ");
    let br_rel = body.len();
    body.push_str(BYTE_RANGE_PLACEHOLDER);
    body.push_str("/Contents <");
    let contents_rel = body.len();
    body.push_str(&"0".repeat(2 * options.reserve));
    body.push_str(">>>");
    let at = up.put_raw(sig, body.as_bytes());
    up.finish(&pdf);

    // Byte ranges: everything but the hex string including its angle brackets.
    let lt = up.base + (at + contents_rel) as u64 - 1;
    let gt_end = lt + 2 * options.reserve as u64 + 2;
    let total = up.base + up.buf.len() as u64;
    let byte_range = [0, lt, gt_end, total - gt_end];
    let text = format!("{} {} {}", byte_range[1], byte_range[2], byte_range[3]);
    let slot = BYTE_RANGE_PLACEHOLDER.len() - 4; // between "[0 " and "]"
    if text.len() > slot {
        return Err(Error::TooLarge { needed: text.len(), reserved: slot });
    }
    let patched = format!("[0 {text:<slot$}]");
    let br_abs = at + br_rel;
    up.buf[br_abs..br_abs + patched.len()].copy_from_slice(patched.as_bytes());

    // Stream input + update into a temporary file beside the output, hashing the ranges.
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let werr = |source: std::io::Error| Error::Write { path: output.to_owned(), source: source.into() };
    let mut temp = tempfile::Builder::new().prefix(".pecat-").suffix(".pdf.part").tempfile_in(dir).map_err(werr)?;
    let registered = PartFile::register(temp.path());
    let mut hasher = Sha256::new();
    let rerr = |source: std::io::Error| Error::Read { path: input.to_owned(), source: source.into() };
    let mut src = File::open(input).map_err(rerr)?;
    let permissions = output_permissions(&src.metadata().map_err(rerr)?);
    {
        let mut buf = vec![0u8; 1 << 20];
        let mut copied = 0u64;
        loop {
            let n = src.read(&mut buf).map_err(rerr)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            temp.write_all(&buf[..n]).map_err(werr)?;
            copied += n as u64;
        }
        if copied != pdf.len() {
            return Err(Error::Malformed {
                what: input.display().to_string(),
                reason: "the file changed while it was being signed".into(),
            });
        }
    }
    let split1 = (lt - up.base) as usize;
    let split2 = (gt_end - up.base) as usize;
    hasher.update(&up.buf[..split1]);
    hasher.update(&up.buf[split2..]);
    temp.write_all(&up.buf).map_err(werr)?;
    Ok(Prepared {
        temp,
        _registered: registered,
        permissions,
        output: output.to_owned(),
        overwrite: options.overwrite,
        contents_offset: lt + 1,
        reserved: options.reserve,
        digest: hasher.finalize().to_vec(),
        byte_range,
    })
}

impl Prepared {
    /// Writes the CMS container into the reserved space, syncs, and moves the file into place.
    pub fn embed(mut self, cms: &[u8]) -> Result<PathBuf> {
        if cms.len() > self.reserved {
            return Err(Error::TooLarge { needed: cms.len(), reserved: self.reserved });
        }
        let werr = |source: std::io::Error| Error::Write { path: self.output.clone(), source: source.into() };
        let f = self.temp.as_file_mut();
        f.seek(SeekFrom::Start(self.contents_offset)).map_err(werr)?;
        f.write_all(hex::encode_upper(cms).as_bytes()).map_err(werr)?;
        f.set_permissions(self.permissions.clone()).map_err(werr)?;
        f.sync_all().map_err(werr)?;
        let output = self.output.clone();
        let result = if self.overwrite { self.temp.persist(&output) } else { self.temp.persist_noclobber(&output) };
        result.map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists { path: output.clone() }
            } else {
                Error::Write { path: output.clone(), source: e.error.into() }
            }
        })?;
        Ok(output)
    }
}
