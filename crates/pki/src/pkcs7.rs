//! PKCS#7 / CMS certificate bundles (RFC 5652 §5.1, "degenerate" SignedData with no signers).
//! Reading walks the BER itself, because bundles exported on Windows use indefinite lengths and
//! unsorted SETs that a strict DER decoder refuses; writing produces DER through the `cms` crate.

use der::{Decode, Encode};

use crate::cert::Certificate;
use crate::error::{Error, Result};

/// id-signedData, 1.2.840.113549.1.7.2, as DER content octets.
const ID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

#[derive(Debug)]
pub(crate) enum TlvError {
    Truncated,
    Malformed(String),
}

/// One BER element: where its content starts and how long it is (`None`: indefinite).
struct Tlv {
    tag: u8,
    header: usize,
    len: Option<usize>,
}

fn header(data: &[u8]) -> Result<Tlv, TlvError> {
    let tag = *data.first().ok_or(TlvError::Truncated)?;
    if tag & 0x1F == 0x1F {
        return Err(TlvError::Malformed("high-tag-number form is not used in certificates".into()));
    }
    let first = *data.get(1).ok_or(TlvError::Truncated)?;
    if first < 0x80 {
        return Ok(Tlv { tag, header: 2, len: Some(first as usize) });
    }
    if first == 0x80 {
        if tag & 0x20 == 0 {
            return Err(TlvError::Malformed("indefinite length on a primitive element".into()));
        }
        return Ok(Tlv { tag, header: 2, len: None });
    }
    let n = (first & 0x7F) as usize;
    if n > 4 {
        return Err(TlvError::Malformed(format!("a length of {n} bytes is beyond any certificate")));
    }
    let bytes = data.get(2..2 + n).ok_or(TlvError::Truncated)?;
    let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
    Ok(Tlv { tag, header: 2 + n, len: Some(len) })
}

/// Total length (header + content, + end-of-contents for indefinite form) of the element at the
/// start of `data`. A definite length larger than `data` is returned as is, so callers can say
/// how much is missing.
pub(crate) fn element_len(data: &[u8]) -> Result<usize, TlvError> {
    let tlv = header(data)?;
    match tlv.len {
        Some(len) => Ok(tlv.header + len),
        None => {
            let mut pos = tlv.header;
            loop {
                let rest = data.get(pos..).ok_or(TlvError::Truncated)?;
                if rest.starts_with(&[0, 0]) {
                    return Ok(pos + 2);
                }
                let child = element_len(rest)?;
                if child > rest.len() {
                    return Err(TlvError::Truncated);
                }
                pos += child;
            }
        }
    }
}

/// The content octets of the element at the start of `data`, and the bytes after it.
fn content(data: &[u8]) -> Result<(&[u8], &[u8]), TlvError> {
    let tlv = header(data)?;
    let total = element_len(data)?;
    if total > data.len() {
        return Err(TlvError::Truncated);
    }
    let end = if tlv.len.is_some() { total } else { total - 2 };
    Ok((&data[tlv.header..end], &data[total..]))
}

/// The children of a constructed element's content.
fn children(mut data: &[u8]) -> Result<Vec<&[u8]>, TlvError> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let len = element_len(data)?;
        if len > data.len() {
            return Err(TlvError::Truncated);
        }
        out.push(&data[..len]);
        data = &data[len..];
    }
    Ok(out)
}

/// True when `data` starts like a ContentInfo holding SignedData.
pub(crate) fn looks_like(data: &[u8]) -> bool {
    let Ok((seq, _)) = content(data) else {
        return false;
    };
    let Ok(kids) = children(seq) else {
        return false;
    };
    kids.first().is_some_and(|oid| oid.first() == Some(&0x06) && content(oid).is_ok_and(|(c, _)| c == ID_SIGNED_DATA))
}

/// Reads every certificate of a PKCS#7 bundle.
pub(crate) fn read(data: &[u8], what: &str) -> Result<Vec<Certificate>> {
    let bad = |reason: String| Error::BadPkcs7 { what: what.to_owned(), reason };
    let certs = cert_elements(data).map_err(|e| match e {
        TlvError::Truncated => {
            Error::Truncated { what: what.to_owned(), needed: data.len() + 1, available: data.len() }
        }
        TlvError::Malformed(reason) => bad(reason),
    })?;
    if certs.is_empty() {
        return Err(Error::NoCertificate { what: what.to_owned() });
    }
    certs.into_iter().map(|der| Certificate::from_der(der.to_vec(), what)).collect()
}

fn cert_elements(data: &[u8]) -> Result<Vec<&[u8]>, TlvError> {
    let malformed = |s: &str| TlvError::Malformed(s.to_owned());
    let (ci, _) = content(data)?;
    let ci = children(ci)?;
    let (oid, explicit) = match ci.as_slice() {
        [oid, explicit, ..] => (*oid, *explicit),
        _ => return Err(malformed("ContentInfo has no content")),
    };
    if content(oid)?.0 != ID_SIGNED_DATA {
        return Err(malformed("it is not SignedData"));
    }
    let (sd, _) = content(explicit)?; // [0] EXPLICIT
    let (sd, _) = content(sd)?; // SignedData SEQUENCE
    let fields = children(sd)?;
    // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
    let Some(certs) = fields.iter().skip(3).find(|f| f.first() == Some(&0xA0)) else {
        return Ok(Vec::new());
    };
    let (set, _) = content(certs)?;
    Ok(children(set)?.into_iter().filter(|c| header(c).is_ok_and(|t| t.tag == 0x30)).collect())
}

/// Encodes certificates as a DER degenerate SignedData (`.p7b`), in the order given.
pub(crate) fn write(certs: &[&Certificate]) -> Result<Vec<u8>> {
    let encode_err = |e: der::Error| Error::Encode { what: "PKCS#7 bundle".into(), reason: e.to_string() };
    let parsed = certs
        .iter()
        .map(|c| x509_cert::Certificate::from_der(c.der()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(encode_err)?;
    let ci = cms::content_info::ContentInfo::try_from(parsed).map_err(encode_err)?;
    ci.to_der().map_err(encode_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_are_walked() {
        // SEQUENCE (indefinite) { INTEGER 5 } EOC, then a trailing byte.
        let data = [0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0xFF];
        assert_eq!(element_len(&data).unwrap(), 7);
        let (c, rest) = content(&data).unwrap();
        assert_eq!(c, &[0x02, 0x01, 0x05]);
        assert_eq!(rest, &[0xFF]);
    }

    #[test]
    fn missing_end_of_contents_is_truncated() {
        assert!(matches!(element_len(&[0x30, 0x80, 0x02, 0x01, 0x05]), Err(TlvError::Truncated)));
    }

    #[test]
    fn not_signed_data_is_refused() {
        // ContentInfo { id-data, [0] { OCTET STRING } }
        let data = [
            0x30, 0x11, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x04, 0x04, 0x02, 0x41,
            0x42,
        ];
        assert!(!looks_like(&data));
        let err = read(&data, "x.p7b").unwrap_err();
        assert!(err.to_string().contains("not SignedData"), "{err}");
    }
}
