//! An incremental update (ISO 32000-2 §7.5.6): new and changed objects appended after the
//! original bytes, with a cross-reference section of the same kind as the file's last one (a
//! table, or a stream) chained to it by `/Prev`.

use std::io::Write as _;

use crate::pdf::object::{self, Dict, ObjRef, Object};
use crate::pdf::{PdfFile, name};

/// Objects to append, serialised in order.
#[derive(Debug, Default)]
pub struct Update {
    /// The section's bytes, from its first byte.
    pub buf: Vec<u8>,
    /// Byte offset of the section in the final file.
    pub base: u64,
    offsets: Vec<(ObjRef, u64)>,
    next: u32,
}

impl Update {
    /// Starts an update after `pdf`'s last byte; `ends_with_eol` tells whether a newline is needed.
    pub fn new(pdf: &PdfFile, ends_with_eol: bool) -> Self {
        let mut buf = Vec::new();
        if !ends_with_eol {
            buf.push(b'\n');
        }
        Self { buf, base: pdf.len(), offsets: Vec::new(), next: pdf.size() }
    }

    /// A fresh object number.
    pub fn allocate(&mut self) -> u32 {
        let n = self.next;
        self.next += 1;
        n
    }

    fn begin(&mut self, r: ObjRef) {
        self.offsets.push((r, self.base + self.buf.len() as u64));
        let _ = writeln!(self.buf, "{} {} obj", r.num, r.generation);
    }

    /// Appends object `r` with a non-stream value.
    pub fn put(&mut self, r: ObjRef, value: &Object) {
        self.begin(r);
        object::write(value, &mut self.buf);
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    /// Appends raw object bytes (the caller writes the value) and returns where they start.
    pub fn put_raw(&mut self, r: ObjRef, body: &[u8]) -> usize {
        self.begin(r);
        let at = self.buf.len();
        self.buf.extend_from_slice(body);
        self.buf.extend_from_slice(b"\nendobj\n");
        at
    }

    /// Appends a stream object (`/Length` is set here).
    pub fn put_stream(&mut self, r: ObjRef, mut dict: Dict, data: &[u8]) {
        dict.set(b"Length", Object::Int(data.len() as i64));
        self.begin(r);
        object::write_dict(&dict, &mut self.buf);
        self.buf.extend_from_slice(b"\nstream\n");
        self.buf.extend_from_slice(data);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes the cross-reference section and trailer, matching the file's last section kind.
    pub fn finish(&mut self, pdf: &PdfFile) {
        let last = pdf.sections().first();
        let prev = last.map_or(0, |s| s.offset);
        let as_stream = last.is_some_and(|s| s.is_stream);
        let old = pdf.trailer();
        let mut trailer = Dict::default();
        for key in [&b"Root"[..], b"Info"] {
            if let Some(v) = old.get(key) {
                trailer.set(key, v.clone());
            }
        }
        let id = match old.get(b"ID").and_then(Object::as_array) {
            Some([first, ..]) => first.clone(),
            _ => Object::Str(random_id(&self.buf)),
        };
        trailer.set(b"ID", Object::Array(vec![id, Object::Str(random_id(&self.buf))]));
        trailer.set(b"Prev", Object::Int(prev as i64));
        if as_stream {
            let xref = ObjRef { num: self.allocate(), generation: 0 };
            let at = self.base + self.buf.len() as u64;
            self.offsets.push((xref, at));
            trailer.set(b"Size", Object::Int(i64::from(self.next)));
            self.finish_stream(trailer, xref, at);
        } else {
            trailer.set(b"Size", Object::Int(i64::from(self.next)));
            self.finish_table(trailer);
        }
    }

    fn runs(&self) -> Vec<Vec<(ObjRef, u64)>> {
        let mut sorted = self.offsets.clone();
        sorted.sort_by_key(|(r, _)| r.num);
        sorted.dedup_by_key(|(r, _)| r.num);
        let mut runs: Vec<Vec<(ObjRef, u64)>> = Vec::new();
        for e in sorted {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|(r, _)| r.num + 1 == e.0.num) => run.push(e),
                _ => runs.push(vec![e]),
            }
        }
        runs
    }

    fn finish_table(&mut self, trailer: Dict) {
        let at = self.base + self.buf.len() as u64;
        let mut table = String::from("xref\n");
        for run in self.runs() {
            table.push_str(&format!("{} {}\n", run[0].0.num, run.len()));
            for (r, off) in run {
                table.push_str(&format!("{off:010} {:05} n\r\n", r.generation));
            }
        }
        self.buf.extend_from_slice(table.as_bytes());
        self.buf.extend_from_slice(b"trailer\n");
        object::write_dict(&trailer, &mut self.buf);
        let _ = write!(self.buf, "\nstartxref\n{at}\n%%EOF\n");
    }

    fn finish_stream(&mut self, mut dict: Dict, xref: ObjRef, at: u64) {
        let max = self.offsets.iter().map(|(_, o)| *o).max().unwrap_or(0);
        let width = (1..=8).find(|w| max < 1u64 << (8 * w)).unwrap_or(8);
        let mut index = Vec::new();
        let mut data = Vec::new();
        for run in self.runs() {
            index.push(Object::Int(i64::from(run[0].0.num)));
            index.push(Object::Int(run.len() as i64));
            for (r, off) in run {
                data.push(1u8);
                data.extend_from_slice(&off.to_be_bytes()[8 - width..]);
                data.extend_from_slice(&r.generation.to_be_bytes());
            }
        }
        dict.set(b"Type", name("XRef"));
        dict.set(b"Index", Object::Array(index));
        dict.set(b"W", Object::Array(vec![Object::Int(1), Object::Int(width as i64), Object::Int(2)]));
        dict.set(b"Length", Object::Int(data.len() as i64));
        let _ = writeln!(self.buf, "{} {} obj", xref.num, xref.generation);
        object::write_dict(&dict, &mut self.buf);
        self.buf.extend_from_slice(b"\nstream\n");
        self.buf.extend_from_slice(&data);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
        let _ = write!(self.buf, "startxref\n{at}\n%%EOF\n");
    }
}

/// A file identifier for the new revision (§14.4): a digest of the update and the time.
fn random_id(seed: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(seed);
    h.update(now.to_le_bytes());
    h.finalize()[..16].to_vec()
}
