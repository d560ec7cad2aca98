//! Small PDFs for tests, written by hand so their structure is known: classic cross-reference
//! tables or hybrid files (a table plus `/XRefStm` with objects in an object stream). Other
//! shapes (xref streams, object streams, linearized) are made from these with qpdf.

use std::fmt::Write as _;
use std::io::Write as _;

/// The shape of the cross-reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefShape {
    /// A classic `xref` table.
    Classic,
    /// A table for some objects and a cross-reference stream (`/XRefStm`) for objects kept in an
    /// object stream — what some office suites write for PDF 1.5 readers and older ones alike.
    Hybrid,
}

/// A PDF of `pages` pages of Helvetica text, header `%PDF-{version}`.
pub fn simple_pdf(pages: usize, version: &str, shape: XrefShape) -> Vec<u8> {
    // Objects: 1 catalog, 2 pages, 3 font, then per page: page, content.
    let mut objects: Vec<(u32, String)> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push((1, "<< /Type /Catalog /Pages 2 0 R >>".into()));
    objects.push((2, format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" "))));
    objects.push((3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into()));
    for i in 0..pages {
        let page = 4 + 2 * i as u32;
        objects.push((
            page,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                page + 1
            ),
        ));
        let text = format!("BT /F1 24 Tf 72 750 Td (Pecat test page {}) Tj ET", i + 1);
        objects.push((page + 1, format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len())));
    }
    let size = 4 + 2 * pages as u32;
    match shape {
        XrefShape::Classic => classic(version, &objects, size),
        XrefShape::Hybrid => hybrid(version, objects, size),
    }
}

fn header(version: &str) -> Vec<u8> {
    let mut out = format!("%PDF-{version}\n").into_bytes();
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    out
}

fn classic(version: &str, objects: &[(u32, String)], size: u32) -> Vec<u8> {
    let mut out = header(version);
    let mut offsets = vec![0usize; size as usize];
    for (num, body) in objects {
        offsets[*num as usize] = out.len();
        write!(out, "{num} 0 obj\n{body}\nendobj\n").unwrap();
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
    for off in &offsets[1..] {
        let _ = writeln!(table, "{off:010} 00000 n ");
    }
    out.extend_from_slice(table.as_bytes());
    write!(out, "trailer\n<< /Size {size} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n").unwrap();
    out
}

fn hybrid(version: &str, objects: Vec<(u32, String)>, size: u32) -> Vec<u8> {
    // The font (3) goes into object stream `size`; the xref stream is object `size + 1`.
    let objstm = size;
    let xrefstm = size + 1;
    let total = size + 2;
    let mut out = header(version);
    let mut offsets = vec![0usize; total as usize];
    let font = objects.iter().find(|(n, _)| *n == 3).map(|(_, b)| b.clone()).unwrap_or_default();
    for (num, body) in objects.iter().filter(|(n, _)| *n != 3) {
        offsets[*num as usize] = out.len();
        write!(out, "{num} 0 obj\n{body}\nendobj\n").unwrap();
    }
    let head = "3 0 ";
    let stm = format!("{head}{font}");
    offsets[objstm as usize] = out.len();
    write!(
        out,
        "{objstm} 0 obj\n<< /Type /ObjStm /N 1 /First {} /Length {} >>\nstream\n{stm}\nendstream\nendobj\n",
        head.len(),
        stm.len()
    )
    .unwrap();
    // Cross-reference stream for object 3 (type 2: in object stream `objstm`, index 0).
    offsets[xrefstm as usize] = out.len();
    let rows = [2u8, 0, 0, 0, objstm as u8, 0, 0];
    let mut data = Vec::new();
    data.extend_from_slice(&rows);
    write!(
        out,
        "{xrefstm} 0 obj\n<< /Type /XRef /Size {total} /W [1 4 2] /Index [3 1] /Length {} >>\nstream\n",
        data.len()
    )
    .unwrap();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    // The table lists object 3 as free: readers of PDF 1.4 cannot see it; 1.5 readers find it
    // through /XRefStm (ISO 32000-2 §7.5.8.4).
    let mut table = format!("xref\n0 {total}\n0000000000 65535 f \n");
    for (num, off) in offsets.iter().enumerate().skip(1) {
        if num == 3 {
            table.push_str("0000000000 00001 f \n");
        } else {
            let _ = writeln!(table, "{off:010} 00000 n ");
        }
    }
    out.extend_from_slice(table.as_bytes());
    let mut trailer = String::new();
    let _ = write!(
        trailer,
        "trailer\n<< /Size {total} /Root 1 0 R /XRefStm {} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n",
        offsets[xrefstm as usize]
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// Writes `pages` pages plus one stream of `filler` pseudo-random bytes (an embedded file), for
/// benchmarks of large documents.
pub fn large_pdf(filler: usize) -> Vec<u8> {
    // Object 6 holds the filler, referenced from the catalog's /PieceInfo so it is part of the
    // document.
    let mut out = header("1.7");
    let mut offsets = Vec::new();
    let mut put = |out: &mut Vec<u8>, num: u32, body: &[u8]| {
        offsets.push((num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    put(&mut out, 1, b"<< /Type /Catalog /Pages 2 0 R /PieceInfo << /Pecat << /Private 6 0 R >> >> >>");
    put(&mut out, 2, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>");
    put(&mut out, 3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    put(&mut out, 4, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>");
    let text = b"BT /F1 24 Tf 72 750 Td (Large document) Tj ET";
    put(&mut out, 5, &[format!("<< /Length {} >>\nstream\n", text.len()).as_bytes(), text, b"\nendstream"].concat());
    let mut filler_bytes = Vec::with_capacity(filler);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while filler_bytes.len() < filler {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        filler_bytes.extend_from_slice(&x.to_le_bytes());
    }
    filler_bytes.truncate(filler);
    put(&mut out, 6, &[format!("<< /Length {filler} >>\nstream\n").as_bytes(), &filler_bytes, b"\nendstream"].concat());
    let xref = out.len();
    let mut table = String::from("xref\n0 7\n0000000000 65535 f \n");
    offsets.sort();
    for (_, off) in offsets {
        let _ = writeln!(table, "{off:010} 00000 n ");
    }
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(format!("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}
