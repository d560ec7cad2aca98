//! A PDF file read in place (ISO 32000-2 §7.5): the cross-reference sections (tables, streams,
//! hybrids, incremental updates, linearized files), the trailer, and the objects the caller asks
//! for — never the whole document, so memory does not grow with the file.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use super::filter;
use super::object::{Dict, ObjRef, Object, StreamData};
use super::parse::{ParseError, Parser};
use crate::error::{Error, Result};

/// Where an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Free,
    At { offset: u64, generation: u16 },
    InStream { stream: u32, index: u32 },
}

/// One cross-reference section, newest first in [`PdfFile::sections`].
#[derive(Debug, Clone)]
pub struct XrefSection {
    /// Where it starts (`startxref` / `/Prev` value).
    pub offset: u64,
    /// A cross-reference stream (else a classic table).
    pub is_stream: bool,
    /// Objects it lists, with where this section says they are; freed ones as [`Entry::Free`]
    /// (object 0, the head of the free list, left out). The first entry of a number wins.
    pub objects: Vec<(u32, Entry)>,
}

/// An opened PDF.
#[derive(Debug)]
pub struct PdfFile {
    file: RefCell<File>,
    what: String,
    len: u64,
    entries: HashMap<u32, Entry>,
    trailer: Dict,
    sections: Vec<XrefSection>,
    section_trailers: Vec<Dict>,
    version: String,
    cache: RefCell<HashMap<u32, Object>>,
    /// Elements held in `cache`, against [`CACHE_ITEMS`].
    cached_items: Cell<usize>,
    objstm: RefCell<HashMap<u32, Rc<ObjectStream>>>,
    /// Decoded bytes held in `objstm`, against [`OBJSTM_CACHE_BYTES`].
    objstm_bytes: Cell<usize>,
    /// Cross-reference rows read so far, against [`MAX_XREF_ROWS`].
    xref_rows: usize,
    /// Bytes decompressed so far, against [`MAX_DECODED_TOTAL`].
    decoded_total: Cell<usize>,
    /// Objects being loaded right now, innermost last: a reference back into this chain is a
    /// loop (a stream whose `/Length` is inside itself, object streams holding each other).
    resolving: RefCell<Vec<u32>>,
}

#[derive(Debug)]
struct ObjectStream {
    data: Vec<u8>,
    first: usize,
    offsets: Vec<(u32, usize)>,
}

const MAX_WINDOW: usize = 64 << 20;

/// How many cross-reference sections (`/Prev` links) are followed. Files with hundreds of
/// incremental updates exist; thousands do not.
pub const MAX_SECTIONS: usize = 4096;

/// How many loads may be nested (an object stream whose `/Length` is in another object stream
/// whose `/Length` …). Real files need three or four.
pub const MAX_NESTED_LOADS: usize = 32;

/// Decompressed bytes one opened file may produce in total (each stream is also capped at
/// [`filter::MAX_DECODED`]), so a file full of small "zip bombs" cannot keep Pecat busy.
pub const MAX_DECODED_TOTAL: usize = 1 << 30;

/// The most a cross-reference or object stream may decode to: a million objects take 7 MB of
/// cross-reference stream; object streams hold a few hundred small dictionaries.
pub const MAX_STRUCTURE_STREAM: usize = 64 << 20;

/// The highest object number Pecat accepts: the limit ISO 32000-1 Annex C (table C.1) gives
/// for conforming files.
pub const MAX_OBJECT_NUMBER: u64 = 8_388_607;

/// Cross-reference rows read from all sections together: each costs memory, and a 64 KB
/// compressed stream could otherwise list a hundred million.
pub const MAX_XREF_ROWS: usize = 16 << 20;

/// Decoded object streams kept for reuse; past this the cache is emptied and refilled.
const OBJSTM_CACHE_BYTES: usize = 256 << 20;

/// Elements of loaded objects kept in the object cache; past this, objects are not cached.
const CACHE_ITEMS: usize = 4_000_000;

/// Takes `num` off the chain of objects being loaded when the load ends, however it ends.
struct Loading<'a>(&'a RefCell<Vec<u32>>);

impl Drop for Loading<'_> {
    fn drop(&mut self) {
        self.0.borrow_mut().pop();
    }
}

impl PdfFile {
    /// Opens `path` and reads its cross-reference sections and trailer.
    pub fn open(path: &Path) -> Result<Self> {
        let what = path.display().to_string();
        let file = File::open(path)
            .map_err(|source: std::io::Error| Error::Read { path: path.to_owned(), source: source.into() })?;
        let len = file
            .metadata()
            .map_err(|source: std::io::Error| Error::Read { path: path.to_owned(), source: source.into() })?
            .len();
        let mut pdf = Self {
            file: RefCell::new(file),
            what,
            len,
            entries: HashMap::new(),
            trailer: Dict::default(),
            sections: Vec::new(),
            section_trailers: Vec::new(),
            version: String::new(),
            cache: RefCell::new(HashMap::new()),
            cached_items: Cell::new(0),
            objstm: RefCell::new(HashMap::new()),
            objstm_bytes: Cell::new(0),
            xref_rows: 0,
            decoded_total: Cell::new(0),
            resolving: RefCell::new(Vec::new()),
        };
        pdf.read_header()?;
        let start = pdf.startxref()?;
        pdf.load_sections(start)?;
        if pdf.trailer.get(b"Root").and_then(Object::as_ref).is_none() {
            return Err(pdf.malformed("the trailer has no /Root"));
        }
        Ok(pdf)
    }

    fn malformed(&self, reason: impl Into<String>) -> Error {
        Error::Malformed { what: self.what.clone(), reason: reason.into() }
    }

    /// The file length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty (never, for an opened PDF).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The header version (`1.7`, `2.0`, …).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The newest trailer (merged `/Size`).
    pub fn trailer(&self) -> &Dict {
        &self.trailer
    }

    /// Cross-reference sections, newest first.
    pub fn sections(&self) -> &[XrefSection] {
        &self.sections
    }

    /// The trailer of each section (the stream dictionary for a cross-reference stream), in the
    /// order of [`Self::sections`].
    pub fn section_trailers(&self) -> &[Dict] {
        &self.section_trailers
    }

    /// The highest object number in use plus one.
    pub fn size(&self) -> u32 {
        let from_entries = self.entries.keys().max().map_or(1, |m| m + 1);
        let from_trailer = self.trailer.int(b"Size").and_then(|s| u32::try_from(s).ok()).unwrap_or(0);
        from_entries.max(from_trailer)
    }

    /// Reads `len` bytes at `offset` (fewer at the end of the file).
    pub fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>> {
        let mut f = self.file.borrow_mut();
        let io = |source: std::io::Error| Error::Read { path: self.what.clone().into(), source: source.into() };
        f.seek(SeekFrom::Start(offset)).map_err(io)?;
        let avail = usize::try_from(self.len.saturating_sub(offset)).unwrap_or(usize::MAX);
        let mut buf = vec![0u8; len.min(avail)];
        f.read_exact(&mut buf).map_err(io)?;
        Ok(buf)
    }

    fn read_header(&mut self) -> Result<()> {
        let head = self.read_at(0, 1024)?;
        let Some(at) = memchr::memmem::find(&head, b"%PDF-") else {
            return Err(Error::NotPdf { what: self.what.clone() });
        };
        let v: String =
            head[at + 5..].iter().take_while(|b| b.is_ascii_digit() || **b == b'.').map(|b| *b as char).collect();
        self.version = v;
        Ok(())
    }

    fn startxref(&self) -> Result<u64> {
        let tail_len = 4096.min(self.len) as usize;
        let tail = self.read_at(self.len - tail_len as u64, tail_len)?;
        let at = memchr::memmem::rfind(&tail, b"startxref")
            .ok_or_else(|| self.malformed("no startxref at the end of the file (truncated download?)"))?;
        let mut p = Parser::new(&tail, at + 9, 0);
        let off = p.uint().map_err(|_| self.malformed("startxref is not followed by an offset"))?;
        if off >= self.len {
            return Err(self.malformed(format!("startxref points past the end of the file ({off})")));
        }
        Ok(off)
    }

    /// Parses with a growing window until the object fits.
    fn parse_at<T>(
        &self,
        offset: u64,
        mut f: impl FnMut(&mut Parser<'_>) -> std::result::Result<T, ParseError>,
    ) -> Result<T> {
        let mut window = 16 << 10;
        loop {
            let data = self.read_at(offset, window)?;
            let mut p = Parser::new(&data, 0, offset);
            match f(&mut p) {
                Ok(v) => return Ok(v),
                Err(ParseError::Incomplete) if data.len() == window && window < MAX_WINDOW => window *= 4,
                Err(ParseError::Incomplete) => {
                    return Err(self.malformed(format!("object at byte {offset} is cut off")));
                }
                Err(ParseError::Malformed(m)) => return Err(self.malformed(format!("at byte {offset}: {m}"))),
            }
        }
    }

    fn load_sections(&mut self, start: u64) -> Result<()> {
        let mut next = Some(start);
        let mut seen = HashSet::new();
        let mut first = true;
        while let Some(offset) = next {
            if !seen.insert(offset) {
                return Err(self.malformed("the cross-reference chain loops"));
            }
            if seen.len() > MAX_SECTIONS {
                return Err(self.malformed(format!("more than {MAX_SECTIONS} cross-reference sections")));
            }
            let (trailer, section) = self.load_section(offset)?;
            if first {
                self.trailer = trailer.clone();
                first = false;
            } else if let (Some(size), Some(old)) = (trailer.int(b"Size"), self.trailer.int(b"Size"))
                && size > old
            {
                self.trailer.set(b"Size", Object::Int(size));
            }
            if trailer.get(b"Encrypt").is_some() {
                self.trailer.set(b"Encrypt", Object::Bool(true));
            }
            self.sections.push(section);
            self.section_trailers.push(trailer.clone());
            next = trailer.int(b"Prev").and_then(|p| u64::try_from(p).ok());
        }
        Ok(())
    }

    fn insert(&mut self, num: u32, e: Entry) {
        self.entries.entry(num).or_insert(e);
    }

    /// Counts `n` more cross-reference rows against [`MAX_XREF_ROWS`].
    fn count_rows(&mut self, n: usize) -> Result<()> {
        self.xref_rows = self.xref_rows.saturating_add(n);
        if self.xref_rows > MAX_XREF_ROWS {
            return Err(self.malformed(format!("more than {MAX_XREF_ROWS} cross-reference entries")));
        }
        Ok(())
    }

    /// An object number from a cross-reference section, refused above [`MAX_OBJECT_NUMBER`].
    fn object_number(&self, num: impl TryInto<u64>) -> Result<u32> {
        match num.try_into().ok().filter(|n| *n <= MAX_OBJECT_NUMBER) {
            Some(n) => Ok(n as u32),
            None => Err(self.malformed(format!("an object number above {MAX_OBJECT_NUMBER}"))),
        }
    }

    fn load_section(&mut self, offset: u64) -> Result<(Dict, XrefSection)> {
        let probe = self.read_at(offset, 8)?;
        let mut objects = Vec::new();
        if probe.starts_with(b"xref") {
            let (trailer, rows) = self.parse_at(offset, |p| {
                p.keyword(b"xref")?;
                let mut rows = Vec::new();
                loop {
                    let t = p.token()?.to_vec();
                    if t == b"trailer" {
                        let trailer = p.object()?;
                        return Ok((trailer, rows));
                    }
                    let start: u64 = std::str::from_utf8(&t)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| ParseError::Malformed("bad xref subsection".into()))?;
                    let count = p.uint()?;
                    if start.saturating_add(count) > MAX_OBJECT_NUMBER + 1 {
                        return Err(ParseError::Malformed(format!(
                            "a subsection of object numbers above {MAX_OBJECT_NUMBER}"
                        )));
                    }
                    for i in 0..count {
                        let off = p.uint()?;
                        let generation = p.uint()?;
                        let kind = p.token()?.to_vec();
                        let num = start
                            .checked_add(i)
                            .ok_or_else(|| ParseError::Malformed("object number too large".into()))?;
                        rows.push((num, off, generation, kind == b"n"));
                    }
                }
            })?;
            let trailer =
                trailer.as_dict().cloned().ok_or_else(|| self.malformed("the trailer is not a dictionary"))?;
            self.count_rows(rows.len())?;
            // Hybrid file (§7.5.8.4): in-use table entries first, then the stream's, then frees.
            for &(num, off, generation, used) in &rows {
                if used {
                    let num = self.object_number(num)?;
                    let e = Entry::At { offset: off, generation: generation as u16 };
                    self.insert(num, e);
                    objects.push((num, e));
                }
            }
            if let Some(stm) = trailer.int(b"XRefStm").and_then(|o| u64::try_from(o).ok()) {
                let (_, hidden) = self.load_xref_stream(stm)?;
                objects.extend(hidden);
            }
            for &(num, _, _, used) in &rows {
                if !used && let Ok(num) = u32::try_from(num) {
                    self.insert(num, Entry::Free);
                    if num != 0 {
                        objects.push((num, Entry::Free));
                    }
                }
            }
            Ok((trailer, XrefSection { offset, is_stream: false, objects }))
        } else {
            let (dict, objects) = self.load_xref_stream(offset)?;
            Ok((dict, XrefSection { offset, is_stream: true, objects }))
        }
    }

    fn load_xref_stream(&mut self, offset: u64) -> Result<(Dict, Vec<(u32, Entry)>)> {
        let (_, obj) = self.parse_at(offset, |p| p.indirect())?;
        let Object::Stream(dict, data) = obj else {
            return Err(self.malformed(format!("no cross-reference table or stream at byte {offset}")));
        };
        if dict.name(b"Type") != Some(b"XRef") {
            return Err(self.malformed(format!("the object at byte {offset} is not a cross-reference stream")));
        }
        let raw = self.stream_bytes(&dict, data)?;
        let bytes = self
            .decode(&dict, raw, MAX_STRUCTURE_STREAM)
            .map_err(|e| self.malformed(format!("cross-reference stream: {e}")))?;
        let w: Vec<usize> = dict
            .get(b"W")
            .and_then(Object::as_array)
            .map(|a| a.iter().filter_map(|o| o.as_int().and_then(|i| usize::try_from(i).ok())).collect())
            .unwrap_or_default();
        if w.len() != 3 || w.iter().any(|x| *x > 8) {
            return Err(self.malformed("cross-reference stream with a bad /W"));
        }
        let size = dict.int(b"Size").unwrap_or(0);
        let index: Vec<i64> = dict
            .get(b"Index")
            .and_then(Object::as_array)
            .map(|a| a.iter().filter_map(Object::as_int).collect())
            .unwrap_or_else(|| vec![0, size]);
        let row = w.iter().sum::<usize>();
        if row == 0 {
            return Err(self.malformed("cross-reference stream with a /W of zero width"));
        }
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b));
        let mut pos = 0;
        let mut objects = Vec::new();
        for pair in index.chunks(2) {
            let [start, count] = pair else { break };
            for i in 0..*count {
                let Some(r) = bytes.get(pos..pos + row) else {
                    return Err(self.malformed("cross-reference stream shorter than its /Index says"));
                };
                pos += row;
                self.count_rows(1)?;
                let kind = if w[0] == 0 { 1 } else { field(&r[..w[0]]) };
                let a = field(&r[w[0]..w[0] + w[1]]);
                let b = field(&r[w[0] + w[1]..]);
                let num = self.object_number(start.saturating_add(i))?;
                match kind {
                    0 => {
                        self.insert(num, Entry::Free);
                        if num != 0 {
                            objects.push((num, Entry::Free));
                        }
                    }
                    1 => {
                        let e = Entry::At { offset: a, generation: b as u16 };
                        self.insert(num, e);
                        objects.push((num, e));
                    }
                    2 => {
                        let e = Entry::InStream { stream: a as u32, index: b as u32 };
                        self.insert(num, e);
                        objects.push((num, e));
                    }
                    _ => {}
                }
            }
        }
        Ok((dict, objects))
    }

    /// The raw (still encoded) bytes of a stream.
    pub fn stream_bytes(&self, dict: &Dict, data: StreamData) -> Result<Vec<u8>> {
        let len = match dict.get(b"Length") {
            Some(Object::Int(l)) => *l,
            Some(Object::Ref(r)) => match self.get(*r)? {
                Object::Int(l) => l,
                Object::Stream(_, own) if own == data => {
                    return Err(self.malformed(format!("a stream's /Length refers to itself (object {})", r.num)));
                }
                _ => return Err(self.malformed(format!("stream /Length (object {}) is not a number", r.num))),
            },
            _ => return Err(self.malformed("stream without /Length")),
        };
        let len = usize::try_from(len).map_err(|_| self.malformed("negative stream /Length"))?;
        if data.offset.checked_add(len as u64).is_none_or(|end| end > self.len) {
            return Err(self.malformed("a stream runs past the end of the file (truncated?)"));
        }
        self.read_at(data.offset, len)
    }

    /// The decoded bytes of a stream.
    pub fn stream_decoded(&self, dict: &Dict, data: StreamData) -> Result<Vec<u8>> {
        let raw = self.stream_bytes(dict, data)?;
        self.decode(dict, raw, filter::MAX_DECODED).map_err(|e| self.malformed(e))
    }

    /// Decodes at most `max` bytes, within what is left of [`MAX_DECODED_TOTAL`], and counts
    /// what was decoded.
    fn decode(&self, dict: &Dict, raw: Vec<u8>, max: usize) -> std::result::Result<Vec<u8>, String> {
        let left = MAX_DECODED_TOTAL.saturating_sub(self.decoded_total.get());
        match filter::decode_limited(dict, raw, max.min(left)) {
            Ok(data) => {
                self.decoded_total.set(self.decoded_total.get().saturating_add(data.len()));
                Ok(data)
            }
            Err(filter::DecodeError::TooLarge { .. }) if left < max => Err(format!(
                "the file's streams decompress to more than {} in total",
                filter::size_text(MAX_DECODED_TOTAL)
            )),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Loads object `r` (its newest version).
    pub fn get(&self, r: ObjRef) -> Result<Object> {
        if let Some(o) = self.cache.borrow().get(&r.num) {
            return Ok(o.clone());
        }
        let obj = match self.entries.get(&r.num) {
            None | Some(Entry::Free) => Object::Null,
            Some(e) => {
                let _loading = self.start_loading(r.num)?;
                self.get_version(r.num, *e)?
            }
        };
        let items = obj.element_count();
        if self.cached_items.get().saturating_add(items) <= CACHE_ITEMS {
            self.cached_items.set(self.cached_items.get() + items);
            self.cache.borrow_mut().insert(r.num, obj.clone());
        }
        Ok(obj)
    }

    /// Notes that object `num` is being loaded, refusing a load of an object already being
    /// loaded (a loop) and chains of loads deeper than [`MAX_NESTED_LOADS`].
    fn start_loading(&self, num: u32) -> Result<Loading<'_>> {
        let mut chain = self.resolving.borrow_mut();
        if let Some(at) = chain.iter().position(|n| *n == num) {
            let path: Vec<String> = chain[at..].iter().chain([&num]).map(u32::to_string).collect();
            return Err(self
                .malformed(format!("object {num} is needed to read itself (a reference loop: {})", path.join(" → "))));
        }
        if chain.len() >= MAX_NESTED_LOADS {
            return Err(self.malformed(format!("references nested more than {MAX_NESTED_LOADS} deep")));
        }
        chain.push(num);
        Ok(Loading(&self.resolving))
    }

    /// Loads the version of object `num` that `entry` (from some section) points at.
    pub fn get_version(&self, num: u32, entry: Entry) -> Result<Object> {
        match entry {
            Entry::Free => Ok(Object::Null),
            Entry::At { offset, .. } => {
                let (found, obj) = self.parse_at(offset, |p| p.indirect())?;
                if found.num != num {
                    return Err(self.malformed(format!(
                        "the cross-reference entry of object {num} points at object {}",
                        found.num
                    )));
                }
                Ok(obj)
            }
            Entry::InStream { stream, index } => self.compressed_object(stream, index, num),
        }
    }

    /// Follows a reference; returns direct objects as they are.
    pub fn resolve(&self, o: &Object) -> Result<Object> {
        match o {
            Object::Ref(r) => self.get(*r),
            other => Ok(other.clone()),
        }
    }

    /// Resolves `o` to a dictionary.
    pub fn dict(&self, o: &Object) -> Result<Dict> {
        self.resolve(o)?.as_dict().cloned().ok_or_else(|| self.malformed("a dictionary was expected"))
    }

    fn compressed_object(&self, stream: u32, index: u32, num: u32) -> Result<Object> {
        let os = self.object_stream(stream)?;
        let (n, off) =
            *os.offsets.get(index as usize).ok_or_else(|| self.malformed("object stream index out of range"))?;
        if n != num {
            return Err(self.malformed(format!("object stream {stream} holds object {n} where {num} was expected")));
        }
        let start = os.first.checked_add(off).ok_or_else(|| self.malformed("object stream offset out of range"))?;
        let mut p = Parser::new(os.data.get(start..).unwrap_or_default(), 0, 0);
        p.object().map_err(|e| self.malformed(format!("in object stream {stream}: {e:?}")))
    }

    fn object_stream(&self, num: u32) -> Result<Rc<ObjectStream>> {
        if let Some(os) = self.objstm.borrow().get(&num) {
            return Ok(Rc::clone(os));
        }
        if let Some(Entry::InStream { stream, .. }) = self.entries.get(&num) {
            // ISO 32000-2 §7.5.7: streams are never stored in object streams.
            return Err(self.malformed(format!("object stream {num} is stored inside object stream {stream}")));
        }
        let Object::Stream(dict, data) = self.get(ObjRef { num, generation: 0 })? else {
            return Err(self.malformed(format!("object {num} is not an object stream")));
        };
        let data = {
            let _loading = self.start_loading(num)?;
            let raw = self.stream_bytes(&dict, data)?;
            self.decode(&dict, raw, MAX_STRUCTURE_STREAM)
                .map_err(|e| self.malformed(format!("object stream {num}: {e}")))?
        };
        let n = dict.int(b"N").unwrap_or(0);
        let first = dict.int(b"First").and_then(|f| usize::try_from(f).ok()).unwrap_or(0);
        let mut p = Parser::new(data.get(..first).unwrap_or_default(), 0, 0);
        let mut offsets = Vec::new();
        for _ in 0..n {
            let (Ok(a), Ok(b)) = (p.uint(), p.uint()) else { break };
            offsets.push((a as u32, b as usize));
        }
        let bytes = data.len();
        let os = Rc::new(ObjectStream { data, first, offsets });
        let mut cache = self.objstm.borrow_mut();
        if self.objstm_bytes.get().saturating_add(bytes) > OBJSTM_CACHE_BYTES {
            cache.clear();
            self.objstm_bytes.set(0);
        }
        self.objstm_bytes.set(self.objstm_bytes.get() + bytes);
        cache.insert(num, Rc::clone(&os));
        Ok(os)
    }

    /// The catalog.
    pub fn catalog(&self) -> Result<(ObjRef, Dict)> {
        let r = self.trailer.get(b"Root").and_then(Object::as_ref).ok_or_else(|| self.malformed("no /Root"))?;
        Ok((r, self.dict(&Object::Ref(r))?))
    }

    /// True when the file is encrypted (Pecat refuses those).
    pub fn is_encrypted(&self) -> bool {
        self.trailer.get(b"Encrypt").is_some()
    }

    /// The reference of page `n` (1-based), walking the page tree (§7.7.3).
    pub fn page(&self, n: usize) -> Result<ObjRef> {
        if n == 0 {
            return Err(Error::NoSuchPage { page: 0, pages: self.page_count().unwrap_or(0) });
        }
        let (_, catalog) = self.catalog()?;
        let root = catalog
            .get(b"Pages")
            .and_then(Object::as_ref)
            .ok_or_else(|| self.malformed("the catalog has no /Pages"))?;
        let mut remaining = n;
        let mut stack = vec![root];
        // A page tree is a tree (§7.7.3.2): a node met twice means a loop, which would otherwise
        // be walked a million times.
        let mut visited = HashSet::new();
        while let Some(node) = stack.pop() {
            if !visited.insert(node.num) {
                return Err(self.malformed(format!("the page tree loops (object {} is met twice)", node.num)));
            }
            if visited.len() > 1_000_000 {
                return Err(self.malformed("the page tree is too large"));
            }
            let d = self.dict(&Object::Ref(node))?;
            let is_leaf = d.name(b"Type") == Some(b"Page") || d.get(b"Kids").is_none();
            if is_leaf {
                remaining -= 1;
                if remaining == 0 {
                    return Ok(node);
                }
                continue;
            }
            let count = usize::try_from(d.int(b"Count").unwrap_or(i64::MAX)).unwrap_or(usize::MAX);
            if count < remaining && node != root {
                remaining -= count;
                continue;
            }
            if let Some(kids) = d.get(b"Kids").and_then(Object::as_array) {
                for k in kids.iter().rev() {
                    if let Some(r) = k.as_ref() {
                        stack.push(r);
                    }
                }
            }
        }
        Err(Error::NoSuchPage { page: n, pages: n - remaining })
    }

    /// Number of pages (`/Count` of the root of the page tree).
    pub fn page_count(&self) -> Result<usize> {
        let (_, catalog) = self.catalog()?;
        let pages = self.dict(catalog.get(b"Pages").ok_or_else(|| self.malformed("the catalog has no /Pages"))?)?;
        Ok(usize::try_from(pages.int(b"Count").unwrap_or(0)).unwrap_or(0))
    }

    /// Object numbers and where each is, for callers that classify revisions.
    pub fn entries(&self) -> BTreeMap<u32, Entry> {
        self.entries.iter().map(|(k, v)| (*k, *v)).collect()
    }
}
