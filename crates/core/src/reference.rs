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
