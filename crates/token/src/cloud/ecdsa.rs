//! ECDSA signatures as services return them — DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3), which
//! most do, or already `r ‖ s` — turned into the `r ‖ s` the credential seam promises (what
//! PKCS#11 `CKM_ECDSA` gives, v2.40 §2.3.1).

use pecat_pki::asn1::{children, content};

/// `r ‖ s` of `field_len` bytes each from a DER or raw signature; `None` when it is neither.
pub(crate) fn raw_signature(signature: &[u8], field_len: usize) -> Option<Vec<u8>> {
    if field_len == 0 {
        return None;
    }
    if signature.first() == Some(&0x30)
        && let Some(raw) = from_der(signature, field_len)
    {
        return Some(raw);
    }
    (signature.len() == 2 * field_len).then(|| signature.to_vec())
}

fn from_der(signature: &[u8], field_len: usize) -> Option<Vec<u8>> {
    let (body, rest) = content(signature).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let parts = children(body).ok()?;
    let [r, s] = parts.as_slice() else { return None };
    let mut out = Vec::with_capacity(2 * field_len);
    for integer in [r, s] {
        if integer.first() != Some(&0x02) {
            return None;
        }
        let (magnitude, _) = content(integer).ok()?;
        let start = magnitude.iter().position(|b| *b != 0).unwrap_or(magnitude.len());
        let magnitude = &magnitude[start..];
        if magnitude.len() > field_len {
            return None;
        }
        out.resize(out.len() + field_len - magnitude.len(), 0);
        out.extend_from_slice(magnitude);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_and_raw_signatures_become_fixed_width() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80; // r needs a leading zero in DER
        raw[33] = 0x01; // s starts with zero bytes
        raw[63] = 0x7f;
        let der = pecat_pki::ecdsa_signature_der(&raw);
        assert_eq!(raw_signature(&der, 32), Some(raw.clone()));
        assert_eq!(raw_signature(&raw, 32), Some(raw.clone()));
        assert_eq!(raw_signature(&raw[..63], 32), None);
        assert_eq!(raw_signature(&der[..der.len() - 1], 32), None);
        assert_eq!(raw_signature(&der, 16), None, "an integer wider than the field is refused");
    }
}
