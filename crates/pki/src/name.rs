//! Distinguished names as people read them: attributes in certificate order, short names from
//! RFC 4519, values decoded from their ASN.1 string types (RFC 5280 §4.1.2.4).

use x509_parser::x509::{AttributeTypeAndValue, X509Name};

use crate::oid::{NAME_ATTRIBUTES, name_of};

/// One attribute of a distinguished name, in the order the certificate stores it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameAttribute {
    /// Dotted OID.
    pub oid: String,
    /// Short name (`CN`, `serialNumber`, …) or the dotted OID when unknown.
    pub name: String,
    /// Decoded value; undecodable values are shown as `#` + hex of their DER, as RFC 4514 does.
    pub value: String,
}

pub(crate) fn attributes(name: &X509Name<'_>) -> Vec<NameAttribute> {
    name.iter_attributes().map(attribute).collect()
}

fn attribute(atv: &AttributeTypeAndValue<'_>) -> NameAttribute {
    let oid = atv.attr_type().to_id_string();
    let short = name_of(NAME_ATTRIBUTES, &oid).map_or_else(|| oid.clone(), str::to_owned);
    let value = match atv.as_str() {
        Ok(s) => s.to_owned(),
        Err(_) => decode_bmp(atv.attr_value()).unwrap_or_else(|| format!("#{}", hex::encode(atv.attr_value().data))),
    };
    NameAttribute { oid, name: short, value }
}

/// BMPString (UTF-16BE) is still met in older CA names; x509-parser leaves it undecoded.
fn decode_bmp(any: &x509_parser::der_parser::asn1_rs::Any<'_>) -> Option<String> {
    if any.header.tag().0 != 30 {
        return None;
    }
    let data: &[u8] = any.data;
    if !data.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

/// Formats attributes as `C=RO, O=…, CN=…`, escaping separators as RFC 4514 §2.4 does.
pub(crate) fn format(attrs: &[NameAttribute]) -> String {
    attrs.iter().map(|a| format!("{}={}", a.name, escape(&a.value))).collect::<Vec<_>>().join(", ")
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let at_edge = i == 0 && (c == ' ' || c == '#');
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') || at_edge {
            out.push('\\');
        }
        out.push(c);
    }
    if out.ends_with(' ') {
        out.insert(out.len() - 1, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_escaped() {
        let attrs = vec![
            NameAttribute { oid: "2.5.4.10".into(), name: "O".into(), value: "Acme, S.R.L.".into() },
            NameAttribute { oid: "2.5.4.3".into(), name: "CN".into(), value: "Ana Pop".into() },
        ];
        assert_eq!(format(&attrs), "O=Acme\\, S.R.L., CN=Ana Pop");
    }

    #[test]
    fn leading_hash_and_trailing_space_are_escaped() {
        assert_eq!(escape("#1 "), "\\#1\\ ");
    }
}
