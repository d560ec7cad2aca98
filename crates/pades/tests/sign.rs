//! Signing every PDF shape with an in-memory P-256 key, checked by pdfsig and qpdf; token keys
//! (RSA and EC on SoftHSM2) are exercised end to end by the CLI tests.

#![allow(clippy::unwrap_used)]

mod shapes;

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use pecat_pades::cms::{self, SignerKind};
use pecat_pades::{Error, SignatureOptions, prepare, reserve_for};
use pecat_pki::{Certificate, parse_certificates};
use pecat_testkit::{EndEntity, TestPki};
use rcgen::{KeyPair, SigningKey};

struct Signer {
    cert: Certificate,
    ca: Certificate,
    key: KeyPair,
}

impl Signer {
    fn new(pki: &TestPki) -> Self {
        let (der, key) = pki.issue_with_key(&EndEntity::romanian(365));
        Self {
            cert: parse_certificates(&der, "signer").unwrap().remove(0),
            ca: parse_certificates(pki.ca_der(), "ca").unwrap().remove(0),
            key,
        }
    }

    fn sign(&self, input: &Path, output: &Path, options: &SignatureOptions) -> pecat_pades::Result<()> {
        let prepared = prepare(input, output, options, SystemTime::now())?;
        let attrs = cms::signed_attributes(&prepared.digest, &self.cert);
        let signature = self.key.sign(&attrs).unwrap();
        let container =
            cms::assemble(&attrs, &signature, SignerKind::Ecdsa, &self.cert, std::slice::from_ref(&self.ca));
        prepared.embed(&container)?;
        Ok(())
    }
}

/// A temporary folder, a test PKI, an in-memory signer and an unsigned `in.pdf` of `pages` pages.
struct Setup {
    dir: tempfile::TempDir,
    pki: TestPki,
    signer: Signer,
    input: std::path::PathBuf,
}

fn setup(pages: usize) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new();
    let signer = Signer::new(&pki);
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pecat_testkit::simple_pdf(pages, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
    Setup { dir, pki, signer, input }
}

fn options() -> SignatureOptions {
    SignatureOptions {
        reason: Some("Aprob documentul".into()),
        location: Some("București".into()),
        reserve: reserve_for(4000),
        ..Default::default()
    }
}

/// pdfsig's verdicts, one per signature.
fn pdfsig(path: &Path) -> Vec<(String, String)> {
    let out = Command::new("pdfsig").arg(path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut sigs = Vec::new();
    let mut kind = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(t) = line.strip_prefix("- Signature Type: ") {
            kind = t.to_owned();
        }
        if let Some(v) = line.strip_prefix("- Signature Validation: ") {
            sigs.push((kind.clone(), v.to_owned()));
        }
    }
    sigs
}

fn qpdf_check(path: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    assert!(out.status.success(), "qpdf --check {}: {}", path.display(), String::from_utf8_lossy(&out.stdout));
}

#[test]
fn every_shape_signs_twice_and_pdfsig_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new();
    let signer = Signer::new(&pki);
    for (name, input) in shapes::shapes(dir.path()) {
        let original = std::fs::read(&input).unwrap();
        let once = dir.path().join(format!("{name}.signed.pdf"));
        signer.sign(&input, &once, &options()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(std::fs::read(&input).unwrap(), original, "{name}: the input is untouched");
        let signed = std::fs::read(&once).unwrap();
        assert_eq!(&signed[..original.len()], &original[..], "{name}: the original bytes come first, unchanged");
        qpdf_check(&once);
        let v = pdfsig(&once);
        assert_eq!(v, vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())], "{name}");

        let twice = dir.path().join(format!("{name}.signed2.pdf"));
        signer.sign(&once, &twice, &options()).unwrap_or_else(|e| panic!("{name} (second): {e}"));
        assert_eq!(
            &std::fs::read(&twice).unwrap()[..signed.len()],
            &signed[..],
            "{name}: the first signature's bytes stay"
        );
        qpdf_check(&twice);
        let v = pdfsig(&twice);
        assert_eq!(v.len(), 2, "{name}: {v:?}");
        assert!(v.iter().all(|(k, s)| k == "ETSI.CAdES.detached" && s == "Signature is Valid."), "{name}: {v:?}");

        // Pecat's own verdict on every shape: both valid, the first followed by a signature only.
        let report = pecat_pades::verify(&twice, &anchors(&pki)).unwrap();
        assert_eq!(report.verdict, Some(pecat_pades::Verdict::Valid), "{name}: {report:#?}");
        let first = report.signatures.iter().find(|s| s.later_changes.revisions > 0).unwrap();
        assert_eq!(first.later_changes.class, pecat_pades::ChangeClass::Signatures, "{name}: {first:#?}");
        assert!(report.uncovered.is_none(), "{name}: the second signature covers the whole file");
    }
}

#[test]
fn refusals_leave_nothing_behind() {
    let Setup { dir, signer, input, .. } = setup(1);

    let encrypted = dir.path().join("encrypted.pdf");
    shapes::qpdf(&["--encrypt", "user", "owner", "256", "--"], &input, &encrypted);
    let err = signer.sign(&encrypted, &dir.path().join("e.signed.pdf"), &options()).unwrap_err();
    assert!(matches!(err, Error::Encrypted { .. }), "{err}");

    let err = signer.sign(&input, &input, &options()).unwrap_err();
    assert!(matches!(err, Error::SameFile { .. }), "{err}");

    let existing = dir.path().join("exists.pdf");
    std::fs::write(&existing, b"keep me").unwrap();
    let err = signer.sign(&input, &existing, &options()).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");

    // A container larger than the reservation: refused at embed time, no output.
    let tiny = SignatureOptions { reserve: 64, ..options() };
    let out = dir.path().join("tiny.pdf");
    let err = signer.sign(&input, &out, &tiny).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(!out.exists());

    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn anchors(pki: &TestPki) -> pecat_pades::VerifyOptions {
    let root = parse_certificates(pki.root_der(), "root").unwrap().remove(0);
    let anchor = pecat_pki::TrustAnchor { certificate: root, qualified: true, source: pecat_pki::AnchorSource::User };
    pecat_pades::VerifyOptions { anchors: vec![anchor], ..Default::default() }
}

#[test]
fn verify_agrees_with_pdfsig_and_catches_tampering() {
    use pecat_pades::{Change, ChangeClass, LaterChanges, Problem, Qualification, Verdict, verify};
    let Setup { dir, pki, signer, input } = setup(2);
    let once = dir.path().join("once.pdf");
    signer.sign(&input, &once, &options()).unwrap();

    let report = verify(&once, &anchors(&pki)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    let s = &report.signatures[0];
    assert_eq!(s.level, "PAdES B-B");
    assert_eq!(s.signer_common_name.as_deref(), Some("Ștefan Țăranu"));
    assert!(s.qualified.as_ref().unwrap().is_qualified());
    assert_eq!(s.chain.len(), 3, "signer, CA from the signature, root anchor");
    assert_eq!(s.later_changes, LaterChanges::none());
    assert_eq!(s.qualification, Qualification::Qualified, "the root is marked qualified in this test");
    assert!(s.claimed_signing_time.as_deref().unwrap().starts_with("D:20"));

    // Without the root: intact but not trusted.
    let untrusted = verify(&once, &pecat_pades::VerifyOptions::default()).unwrap();
    assert_eq!(untrusted.verdict, Some(Verdict::Indeterminate));
    assert!(untrusted.signatures[0].problems.contains(&Problem::NoTrustAnchors), "{untrusted:#?}");
    assert_eq!(untrusted.signatures[0].qualification, Qualification::Claimed);

    // A second signature: the first stays valid, its later revision adds a signature only.
    let twice = dir.path().join("twice.pdf");
    signer.sign(&once, &twice, &options()).unwrap();
    let report = verify(&twice, &anchors(&pki)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    let later = &report.signatures[0].later_changes;
    assert_eq!((later.revisions, later.class, later.permitted), (1, ChangeClass::Signatures, true), "{later:#?}");
    assert!(later.changes.iter().all(|c| matches!(c, Change::SignatureAdded { timestamp: false, .. })), "{later:#?}");

    // One altered byte inside the signed range: pdfsig and Pecat both say invalid.
    let mut bytes = std::fs::read(&once).unwrap();
    let at = memchr_find(&bytes, b"Pecat test page 1").unwrap() + 6;
    bytes[at] = b'X';
    let altered = dir.path().join("altered.pdf");
    std::fs::write(&altered, &bytes).unwrap();
    let report = verify(&altered, &anchors(&pki)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Invalid));
    assert!(!report.signatures[0].digest_ok);
    assert!(report.signatures[0].problems.contains(&Problem::DigestMismatch));
    assert!(pdfsig(&altered).iter().all(|(_, v)| v != "Signature is Valid."), "{:?}", pdfsig(&altered));

    // An incremental update that replaces page content after signing.
    let modified = dir.path().join("modified.pdf");
    std::fs::write(&modified, append_content_change(&std::fs::read(&once).unwrap())).unwrap();
    let report = verify(&modified, &anchors(&pki)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Invalid), "{report:#?}");
    let later = &report.signatures[0].later_changes;
    assert!(!later.permitted && later.class == ChangeClass::Other, "{later:#?}");
    assert!(later.changes.contains(&Change::PageChanged { page: 1, key: "Contents".into() }), "{later:#?}");

    // An unsigned file has no verdict.
    assert_eq!(verify(&input, &anchors(&pki)).unwrap().verdict, None);
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Appends a revision that gives page 1 (object 4 of the test PDF) new content.
fn append_content_change(signed: &[u8]) -> Vec<u8> {
    let prev = {
        let tail = &signed[signed.len() - 64..];
        let s = String::from_utf8_lossy(tail);
        let n = s.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
        n.parse::<usize>().unwrap()
    };
    let mut out = signed.to_vec();
    let content = b"BT /F1 24 Tf 72 700 Td (Changed after signing) Tj ET";
    let o100 = out.len();
    out.extend_from_slice(format!("100 0 obj\n<< /Length {} >>\nstream\n", content.len()).as_bytes());
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let o4 = out.len();
    out.extend_from_slice(b"4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 100 0 R >>\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(format!("xref\n4 1\n{o4:010} 00000 n\r\n100 1\n{o100:010} 00000 n\r\ntrailer\n<< /Size 101 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn png_square(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(file, 24, 24);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    let data: Vec<u8> = (0..24 * 24)
        .flat_map(|i| if (i / 24 + i % 24) % 2 == 0 { [200, 30, 30, 255] } else { [0, 0, 160, 128] })
        .collect();
    w.write_image_data(&data).unwrap();
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Dark pixels in a rectangle of page 1 rendered at 72 dpi (so pixels are points).
fn dark_pixels(pdf: &Path, rect: [f64; 4], dir: &Path) -> usize {
    let [x1, y1, x2, y2] = rect;
    let prefix = dir.join("render");
    let args = [
        "-gray",
        "-r",
        "72",
        "-f",
        "1",
        "-l",
        "1",
        "-x",
        &format!("{}", x1 as i64),
        "-y",
        &format!("{}", (842.0 - y2) as i64),
        "-W",
        &format!("{}", (x2 - x1) as i64),
        "-H",
        &format!("{}", (y2 - y1) as i64),
        pdf.to_str().unwrap(),
        prefix.to_str().unwrap(),
    ];
    run("pdftoppm", &args);
    let pgm = std::fs::read(dir.join("render-1.pgm")).unwrap();
    // P5 header: magic, width, height, maxval, each followed by white space.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    pgm[i + 1..].iter().filter(|p| **p < 128).count()
}

#[test]
fn visible_signature_shows_romanian_and_serbian_text_and_an_image() {
    let Setup { dir, signer, input, .. } = setup(2);
    let image = dir.path().join("stamp.png");
    png_square(&image);
    let rect = [300.0, 60.0, 560.0, 150.0];
    let lines = vec![
        "Semnat de Ștefan Țăranu".to_owned(),
        "Inginer, atestat MDLPA nr. 1234 — GEO 140/2020".to_owned(),
        "Потписао Петар Петровић".to_owned(),
        "Potpisao Petar Petrović, Beograd".to_owned(),
    ];
    let visible = SignatureOptions {
        appearance: Some(pecat_pades::Appearance { page: 2, rect, lines: lines.clone(), image: Some(image) }),
        ..options()
    };
    let out = dir.path().join("visible.pdf");
    signer.sign(&input, &out, &visible).unwrap();
    qpdf_check(&out);
    assert_eq!(pdfsig(&out), vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())]);

    let fonts = run("pdffonts", &[out.to_str().unwrap()]);
    let line = fonts.lines().find(|l| l.contains("DejaVuSans")).unwrap_or_else(|| panic!("{fonts}"));
    assert!(line.contains("CID TrueType") && line.contains("yes yes yes"), "embedded, subset, ToUnicode: {line}");
    let text = run("pdftotext", &["-f", "2", "-l", "2", out.to_str().unwrap(), "-"]);
    for l in &lines {
        assert!(text.contains(l.as_str()), "{l:?} not extracted from:\n{text}");
    }
    // The subset, not the 760 KB font.
    let invisible = dir.path().join("invisible.pdf");
    signer.sign(&input, &invisible, &options()).unwrap();
    let growth = std::fs::metadata(&out).unwrap().len() - std::fs::metadata(&invisible).unwrap().len();
    assert!(growth < 60_000, "the visible appearance added {growth} bytes");

    // Page 2 shows ink inside the rectangle; page 1 does not get it.
    let pdftoppm_page2 = |p: &Path| {
        let tmp = dir.path().join("p2.pdf");
        run("qpdf", &[p.to_str().unwrap(), "--pages", p.to_str().unwrap(), "2", "--", tmp.to_str().unwrap()]);
        dark_pixels(&tmp, rect, dir.path())
    };
    assert!(pdftoppm_page2(&out) > 200, "text and image are drawn");
    assert_eq!(pdftoppm_page2(&input), 0, "nothing there before");
}

#[test]
fn bad_appearances_are_refused_before_writing() {
    let Setup { dir, signer, input, .. } = setup(1);
    let not_image = dir.path().join("x.png");
    std::fs::write(&not_image, b"GIF89a....").unwrap();
    let cases = [
        (
            pecat_pades::Appearance {
                page: 1,
                rect: [0.0, 0.0, 200.0, 60.0],
                lines: vec!["ok".into()],
                image: Some(not_image),
            },
            "neither a PNG nor a JPEG",
        ),
        (
            pecat_pades::Appearance { page: 3, rect: [0.0, 0.0, 200.0, 60.0], lines: vec![], image: None },
            "page 3 does not exist",
        ),
        (
            pecat_pades::Appearance { page: 1, rect: [0.0, 0.0, 200.0, 60.0], lines: vec!["🙂".into()], image: None },
            "cannot be shown",
        ),
        (
            pecat_pades::Appearance { page: 1, rect: [0.0, 0.0, 5.0, 5.0], lines: vec![], image: None },
            "smaller than 10×10",
        ),
    ];
    for (a, expected) in cases {
        let out = dir.path().join("out.pdf");
        let err = signer.sign(&input, &out, &SignatureOptions { appearance: Some(a), ..options() }).unwrap_err();
        assert!(err.to_string().contains(expected), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn jpeg_images_go_in_as_they_are() {
    let Setup { dir, signer, input, .. } = setup(1);
    // poppler's JPEG encoder makes the image: page 1 rendered small.
    run(
        "pdftoppm",
        &[
            "-jpeg",
            "-r",
            "10",
            "-f",
            "1",
            "-l",
            "1",
            input.to_str().unwrap(),
            dir.path().join("photo").to_str().unwrap(),
        ],
    );
    let photo = dir.path().join("photo-1.jpg");
    let jpeg = std::fs::read(&photo).unwrap();
    let rect = [50.0, 50.0, 250.0, 150.0];
    let visible = SignatureOptions {
        appearance: Some(pecat_pades::Appearance { page: 1, rect, lines: vec!["Foto".into()], image: Some(photo) }),
        ..options()
    };
    let out = dir.path().join("photo.pdf");
    signer.sign(&input, &out, &visible).unwrap();
    assert_eq!(pdfsig(&out), vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())]);
    let signed = std::fs::read(&out).unwrap();
    assert!(signed.windows(jpeg.len()).any(|w| w == jpeg), "the JPEG bytes are embedded unchanged");
    assert!(dark_pixels(&out, rect, dir.path()) > 20);
}

/// Appends an incremental update: `objects` (number, body) and `freed` numbers, trailer `/Root`.
fn append_update(signed: &[u8], objects: &[(u32, String)], freed: &[u32], root: u32) -> Vec<u8> {
    let pdf_prev = {
        let tail = String::from_utf8_lossy(&signed[signed.len() - 64..]).into_owned();
        tail.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().parse::<usize>().unwrap()
    };
    let mut out = signed.to_vec();
    let mut rows = Vec::new();
    for (num, body) in objects {
        rows.push((*num, format!("{:010} 00000 n\r\n", out.len())));
        out.extend_from_slice(format!("{num} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    for num in freed {
        rows.push((*num, "0000000000 00001 f\r\n".to_owned()));
    }
    rows.sort();
    let xref = out.len();
    let mut table = String::from("xref\n");
    for (num, row) in rows {
        table.push_str(&format!("{num} 1\n{row}"));
    }
    out.extend_from_slice(
        format!("{table}trailer\n<< /Size 200 /Root {root} 0 R /Prev {pdf_prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    out
}

/// An object of `file` written back as PDF syntax.
fn object_text(file: &Path, num: u32) -> String {
    let pdf = pecat_pades::pdf::PdfFile::open(file).unwrap();
    let o = pdf.get(pecat_pades::pdf::ObjRef { num, generation: 0 }).unwrap();
    let mut out = Vec::new();
    pecat_pades::pdf::object::write(&o, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn later_revisions_that_hide_their_changes_are_caught() {
    use pecat_pades::{Change, ChangeClass, Verdict, verify};
    let Setup { dir, pki, signer, input } = setup(2);
    let once = dir.path().join("once.pdf");
    signer.sign(&input, &once, &options()).unwrap();
    let signed = std::fs::read(&once).unwrap();
    let check = |name: &str, bytes: Vec<u8>, want: Change| {
        let class = want.class();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let report = verify(&path, &anchors(&pki)).unwrap();
        let later = &report.signatures[0].later_changes;
        assert_eq!(report.verdict, Some(Verdict::Invalid), "{name}: {report:#?}");
        assert_eq!(later.class, class, "{name}: {later:#?}");
        assert!(!later.permitted && class > ChangeClass::Signatures, "{name}");
        assert!(later.changes.contains(&want), "{name}: {later:#?}");
    };
    // Freeing the second page: its content disappears for every reader.
    check("freed.pdf", append_update(&signed, &[], &[6], 1), Change::ObjectDeleted { object: 6 });
    assert_eq!(Change::ObjectDeleted { object: 6 }.class(), ChangeClass::Other);
    // A copy of the catalog under a new number: every unchanged object now hangs off another root.
    let catalog = object_text(&once, 1);
    check("new-root.pdf", append_update(&signed, &[(150, catalog)], &[], 1 + 149), Change::RootReplaced);
    // A signature widget no form field owns, painting a white box over the page.
    let page = object_text(&once, 4);
    assert!(page.contains("/Annots ["), "{page}");
    let page = page.replacen("/Annots [", "/Annots [151 0 R ", 1);
    let widget = "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 595 842] /AP << /N 152 0 R >> >>".to_owned();
    let ap = "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length 27 >>\nstream\n1 g 0 0 595 842 re f Q q Q\nendstream".to_owned();
    let overlay = append_update(&signed, &[(4, page), (151, widget), (152, ap)], &[], 1);
    check("orphan-widget.pdf", overlay, Change::Annotation { subtype: "Widget".into(), page: 1, added: true });
}

/// Page 1 of `pdf` rendered in gray at `dpi`, rotated as a viewer shows it: width, height and
/// one byte per pixel.
fn render_gray(pdf: &Path, dpi: u32, dir: &Path) -> (usize, usize, Vec<u8>) {
    let prefix = dir.join("gray");
    let dpi = dpi.to_string();
    run(
        "pdftoppm",
        &["-gray", "-r", &dpi, "-f", "1", "-l", "1", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let pgm = std::fs::read(dir.join("gray.pgm")).unwrap();
    // P5 header: magic, width, height, maxval, each followed by one white space.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).into_owned());
    }
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[i + 1..].to_vec())
}

/// Where a point of default user space lands in page 1 rendered at `scale` pixels per point, for
/// a page of `size` points turned clockwise by `rotate` degrees.
fn rendered_point(x: f64, y: f64, size: [f64; 2], rotate: u16, scale: f64) -> (f64, f64) {
    let [pw, ph] = size;
    let (u, v) = match rotate {
        90 => (y, x),
        180 => (pw - x, y),
        270 => (ph - y, pw - x),
        _ => (x, ph - y),
    };
    (u * scale, v * scale)
}

/// The bounding box `[left, top, right, bottom]` of dark pixels within `area` (pixels), if any.
fn ink_box(image: &(usize, usize, Vec<u8>), area: [usize; 4]) -> Option<[usize; 4]> {
    let (w, h, pixels) = image;
    let mut found: Option<[usize; 4]> = None;
    for y in area[1]..area[3].min(*h) {
        for x in area[0]..area[2].min(*w) {
            if pixels[y * w + x] < 128 {
                let b = found.get_or_insert([x, y, x, y]);
                *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
        }
    }
    found
}

/// `in.pdf` with `/Pages` (object 2) carrying `extra` entries its page inherits (§7.7.3.4).
fn with_inherited(input: &Path, extra: &str, output: &Path) {
    let original = std::fs::read(input).unwrap();
    let pages = format!("<< /Type /Pages /Kids [4 0 R] /Count 1 {extra} >>");
    std::fs::write(output, append_update(&original, &[(2, pages)], &[], 1)).unwrap();
}

#[test]
fn visible_signatures_are_upright_on_rotated_pages() {
    let Setup { dir, signer, input, .. } = setup(1);
    let lines = vec!["Semnat de Ștefan Țăranu".to_owned(), "Data: 2024-05-01".to_owned(), "Motiv: aprobare".to_owned()];
    let cases = [
        ("rotate-90", 90, "qpdf:+90"),
        ("rotate-180", 180, "qpdf:+180"),
        ("rotate-270", 270, "qpdf:+270"),
        ("inherited-minus-270", 90, "/Rotate -270"),
        ("inherited-450", 90, "/Rotate 450"),
        ("upright", 0, "qpdf:+0"),
    ];
    let scale = 50.0 / 72.0;
    for (name, rotate, how) in cases {
        let rotated = dir.path().join(format!("{name}.pdf"));
        match how.strip_prefix("qpdf:") {
            Some(r) => shapes::qpdf(&[&format!("--rotate={r}")], &input, &rotated),
            None => with_inherited(&input, how, &rotated),
        }
        // A box the reader sees 300 points wide and 90 high, given in un-rotated coordinates.
        let rect = if rotate % 180 == 90 { [300.0, 100.0, 390.0, 400.0] } else { [250.0, 60.0, 550.0, 150.0] };
        let visible = SignatureOptions {
            appearance: Some(pecat_pades::Appearance { page: 1, rect, lines: lines.clone(), image: None }),
            ..options()
        };
        let out = dir.path().join(format!("{name}.signed.pdf"));
        signer.sign(&rotated, &out, &visible).unwrap_or_else(|e| panic!("{name}: {e}"));
        qpdf_check(&out);
        assert_eq!(pdfsig(&out), vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())], "{name}");

        // The lines come out whole and in order.
        let text = run("pdftotext", &["-f", "1", "-l", "1", out.to_str().unwrap(), "-"]);
        let at: Vec<usize> = lines
            .iter()
            .map(|l| text.find(l.as_str()).unwrap_or_else(|| panic!("{name}: {l:?} not in\n{text}")))
            .collect();
        assert!(at.windows(2).all(|p| p[0] < p[1]), "{name}: lines out of order in\n{text}");

        // Rendered as a viewer shows the page, the ink stays inside the rectangle and runs
        // left to right: wider than tall, starting at the box's left edge, ragged on the right.
        let image = render_gray(&out, 50, dir.path());
        let size = if rotate % 180 == 90 { [842.0, 595.0] } else { [595.0, 842.0] };
        assert!(
            (image.0 as f64 - size[0] * scale).abs() <= 1.0 && (image.1 as f64 - size[1] * scale).abs() <= 1.0,
            "{name}: rendered {}×{}, the page turned as a viewer shows it",
            image.0,
            image.1
        );
        let (ax, ay) = rendered_point(rect[0], rect[1], [595.0, 842.0], rotate, scale);
        let (bx, by) = rendered_point(rect[2], rect[3], [595.0, 842.0], rotate, scale);
        let area = [ax.min(bx), ay.min(by), ax.max(bx), ay.max(by)];
        assert!((area[2] - area[0] - 300.0 * scale).abs() < 1.0, "{name}: the reader's box is 300 points wide");
        let around = [area[0] - 30.0, area[1] - 30.0, area[2] + 30.0, area[3] + 30.0].map(|v| v.max(0.0) as usize);
        let ink = ink_box(&image, around).unwrap_or_else(|| panic!("{name}: nothing drawn"));
        let (ink_w, ink_h) = (ink[2] - ink[0] + 1, ink[3] - ink[1] + 1);
        assert!(
            ink[0] as f64 >= area[0] - 1.0
                && ink[1] as f64 >= area[1] - 1.0
                && ink[2] as f64 <= area[2] + 1.0
                && ink[3] as f64 <= area[3] + 1.0,
            "{name}: ink {ink:?} outside {area:?}"
        );
        assert!(ink_w > 2 * ink_h, "{name}: ink {ink_w}×{ink_h} pixels does not run horizontally");
        assert!((ink[0] as f64) < area[0] + 6.0, "{name}: text starts at the left edge: {ink:?} in {area:?}");
        assert!((ink[2] as f64) < area[2] - 40.0, "{name}: lines end short of the right edge: {ink:?} in {area:?}");
    }
}

#[test]
fn rectangles_off_the_visible_page_are_refused_before_writing() {
    let Setup { dir, signer, input, .. } = setup(1);
    let cropped = dir.path().join("cropped.pdf");
    with_inherited(&input, "/CropBox [0 0 300 400] /Rotate 90", &cropped);
    let cases = [
        (&input, [600.0, 0.0, 700.0, 50.0], [0.0, 0.0, 595.0, 842.0], false),
        (&input, [500.0, 800.0, 700.0, 900.0], [0.0, 0.0, 595.0, 842.0], true),
        (&input, [-10.0, 36.0, 200.0, 106.0], [0.0, 0.0, 595.0, 842.0], true),
        // Inside the media box, outside the crop box inherited from the page tree.
        (&cropped, [300.0, 60.0, 560.0, 150.0], [0.0, 0.0, 300.0, 400.0], false),
        (&cropped, [250.0, 60.0, 350.0, 150.0], [0.0, 0.0, 300.0, 400.0], true),
    ];
    for (pdf, rect, page_box, partly) in cases {
        let out = dir.path().join("out.pdf");
        let a = pecat_pades::Appearance { page: 1, rect, lines: vec!["ok".into()], image: None };
        let err = signer.sign(pdf, &out, &SignatureOptions { appearance: Some(a), ..options() }).unwrap_err();
        match &err {
            Error::RectOutsidePage { rect: r, page_box: b, partly: p } => {
                assert_eq!((*r, *b, *p), (rect, page_box, partly), "{err}");
            }
            other => panic!("{rect:?}: {other}"),
        }
        let message = err.to_string();
        let shown = |b: [f64; 4]| format!("[{} {} {} {}]", b[0], b[1], b[2], b[3]);
        assert!(message.contains(&shown(rect)) && message.contains(&shown(page_box)), "{message}");
        assert_eq!(message.contains("partly outside"), partly, "{message}");
        assert!(!out.exists());
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "in.pdf" && n != "cropped.pdf")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Inside the crop box: signed.
    let out = dir.path().join("inside.pdf");
    let a =
        pecat_pades::Appearance { page: 1, rect: [36.0, 36.0, 286.0, 106.0], lines: vec!["ok".into()], image: None };
    signer.sign(&cropped, &out, &SignatureOptions { appearance: Some(a), ..options() }).unwrap();
    assert_eq!(pdfsig(&out), vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())]);
}
