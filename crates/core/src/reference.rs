//! References the user types: `TOKEN` (a serial number or a label) and `TOKEN:ID` (adds an
//! object's `CKA_ID` in hex, e.g. `PeerLab:01`).

use crate::error::{Error, Result};

/// A token and an object on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    /// Serial number or label.
    pub token: String,
    /// `CKA_ID`, lowercase hex.
    pub id: String,
}

/// The certificate object with `CKA_ID` `id`; when several share it (a second certificate loaded
/// for the same key), the one that expires last — the current one. Returns how many matched.
pub fn select_certificate<'a>(
    objects: &'a [pecat_token::CertificateObject],
    id: &str,
) -> Option<(&'a pecat_token::CertificateObject, usize)> {
    let matching: Vec<&pecat_token::CertificateObject> = objects.iter().filter(|c| c.id == id).collect();
    let best =
        matching.iter().max_by_key(|c| c.certificate.as_ref().map_or(i64::MIN, |c| c.summary().not_after)).copied()?;
    Some((best, matching.len()))
}

/// Splits `TOKEN:ID` at the last colon (labels may contain colons; ids are hex).
pub fn parse_object_ref(text: &str) -> Result<ObjectRef> {
    let bad = || Error::BadReference { text: text.to_owned() };
    let (token, id) = text.rsplit_once(':').ok_or_else(bad)?;
    let id = id.trim().to_ascii_lowercase();
    if token.is_empty() || id.is_empty() || id.len() % 2 != 0 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok(ObjectRef { token: token.to_owned(), id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_object_ref("PeerLab:01").unwrap(), ObjectRef { token: "PeerLab".into(), id: "01".into() });
        assert_eq!(parse_object_ref("a:b:C0FF").unwrap().token, "a:b");
        assert_eq!(parse_object_ref("x:C0FF").unwrap().id, "c0ff");
        for bad in ["PeerLab", ":01", "PeerLab:", "PeerLab:1", "PeerLab:zz"] {
            assert!(parse_object_ref(bad).is_err(), "{bad}");
        }
    }
}
