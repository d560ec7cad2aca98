//! Crafted PDFs that once crashed, hung or ballooned Pecat (issue 8): each must now be refused
//! with a `Malformed` error that says what is wrong — quickly, with little memory, and without
//! deep recursion (the checks run on a thread with a small stack).

#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use pecat_pades::Error;
use pecat_pades::pdf::{ObjRef, Object, PdfFile};

/// Stack for the thread that reads a hostile file: far less than the 8 MiB of a main thread, so a
/// reader that recursed once per nesting level or per reference would overflow it.
const SMALL_STACK: usize = 1 << 20;

/// Runs `f` on a thread with [`SMALL_STACK`] bytes of stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(SMALL_STACK).spawn(f).unwrap().join().unwrap()
}

/// One object: its number and what stands between `obj` and `endobj`.
type Obj = (u32, Vec<u8>);

fn obj(num: u32, body: impl AsRef<[u8]>) -> Obj {
    (num, body.as_ref().to_vec())
}

/// A stream object's body with `dict` (without `/Length`), `/Length` as given, and `data`.
fn stream(dict: &str, length: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {length} >>\nstream\n").into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// An object stream (ISO 32000-2 §7.5.7) holding `objects`, its `/Length` as given.
fn object_stream(objects: &[(u32, &str)], length: Option<&str>) -> Vec<u8> {
    let mut header = String::new();
    let mut body = String::new();
    for (num, text) in objects {
        header.push_str(&format!("{num} {} ", body.len()));
        body.push_str(text);
        body.push(' ');
    }
    let data = format!("{header}{body}");
    let direct = data.len().to_string();
    stream(
        &format!("/Type /ObjStm /N {} /First {}", objects.len(), header.len()),
        length.unwrap_or(&direct),
        data.as_bytes(),
    )
}

/// Appends `objects` to `out`, returning their offsets.
fn write_objects(out: &mut Vec<u8>, objects: &[Obj]) -> Vec<(u32, usize)> {
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets
}

/// A PDF with a classic cross-reference table; `trailer` is the trailer dictionary's inside
/// (`/Size` is added).
fn classic(objects: &[Obj], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let offsets = write_objects(&mut out, objects);
    let size = offsets.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for n in 0..size {
        match offsets.iter().find(|(m, _)| *m == n) {
            Some((_, off)) => out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f\r\n"),
        }
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// A PDF with a cross-reference stream (object `xref_num`, `/W [1 4 2]`) listing `objects` and
/// the `compressed` ones (number, object stream, index). `xref_dict` is added to its dictionary;
/// its data is `encode`d rows.
fn with_xref_stream(
    objects: &[Obj],
    compressed: &[(u32, u32, u16)],
    xref_num: u32,
    xref_dict: &str,
    encode: impl FnOnce(Vec<u8>) -> Vec<u8>,
) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let offsets = write_objects(&mut out, objects);
    let xref_at = out.len();
    let size =
        offsets.iter().map(|(n, _)| *n).chain(compressed.iter().map(|c| c.0)).chain([xref_num]).max().unwrap_or(0) + 1;
    let mut rows = Vec::new();
    for n in 0..size {
        let (kind, a, b): (u8, u32, u16) = if n == xref_num {
            (1, xref_at as u32, 0)
        } else if let Some((_, off)) = offsets.iter().find(|(m, _)| *m == n) {
            (1, *off as u32, 0)
        } else if let Some((_, s, i)) = compressed.iter().find(|c| c.0 == n) {
            (2, *s, *i)
        } else {
            (0, 0, 0)
        };
        rows.push(kind);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    }
    let data = encode(rows);
    // The caller's entries first: the first of two equal keys counts.
    let dict = format!("/Type /XRef {xref_dict} /Size {size} /W [1 4 2] /Root 1 0 R");
    write_objects(&mut out, &[obj(xref_num, stream(&dict, &data.len().to_string(), &data))]);
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &str = "<< /Type /Pages /Kids [] /Count 0 >>";

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    path
}

/// Opens `path` and reads every object of every cross-reference section, decoding streams,
/// as the fuzz target does; the first error, if any.
fn read_everything(path: &Path) -> Result<(), Error> {
    let pdf = PdfFile::open(path)?;
    pdf.catalog()?;
    for section in pdf.sections() {
        for (num, entry) in &section.objects {
            if let Object::Stream(dict, data) = pdf.get_version(*num, *entry)? {
                pdf.stream_decoded(&dict, data)?;
            }
            if let Object::Stream(dict, data) = pdf.get(ObjRef { num: *num, generation: 0 })? {
                pdf.stream_decoded(&dict, data)?;
            }
        }
    }
    Ok(())
}

/// Reads `bytes` as a file every way Pecat does, on a small stack; returns the error text of
/// opening-and-reading-everything, and of verifying when that fails too (verification reads
/// only what it needs, so it may never meet the bad object).
fn refused(bytes: Vec<u8>) -> (String, Option<String>) {
    on_small_stack(move || {
        let dir = tempfile::tempdir().unwrap();
        let path = save(dir.path(), "hostile.pdf", &bytes);
        let read = read_everything(&path).expect_err("reading a hostile file must fail");
        assert!(matches!(read, Error::Malformed { .. }), "{read}");
        let verified = pecat_pades::verify(&path, &pecat_pades::VerifyOptions::default()).err();
        if let Some(e) = &verified {
            assert!(matches!(e, Error::Malformed { .. }), "{e}");
        }
        (read.to_string(), verified.map(|e| e.to_string()))
    })
}

/// Like [`refused`], for files whose damage verification meets too.
fn refused_by_both(bytes: Vec<u8>) -> [String; 2] {
    let (read, verified) = refused(bytes);
    [read, verified.expect("verifying this hostile file must fail")]
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deep_nesting_in_the_trailer_is_refused() {
    let bytes = classic(&[obj(1, CATALOG), obj(2, PAGES)], &format!("/Root 1 0 R /X {}", nested(20_000)));
    for e in refused_by_both(bytes) {
        assert!(e.contains("nested more than 256 levels deep"), "{e}");
    }
}

#[test]
fn deep_nesting_in_an_object_is_refused() {
    let dicts = format!("{}{}", "<< /A ".repeat(20_000), ">>".repeat(20_000));
    let catalog = format!("<< /Type /Catalog /Pages 2 0 R /Y {dicts} /X {} >>", nested(20_000));
    for e in refused_by_both(classic(&[obj(1, catalog), obj(2, PAGES)], "/Root 1 0 R")) {
        assert!(e.contains("nested more than 256 levels deep"), "{e}");
    }
}

#[test]
fn a_stream_whose_length_refers_to_itself_is_refused() {
    let objects = [obj(1, CATALOG), obj(2, PAGES), obj(3, stream("", "3 0 R", b"abc"))];
    let (read, _) = refused(classic(&objects, "/Root 1 0 R /Info 3 0 R"));
    assert!(read.contains("a stream's /Length refers to itself (object 3)"), "{read}");
}

#[test]
fn an_object_stream_whose_length_is_inside_itself_is_refused() {
    // Object 6 (the /Length of object stream 5) is stored in object stream 5.
    let objects = [obj(1, CATALOG), obj(2, PAGES), obj(5, object_stream(&[(6, "3")], Some("6 0 R")))];
    let (read, _) = refused(with_xref_stream(&objects, &[(6, 5, 0)], 9, "", |rows| rows));
    assert!(read.contains("a reference loop: 6 → 5 → 6"), "{read}");
}

#[test]
fn object_streams_that_hold_themselves_or_each_other_are_refused() {
    let objects = [obj(1, CATALOG), obj(2, PAGES)];
    // 5 is inside itself, and object 10 inside 5.
    let (read, _) = refused(with_xref_stream(&objects, &[(5, 5, 0), (10, 5, 0)], 9, "", |rows| rows));
    assert!(read.contains("object stream 5 is stored inside object stream 5"), "{read}");
    // 7 and 8 are inside each other, and object 10 inside 7.
    let (read, _) = refused(with_xref_stream(&objects, &[(7, 8, 0), (8, 7, 0), (10, 7, 0)], 9, "", |rows| rows));
    assert!(read.contains("object stream 8 is stored inside object stream 7"), "{read}");
}

#[test]
fn object_streams_whose_lengths_are_in_each_other_are_refused() {
    // /Length of 5 is object 8, inside 7; /Length of 7 is object 6, inside 5.
    let objects = [
        obj(1, CATALOG),
        obj(2, PAGES),
        obj(5, object_stream(&[(6, "10")], Some("8 0 R"))),
        obj(7, object_stream(&[(8, "10")], Some("6 0 R"))),
    ];
    let bytes = with_xref_stream(&objects, &[(6, 5, 0), (8, 7, 0)], 9, "", |rows| rows);
    let (read, _) = refused(bytes);
    assert!(read.contains("a reference loop: 8 → 7 → 6 → 5 → 8"), "{read}");
}

/// zlib data that inflates to `gib` GiB of zeros, built without compressing them: after the
/// first MiB every MiB of zeros compresses (with a sync flush) to the same bytes, so those are
/// repeated. About 1 MB per GiB.
fn zero_bomb(gib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mib = vec![0u8; 1 << 20];
    let mut z = Compress::new(Compression::best(), true);
    let mut chunk = |flush| {
        let mut out = Vec::with_capacity(64 << 10);
        z.compress_vec(&mib, &mut out, flush).unwrap();
        assert_eq!(z.total_in() % (1 << 20), 0, "the whole MiB was taken");
        out
    };
    let first = chunk(FlushCompress::Sync);
    let second = chunk(FlushCompress::Sync);
    let third = chunk(FlushCompress::Sync);
    assert_eq!(second, third, "zeros after zeros compress alike");
    let mut out = first;
    for _ in 1..(gib << 10) {
        out.extend_from_slice(&second);
    }
    // Final empty block and the Adler-32 of the zeros (a = 1, b = length mod 65521).
    out.extend_from_slice(&[0x03, 0x00]);
    let b = ((gib as u64) << 30) % 65521;
    out.extend_from_slice(&((b << 16) as u32 | 1).to_be_bytes());
    out
}

#[test]
fn a_zip_bomb_cross_reference_stream_is_refused() {
    let bomb = zero_bomb(1);
    assert!(bomb.len() < 3 << 20, "{} bytes", bomb.len());
    let objects = [obj(1, CATALOG), obj(2, PAGES)];
    let bytes = with_xref_stream(&objects, &[], 3, "/Filter /FlateDecode", |_| bomb);
    for e in refused_by_both(bytes) {
        assert!(e.contains("cross-reference stream: decompressed data exceeds 64 MiB"), "{e}");
    }
}

#[test]
fn huge_predictor_rows_are_refused() {
    for parms in [
        "/Predictor 12 /Columns 1099511627776",
        "/Predictor 12 /Columns 4294967295 /Colors 256 /BitsPerComponent 16",
        "/Predictor 12 /Columns 8 /Colors 9223372036854775807",
    ] {
        let objects = [obj(1, CATALOG), obj(2, PAGES)];
        let dict = format!("/Filter /FlateDecode /DecodeParms << {parms} >>");
        let deflate = |rows: Vec<u8>| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(&rows).unwrap();
            z.finish().unwrap()
        };
        for e in refused_by_both(with_xref_stream(&objects, &[], 3, &dict, deflate)) {
            assert!(e.contains("longer than the data") || e.contains("out of range"), "{parms}: {e}");
        }
    }
}

#[test]
fn cross_reference_streams_cannot_list_billions_of_objects() {
    let objects = [obj(1, CATALOG), obj(2, PAGES)];
    // /W [0 0 0]: rows of no bytes, so no amount of data would ever run out.
    let (read, _) = refused(with_xref_stream(&objects, &[], 3, "/W [0 0 0] /Index [0 2000000000]", |_| Vec::new()));
    assert!(read.contains("cross-reference stream with a /W of zero width"), "{read}");
    // Object numbers past the ISO 32000-1 Annex C limit.
    let (read, _) = refused(with_xref_stream(&objects, &[], 3, "/Index [0 3 8388608 1]", |rows| rows));
    assert!(read.contains("an object number above 8388607"), "{read}");
}

#[test]
fn a_long_prev_chain_is_cut_short() {
    // Each section's /Prev points at the one before it: 5,000 sections of nothing.
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n".to_vec();
    let mut prev = None;
    for _ in 0..5000 {
        let at = out.len();
        let prev_entry = prev.map(|p| format!("/Prev {p}")).unwrap_or_default();
        out.extend_from_slice(format!("xref\n0 0\ntrailer\n<< /Size 3 /Root 1 0 R {prev_entry} >>\n").as_bytes());
        prev = Some(at);
    }
    out.extend_from_slice(format!("startxref\n{}\n%%EOF\n", prev.unwrap()).as_bytes());
    for e in refused_by_both(out) {
        assert!(e.contains("more than 4096 cross-reference sections"), "{e}");
    }
}

#[test]
fn a_page_tree_that_loops_is_refused_at_once() {
    // Found by fuzzing (pdf_read): /Pages lists itself as its kid and has no /Count.
    let objects = [obj(1, CATALOG), obj(2, "<< /Type /Pages /Kids [2 0 R] >>")];
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "loop.pdf", &classic(&objects, "/Root 1 0 R"));
    let pdf = PdfFile::open(&path).unwrap();
    let err = pdf.page(1).unwrap_err();
    assert!(err.to_string().contains("the page tree loops (object 2 is met twice)"), "{err}");
}

#[test]
fn page_zero_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "one.pdf", &pecat_testkit::simple_pdf(1, "1.7", pecat_testkit::XrefShape::Classic));
    let pdf = PdfFile::open(&path).unwrap();
    assert!(matches!(pdf.page(0), Err(Error::NoSuchPage { page: 0, pages: 1 })));
    assert!(pdf.page(1).is_ok());
}

#[test]
fn deeply_nested_signature_containers_are_refused() {
    // ContentInfo { … 100,000 indefinite-length SEQUENCEs … }, as a /Contents value.
    let mut der = [0x30, 0x80].repeat(100_000);
    der.extend([0, 0].repeat(100_000));
    let err = on_small_stack(move || pecat_pades::cms::parse(&der).unwrap_err());
    assert!(err.to_string().contains("nested more than 64 levels deep"), "{err}");
}

/// A form whose every field lists the next one twice (`/Kids [n n]`), 30 deep: a walk that
/// remembers nothing makes 2³⁰ visits; verification must visit each field once and finish.
#[test]
fn a_field_tree_that_lists_kids_twice_is_walked_once() {
    let depth = 30u32;
    let mut objects = vec![
        obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>"),
        obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"),
    ];
    for i in 0..depth {
        let n = 10 + i;
        let body = if i + 1 < depth {
            format!("<< /T (f{i}) /Kids [{k} 0 R {k} 0 R] >>", k = n + 1)
        } else {
            format!("<< /T (f{i}) /FT /Sig >>")
        };
        objects.push(obj(n, body));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "kids-twice.pdf", &classic(&objects, "/Root 1 0 R"));
    let report = on_small_stack(move || pecat_pades::verify(&path, &pecat_pades::VerifyOptions::default()));
    let report = report.unwrap();
    assert_eq!(report.verdict, None, "the one signature field has no value: unsigned");
}
