//! Reading certificates from what users hand us: DER, PEM (one or many blocks), bare base64,
//! and PKCS#7 bundles (`.p7b`, `.p7c`, DER or PEM, BER indefinite lengths included); and reading
//! small files whole without trusting what the path names ([`read_limited`]).

use std::fs::File;
use std::io::Read as _;
use std::path::Path;

use base64ct::{Base64, Encoding};

use crate::asn1::TlvError;
use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::pkcs7;

/// Parses every certificate in `data`; `what` names the source (a file path, a token object)
/// for error messages. Fails with the reason when nothing in it is a certificate.
pub fn parse_certificates(data: &[u8], what: &str) -> Result<Vec<Certificate>> {
    let data = strip_bom(data);
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { what: what.to_owned() });
    }
    if let Some(blocks) = pem_blocks(data, what)? {
        let mut certs = Vec::new();
        for (label, der) in blocks {
            match label.as_str() {
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                    certs.push(Certificate::from_der(der, what)?);
                }
                "PKCS7" | "CMS" => certs.extend(pkcs7::read(&der, what)?),
                _ => {} // keys, CSRs, CRLs: not ours to read here
            }
        }
        if certs.is_empty() {
            return Err(Error::NoCertificate { what: what.to_owned() });
        }
        return Ok(certs);
    }
    if data[0] != 0x30 {
        // Some portals hand out a .cer that is base64 without PEM armour.
        if let Some(der) = bare_base64(data) {
            return parse_certificates(&der, what);
        }
        return Err(Error::NotACertificate {
            what: what.to_owned(),
            reason: format!("it does not start with a DER SEQUENCE or a PEM header (first byte 0x{:02X})", data[0]),
        });
    }
    if pkcs7::looks_like(data) {
        return pkcs7::read(data, what);
    }
    Ok(vec![Certificate::from_der(data.to_vec(), what)?])
}

/// The most a certificate, CA or trust file may be: certificates are a few KB, a bundle of every
/// CA an operating system trusts about 200 KB.
pub const MAX_CERTIFICATE_FILE: u64 = 1 << 20;

/// Reads the file at `path` whole, if it is a regular file of at most `max` bytes; `what` names
/// it in errors (usually its path). A directory, device (`/dev/zero`), FIFO or socket is refused
/// before it is opened for reading — opening a FIFO would wait for a writer, reading
/// `/dev/zero` would never end — and so is a file over the limit.
pub fn read_limited(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    let io = |source: std::io::Error| Error::Read { path: path.to_owned(), source: source.into() };
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(Error::NotRegularFile { what: what.to_owned() });
        }
        if meta.len() > max {
            return Err(Error::FileTooLarge { what: what.to_owned(), size: meta.len(), max });
        }
        Ok(())
    };
    check(&std::fs::metadata(path).map_err(io)?)?;
    let file = File::open(path).map_err(io)?;
    // The path may have been swapped since it was looked at: check what was opened.
    let meta = file.metadata().map_err(io)?;
    check(&meta)?;
    let mut data = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut data).map_err(io)?;
    let size = data.len() as u64;
    if size > max {
        // It grew while being read.
        return Err(Error::FileTooLarge { what: what.to_owned(), size, max });
    }
    Ok(data)
}

fn strip_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
}

/// Checks that the outer DER element's length fits the data, so a cut-off file is reported as
/// truncated rather than as a parse error deep inside, and that nothing in it nests deeper than
/// [`crate::asn1::MAX_DEPTH`], so the recursive parsers it goes to next cannot run out of stack.
pub(crate) fn check_der_length(data: &[u8], what: &str) -> Result<()> {
    let refuse = |e: TlvError| match e {
        TlvError::Truncated => {
            Error::Truncated { what: what.to_owned(), needed: data.len() + 1, available: data.len() }
        }
        TlvError::TooDeep { max } => Error::TooDeep { what: what.to_owned(), max },
        TlvError::Malformed(reason) => Error::NotACertificate { what: what.to_owned(), reason },
    };
    match crate::asn1::element_len(data) {
        Ok(len) if len <= data.len() => crate::asn1::check_nesting(data).map_err(refuse),
        Ok(len) => Err(Error::Truncated { what: what.to_owned(), needed: len, available: data.len() }),
        Err(e) => Err(refuse(e)),
    }
}

/// Splits PEM text into (label, DER) blocks; `None` when `data` has no PEM header at all.
/// PEM blocks as (label, DER).
type PemBlocks = Vec<(String, Vec<u8>)>;

fn pem_blocks(data: &[u8], what: &str) -> Result<Option<PemBlocks>> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(None);
    };
    if !text.contains("-----BEGIN ") {
        return Ok(None);
    }
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            break;
        };
        let label = after[..label_end].trim().to_owned();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(body_end) = body_start.find(&end_marker) else {
            return Err(Error::Truncated {
                what: what.to_owned(),
                needed: text.len() + end_marker.len(),
                available: text.len(),
            });
        };
        let body: String = body_start[..body_end]
            .lines()
            .filter(|l| !l.contains(':')) // RFC 1421 headers such as Proc-Type
            .flat_map(|l| l.chars().filter(|c| !c.is_ascii_whitespace()))
            .collect();
        let der = Base64::decode_vec(&body).map_err(|e| Error::NotACertificate {
            what: what.to_owned(),
            reason: format!("the PEM block \"{label}\" is not valid base64 ({e})"),
        })?;
        blocks.push((label, der));
        rest = &body_start[body_end + end_marker.len()..];
    }
    Ok(Some(blocks))
}

fn bare_base64(data: &[u8]) -> Option<Vec<u8>> {
    let body: String = std::str::from_utf8(data).ok()?.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = Base64::decode_vec(&body).ok()?;
    (der.first() == Some(&0x30)).then_some(der)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_are_refused() {
        assert!(matches!(parse_certificates(b"", "x"), Err(Error::Empty { .. })));
        assert!(matches!(parse_certificates(b" \n", "x"), Err(Error::Empty { .. })));
    }

    #[test]
    fn text_is_not_a_certificate() {
        let err = parse_certificates(b"hello world, this is not a cert", "notes.txt").unwrap_err();
        assert!(err.to_string().contains("notes.txt is not a certificate"), "{err}");
    }

    #[test]
    fn truncated_der_is_named_truncated() {
        let err = parse_certificates(&[0x30, 0x82, 0x04, 0x00, 0x30, 0x01], "cut.cer").unwrap_err();
        assert!(matches!(err, Error::Truncated { needed: 1028, available: 6, .. }), "{err}");
    }

    #[test]
    fn pem_without_end_is_truncated() {
        let err = parse_certificates(b"-----BEGIN CERTIFICATE-----\nMIIB\n", "a.pem").unwrap_err();
        assert!(matches!(err, Error::Truncated { .. }), "{err}");
    }

    #[test]
    fn pem_with_only_a_key_has_no_certificate() {
        let pem = b"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n";
        assert!(matches!(parse_certificates(pem, "k.pem"), Err(Error::NoCertificate { .. })));
    }
}
