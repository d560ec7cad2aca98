//! PDFs of every shape the signer must handle, made in a temporary folder.

#![allow(dead_code, clippy::unwrap_used)] // each test binary uses a part of it

use std::path::{Path, PathBuf};
use std::process::Command;

use pecat_testkit::{XrefShape, simple_pdf};

pub fn qpdf(args: &[&str], input: &Path, output: &Path) {
    let out = Command::new("qpdf").args(args).arg(input).arg(output).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "qpdf {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every shape the signer must handle, as files in `dir`.
pub fn shapes(dir: &Path) -> Vec<(String, PathBuf)> {
    let classic = dir.join("classic.pdf");
    std::fs::write(&classic, simple_pdf(3, "1.4", XrefShape::Classic)).unwrap();
    let hybrid = dir.join("hybrid.pdf");
    std::fs::write(&hybrid, simple_pdf(2, "1.5", XrefShape::Hybrid)).unwrap();
    let pdf20 = dir.join("pdf20.pdf");
    std::fs::write(&pdf20, simple_pdf(1, "2.0", XrefShape::Classic)).unwrap();
    let xrefstream = dir.join("xrefstream.pdf");
    qpdf(&["--object-streams=generate", "--min-version=1.6"], &classic, &xrefstream);
    let linearized = dir.join("linearized.pdf");
    qpdf(&["--linearize"], &classic, &linearized);
    let linearized_os = dir.join("linearized-objstm.pdf");
    qpdf(&["--linearize", "--object-streams=generate"], &classic, &linearized_os);
    vec![
        ("classic 1.4".into(), classic),
        ("hybrid 1.5".into(), hybrid),
        ("classic 2.0".into(), pdf20),
        ("xref+object streams".into(), xrefstream),
        ("linearized".into(), linearized),
        ("linearized + object streams".into(), linearized_os),
    ]
}
