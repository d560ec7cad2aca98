//! PKCS#7 / CMS certificate bundles (RFC 5652 §5.1, "degenerate" SignedData with no signers).
//! Reading walks the BER itself, because bundles exported on Windows use indefinite lengths and
//! unsorted SETs that a strict DER decoder refuses; writing produces DER through the `cms` crate.

use der::{Decode, Encode};

use crate::cert::Certificate;
use crate::error::{Error, Result};

/// id-signedData, 1.2.840.113549.1.7.2, as DER content octets.
const ID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

use crate::asn1::{TlvError, children, content, header};

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
        TlvError::TooDeep { max } => Error::TooDeep { what: what.to_owned(), max },
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

    #[test]
    fn deeply_nested_bundles_are_refused() {
        // ContentInfo { id-signedData, [0] { SEQUENCE { … 10,000 indefinite-length SETs … } } }
        let mut deep = vec![0x30, 0x80, 0x06, 0x09];
        deep.extend_from_slice(ID_SIGNED_DATA);
        deep.extend_from_slice(&[0xA0, 0x80, 0x30, 0x80]);
        deep.extend([0x31, 0x80].repeat(10_000));
        deep.extend([0x00, 0x00].repeat(10_003));
        assert!(!looks_like(&deep));
        let err = read(&deep, "deep.p7b").unwrap_err();
        assert!(matches!(err, Error::TooDeep { max: 64, .. }), "{err}");
        assert!(err.to_string().contains("nested more than 64 levels deep"), "{err}");
    }
}
