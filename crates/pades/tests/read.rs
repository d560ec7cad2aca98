//! The reader against files of every cross-reference shape, checked with qpdf.

#![allow(clippy::unwrap_used)]

use std::process::Command;

mod shapes;

use pecat_pades::pdf::PdfFile;
use pecat_testkit::{XrefShape, simple_pdf};
use shapes::shapes;

#[test]
fn every_shape_reads_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, path) in shapes(dir.path()) {
        let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
        assert!(
            check.status.success(),
            "{name}: the fixture itself is broken: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let pdf = PdfFile::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let n = pdf.page_count().unwrap();
        assert!(n >= 1, "{name}");
        for p in 1..=n {
            let page = pdf.page(p).unwrap();
            let d = pdf.dict(&pecat_pades::pdf::Object::Ref(page)).unwrap();
            assert_eq!(d.name(b"Type"), Some(&b"Page"[..]), "{name} page {p}");
            let res = pdf.dict(d.get(b"Resources").unwrap()).unwrap();
            let fonts = pdf.dict(res.get(b"Font").unwrap()).unwrap();
            let f1 = pdf.dict(fonts.get(b"F1").unwrap()).unwrap();
            assert_eq!(
                f1.name(b"BaseFont"),
                Some(&b"Helvetica"[..]),
                "{name}: the font (in an object stream for hybrid)"
            );
        }
        assert!(pdf.page(n + 1).is_err());
    }
}

#[test]
fn broken_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let good = simple_pdf(1, "1.7", XrefShape::Classic);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("text.pdf", b"hello, this is not a PDF".to_vec(), "is not a PDF file"),
        ("cut.pdf", good[..good.len() / 2].to_vec(), "no startxref"),
        ("empty.pdf", Vec::new(), "is not a PDF file"),
    ];
    for (name, bytes, expected) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let err = PdfFile::open(&p).unwrap_err();
        assert!(err.to_string().contains(expected), "{name}: {err}");
    }
}
