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
    /// The ASN.1 string tag the value was encoded with (19 PrintableString, 12 UTF8String, …),
    /// kept so a CSR can copy a subject exactly.
    #[serde(skip)]
    pub tag: u32,
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
    NameAttribute { oid, name: short, value, tag: atv.attr_value().header.tag().0 }
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

/// Parses a distinguished name written as `C=RO, O=Acme\, SRL, CN=Ana Pop` (RFC 4514 escapes;
/// short names from RFC 4519 or dotted OIDs), in the order written. Country, serialNumber and
/// dnQualifier get PrintableString when their value allows it; everything else UTF8String.
pub fn parse_dn(text: &str) -> Result<Vec<NameAttribute>, String> {
    let mut attrs = Vec::new();
    for part in split_unescaped(text, ',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((name, value)) = part.split_once('=') else {
            return Err(format!("\"{part}\" is not NAME=value"));
        };
        let name = name.trim();
        let oid = if name.chars().all(|c| c.is_ascii_digit() || c == '.') && name.contains('.') {
            name.to_owned()
        } else {
            NAME_ATTRIBUTES
                .iter()
                .find(|(_, short)| short.eq_ignore_ascii_case(name))
                .map(|(oid, _)| (*oid).to_owned())
                .ok_or_else(|| format!("unknown attribute \"{name}\" (use C, O, OU, CN, SN, GN, serialNumber, L, ST, … or a dotted OID)"))?
        };
        let value = unescape(value.trim());
        if value.is_empty() {
            return Err(format!("{name} has an empty value"));
        }
        let printable_only = matches!(oid.as_str(), "2.5.4.6" | "2.5.4.5" | "2.5.4.46");
        let printable = value.chars().all(|c| c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c));
        if oid == "2.5.4.6" && (value.len() != 2 || !printable) {
            return Err(format!("C must be a two-letter country code, not \"{value}\""));
        }
        let tag = if printable_only && printable { 19 } else { 12 };
        let short = name_of(NAME_ATTRIBUTES, &oid).map_or_else(|| oid.clone(), str::to_owned);
        attrs.push(NameAttribute { oid, name: short, value, tag });
    }
    if attrs.is_empty() {
        return Err("the subject is empty".into());
    }
    Ok(attrs)
}

fn split_unescaped(text: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            current.push(c);
            escaped = true;
        } else if c == sep {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
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
            NameAttribute { oid: "2.5.4.10".into(), name: "O".into(), value: "Acme, S.R.L.".into(), tag: 12 },
            NameAttribute { oid: "2.5.4.3".into(), name: "CN".into(), value: "Ana Pop".into(), tag: 12 },
        ];
        assert_eq!(format(&attrs), "O=Acme\\, S.R.L., CN=Ana Pop");
    }

    #[test]
    fn dn_strings_parse_in_order_with_escapes() {
        let attrs =
            parse_dn("C=RO, O=Acme\\, S.R.L., serialNumber=PNORO-123, CN=Ștefan Țăranu, 2.5.4.97=VATRO-1").unwrap();
        let names: Vec<(&str, &str, u32)> = attrs.iter().map(|a| (a.name.as_str(), a.value.as_str(), a.tag)).collect();
        assert_eq!(
            names,
            vec![
                ("C", "RO", 19),
                ("O", "Acme, S.R.L.", 12),
                ("serialNumber", "PNORO-123", 19),
                ("CN", "Ștefan Țăranu", 12),
                ("organizationIdentifier", "VATRO-1", 12)
            ]
        );
        assert_eq!(
            format(&attrs),
            "C=RO, O=Acme\\, S.R.L., serialNumber=PNORO-123, CN=Ștefan Țăranu, organizationIdentifier=VATRO-1"
        );
        assert!(parse_dn("CN").is_err());
        assert!(parse_dn("XX=1").unwrap_err().contains("unknown attribute"));
        assert!(parse_dn("C=Romania").unwrap_err().contains("two-letter"));
        assert!(parse_dn(" , ").is_err());
    }

    #[test]
    fn leading_hash_and_trailing_space_are_escaped() {
        assert_eq!(escape("#1 "), "\\#1\\ ");
    }
}
