//! What a signature's byte range covers (ISO 32000-2 §12.8.1): exactly its revision minus the
//! `/Contents` hex string, the revisions written after it, and bytes that belong to no revision.

use std::cell::RefCell;
use std::collections::HashMap;

use super::Problem;
use super::changes::{Change, classify_revision};
use super::revision::State;
use crate::error::Result;
use crate::pdf::PdfFile;
use crate::pdf::object::{Dict, Object};
use crate::pdf::parse::Parser;

/// A span of bytes, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ByteSpan {
    pub start: u64,
    pub end: u64,
}

/// What one signature covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Coverage {
    /// Every byte of the file but the signature value.
    WholeFile,
    /// Its revision: the first `signed_bytes` of `file_bytes`.
    Revision { signed_bytes: u64, file_bytes: u64 },
    /// The byte range is unreadable.
    Unknown,
}

/// `/ByteRange` as four non-negative integers whose sums do not overflow.
pub(crate) fn byte_range(v: &Dict) -> std::result::Result<[u64; 4], Problem> {
    let Some(Object::Array(items)) = v.get(b"ByteRange") else { return Err(Problem::ByteRangeMalformed) };
    let values: Vec<u64> = items.iter().filter_map(|o| o.as_int().and_then(|i| u64::try_from(i).ok())).collect();
    match values[..] {
        [a, b, c, d] if items.len() == 4 && a.checked_add(b).is_some() && c.checked_add(d).is_some() => {
            Ok([a, b, c, d])
        }
        _ => Err(Problem::ByteRangeMalformed),
    }
}

/// The range starts at 0, stays inside the file, and its gap is exactly the `/Contents` string.
pub(crate) fn gap_is_contents(
    pdf: &PdfFile,
    [a, b, c, d]: [u64; 4],
    contents_len: usize,
) -> Result<std::result::Result<(), Problem>> {
    if a != 0 || b >= c || c.saturating_add(d) > pdf.len() || c == 0 {
        return Ok(Err(Problem::ByteRangeGap));
    }
    let lt = pdf.read_at(b, 1)?;
    let gt = pdf.read_at(c - 1, 1)?;
    let width_ok = (c - b).checked_sub(2) == (contents_len as u64).checked_mul(2);
    Ok(if lt == b"<" && gt == b">" && width_ok { Ok(()) } else { Err(Problem::ByteRangeGap) })
}

fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// Whether `start..end` holds only white space (read in chunks, never whole).
fn only_white(pdf: &PdfFile, start: u64, end: u64) -> Result<bool> {
    let mut at = start;
    while at < end {
        let n = (end - at).min(64 << 10) as usize;
        let chunk = pdf.read_at(at, n)?;
        if chunk.is_empty() {
            break;
        }
        if !chunk.iter().all(|b| is_white(*b)) {
            return Ok(false);
        }
        at += chunk.len() as u64;
    }
    Ok(true)
}

/// Finds `needle` at or after `from`, reading forward in chunks.
fn find_forward(pdf: &PdfFile, from: u64, needle: &[u8]) -> Result<Option<u64>> {
    const CHUNK: usize = 256 << 10;
    let mut at = from;
    while at < pdf.len() {
        let chunk = pdf.read_at(at, CHUNK)?;
        if let Some(i) = memchr::memmem::find(&chunk, needle) {
            return Ok(Some(at + i as u64));
        }
        if chunk.len() < CHUNK {
            return Ok(None);
        }
        at += (CHUNK - needle.len()) as u64;
    }
    Ok(None)
}

/// Where the revision whose cross-reference section starts at `offset` ends: after the first
/// `startxref … %%EOF` that follows it and the end-of-line after it.
fn revision_end(pdf: &PdfFile, offset: u64) -> Result<Option<u64>> {
    let Some(sx) = find_forward(pdf, offset, b"startxref")? else { return Ok(None) };
    let Some(eof) = find_forward(pdf, sx, b"%%EOF")? else { return Ok(None) };
    let mut end = eof + 5;
    let after = pdf.read_at(end, 2)?;
    if after.starts_with(b"\r\n") {
        end += 2;
    } else if after.first().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        end += 1;
    }
    Ok(Some(end))
}

/// The `startxref` value closest before byte `end`.
fn startxref_before(pdf: &PdfFile, end: u64) -> Result<Option<u64>> {
    let from = end.saturating_sub(1024);
    let window = pdf.read_at(from, (end - from) as usize)?;
    let Some(at) = memchr::memmem::rfind(&window, b"startxref") else { return Ok(None) };
    let tail = &window[at + 9..];
    let mut p = Parser::new(tail, 0, 0);
    Ok(p.uint().ok())
}

/// Bytes after the end of every revision that are not white space.
pub(crate) fn trailing_data(pdf: &PdfFile) -> Result<Option<ByteSpan>> {
    let mut end = 0;
    for s in pdf.sections() {
        if let Some(e) = revision_end(pdf, s.offset)? {
            end = end.max(e);
        }
    }
    if end == 0 || end >= pdf.len() || only_white(pdf, end, pdf.len())? {
        return Ok(None);
    }
    Ok(Some(ByteSpan { start: end, end: pdf.len() }))
}

/// The changes of each revision, by section index: the same whichever signature asks, so a file
/// with many signatures classifies each revision once.
pub(crate) type RevisionChanges = RefCell<HashMap<usize, Vec<Change>>>;

/// The revisions written after the one that ends at `signed_end`, and their changes.
pub(crate) fn later_changes(pdf: &PdfFile, signed_end: u64, known: &RevisionChanges) -> Result<(usize, Vec<Change>)> {
    let sections = pdf.sections();
    let trailers = pdf.section_trailers();
    let Some(start) = startxref_before(pdf, signed_end)? else {
        return Ok((0, vec![Change::NotInHistory]));
    };
    let Some(i) = sections.iter().position(|s| s.offset == start) else {
        return Ok((0, vec![Change::NotInHistory]));
    };
    // The signed revision must end where the byte range does (white space aside).
    match revision_end(pdf, start)? {
        Some(end) if end == signed_end || (end > signed_end && only_white(pdf, signed_end, end)?) => {}
        Some(end) if end < signed_end && only_white(pdf, end, signed_end)? => {}
        _ => return Ok((0, vec![Change::NotInHistory])),
    }
    let mut changes = Vec::new();
    for k in (0..i).rev() {
        if let Some(found) = known.borrow().get(&k) {
            changes.extend(found.iter().cloned());
            continue;
        }
        let (Some(before_trailer), Some(after_trailer)) = (trailers.get(k + 1), trailers.get(k)) else { break };
        let before = State::new(pdf, &sections[k + 1..], before_trailer);
        let after = State::new(pdf, &sections[k..], after_trailer);
        let found = classify_revision(pdf, &before, &after, &sections[k].objects)?;
        changes.extend(found.iter().cloned());
        known.borrow_mut().insert(k, found);
    }
    Ok((i, changes))
}
