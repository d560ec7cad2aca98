//! Crafted certificate files (issue 8): deep ASN.1 nesting must be refused with an error, never
//! overflow the stack, and files that are not small regular files must be refused unread.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use pecat_pki::asn1::{MAX_DEPTH, tlv};
use pecat_pki::{Error, MAX_CERTIFICATE_FILE, parse_certificates, read_limited};

/// Runs `f` on a thread with 256 KiB of stack: a parser that recursed once per level of
/// 100,000 would overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 10).spawn(f).unwrap().join().unwrap()
}

/// `depth` SEQUENCEs with definite lengths around an INTEGER.
fn nested_definite(depth: usize) -> Vec<u8> {
    let mut v = vec![0x02, 0x01, 0x05];
    for _ in 0..depth {
        v = tlv(0x30, &v);
    }
    v
}

/// `depth` SEQUENCEs with indefinite lengths around an INTEGER.
fn nested_indefinite(depth: usize) -> Vec<u8> {
    let mut v = [0x30, 0x80].repeat(depth);
    v.extend_from_slice(&[0x02, 0x01, 0x05]);
    v.extend([0, 0].repeat(depth));
    v
}

fn pem(der: &[u8]) -> Vec<u8> {
    use base64ct::{Base64, Encoding};
    format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", Base64::encode_string(der)).into_bytes()
}

fn assert_too_deep(data: Vec<u8>, what: &'static str) {
    let err = on_small_stack(move || parse_certificates(&data, what).unwrap_err());
    assert!(matches!(err, Error::TooDeep { max: MAX_DEPTH, .. }), "{what}: {err}");
    assert!(err.to_string().contains(&format!("nested more than {MAX_DEPTH} levels deep")), "{err}");
}

#[test]
fn deeply_nested_der_is_refused() {
    assert_too_deep(nested_definite(100_000), "definite.cer");
    assert_too_deep(nested_indefinite(100_000), "indefinite.cer");
    assert_too_deep(pem(&nested_definite(20_000)), "deep.pem");
    // Deep nesting inside a certificate-shaped SEQUENCE, after a plausible start.
    let mut inner = tlv(0x02, &[1]);
    inner.extend(nested_definite(5_000));
    assert_too_deep(tlv(0x30, &tlv(0x30, &inner)), "inner.cer");
}

#[test]
fn deeply_nested_pkcs7_is_refused() {
    // ContentInfo { id-signedData, [0] { SignedData { version, algorithms, content,
    // [0] { … deep … } } } }, all with indefinite lengths, as Windows writes bundles.
    let mut p7 = vec![0x30, 0x80];
    p7.extend(tlv(0x06, &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]));
    p7.extend([0xA0, 0x80, 0x30, 0x80]);
    p7.extend(tlv(0x02, &[1]));
    p7.extend(tlv(0x31, &[]));
    p7.extend(tlv(0x30, &tlv(0x06, &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01])));
    p7.extend([0xA0, 0x80]);
    p7.extend(nested_indefinite(50_000));
    p7.extend([0, 0].repeat(4));
    assert_too_deep(p7, "deep.p7b");
}

#[test]
fn nesting_real_certificates_use_is_accepted() {
    // MAX_DEPTH levels are fine as far as nesting goes (the result is not a certificate).
    let err = parse_certificates(&nested_definite(MAX_DEPTH), "ok-depth.cer").unwrap_err();
    assert!(!matches!(err, Error::TooDeep { .. }), "{err}");
}

#[test]
fn read_limited_reads_small_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.cer");
    std::fs::write(&path, b"0123456789").unwrap();
    assert_eq!(read_limited(&path, 10, "a.cer").unwrap(), b"0123456789");
    let err = read_limited(&path, 9, "a.cer").unwrap_err();
    assert!(matches!(err, Error::FileTooLarge { size: 10, max: 9, .. }), "{err}");
    let err = read_limited(&dir.path().join("missing.cer"), 10, "missing.cer").unwrap_err();
    assert!(matches!(&err, Error::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound), "{err}");
}

#[test]
fn read_limited_refuses_a_huge_file_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.cer");
    // Sparse: 64 GiB on paper, nothing on disk.
    std::fs::File::create(&path).unwrap().set_len(64 << 30).unwrap();
    let err = read_limited(&path, MAX_CERTIFICATE_FILE, "huge.cer").unwrap_err();
    assert!(matches!(err, Error::FileTooLarge { size, max: MAX_CERTIFICATE_FILE, .. } if size == 64 << 30), "{err}");
    assert_eq!(err.to_string(), "huge.cer is too large (68719476736 bytes; at most 1048576 are read)");
}

#[test]
fn read_limited_refuses_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.cer");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let cases: [(&Path, &str); 3] =
        [(dir.path(), "a directory"), (Path::new("/dev/zero"), "/dev/zero"), (&fifo, "a FIFO")];
    for (path, what) in cases {
        // A FIFO without a writer would block forever if opened; /dev/zero would never end.
        let err = read_limited(path, MAX_CERTIFICATE_FILE, what).unwrap_err();
        assert!(matches!(err, Error::NotRegularFile { .. }), "{what}: {err}");
        assert_eq!(err.to_string(), format!("{what} is not a regular file"));
    }
}
