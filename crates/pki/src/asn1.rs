//! The DER/BER Pecat reads and writes by hand (X.690 §8): a BER walker that tolerates
//! indefinite lengths, and encoders for the structures Pecat builds (CMS, requests, keys).
//! Walking is depth-limited ([`MAX_DEPTH`]), so crafted nesting is an error, not a crash.

/// How deeply constructed elements may nest. A certificate nests about ten levels, a CMS
/// signature with a time-stamp token inside about twenty-five.
pub const MAX_DEPTH: usize = 64;

/// A TLV with a definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// A non-negative INTEGER from big-endian magnitude bytes.
pub fn unsigned_integer(magnitude: &[u8]) -> Vec<u8> {
    let start = magnitude.iter().position(|b| *b != 0).unwrap_or(magnitude.len().saturating_sub(1));
    let m = &magnitude[start.min(magnitude.len())..];
    let mut content = Vec::with_capacity(m.len() + 1);
    if m.is_empty() || m[0] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(m);
    tlv(0x02, &content)
}

/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3) from the `r ‖ s`
/// that PKCS#11 `CKM_ECDSA` returns (v2.40 §2.3.1).
pub fn ecdsa_signature_der(raw: &[u8]) -> Vec<u8> {
    let (r, s) = raw.split_at(raw.len() / 2);
    tlv(0x30, &[unsigned_integer(r), unsigned_integer(s)].concat())
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 §A.1.1).
pub fn rsa_public_key(modulus: &[u8], exponent: &[u8]) -> Vec<u8> {
    tlv(0x30, &[unsigned_integer(modulus), unsigned_integer(exponent)].concat())
}

/// Why an element could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlvError {
    /// The data ends inside an element.
    Truncated,
    /// Constructed elements nest deeper than `max` levels.
    TooDeep { max: usize },
    /// The bytes are not BER; the text says what was found.
    Malformed(String),
}

impl std::fmt::Display for TlvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Truncated => f.write_str("the data ends inside an element"),
            Self::TooDeep { max } => write!(f, "elements nested more than {max} levels deep"),
            Self::Malformed(reason) => f.write_str(reason),
        }
    }
}

/// One BER element's header.
#[derive(Debug, Clone, Copy)]
pub struct Tlv {
    /// The identifier octet.
    pub tag: u8,
    /// Header length (identifier + length octets).
    pub header: usize,
    /// Content length; `None` for the indefinite form.
    pub len: Option<usize>,
}

pub fn header(data: &[u8]) -> Result<Tlv, TlvError> {
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
pub fn element_len(data: &[u8]) -> Result<usize, TlvError> {
    element_len_at(data, 0)
}

/// [`element_len`] for an element `depth` levels down.
fn element_len_at(data: &[u8], depth: usize) -> Result<usize, TlvError> {
    let tlv = header(data)?;
    match tlv.len {
        Some(len) => Ok(tlv.header + len),
        None => {
            if depth >= MAX_DEPTH {
                return Err(TlvError::TooDeep { max: MAX_DEPTH });
            }
            let mut pos = tlv.header;
            loop {
                let rest = data.get(pos..).ok_or(TlvError::Truncated)?;
                if rest.starts_with(&[0, 0]) {
                    return Ok(pos + 2);
                }
                let child = element_len_at(rest, depth + 1)?;
                if child > rest.len() {
                    return Err(TlvError::Truncated);
                }
                pos += child;
            }
        }
    }
}

/// Checks, without recursion, that no constructed element in `data` nests deeper than
/// [`MAX_DEPTH`], so parsers that recurse (x509-parser, `der`) can be given the bytes safely.
/// Stops quietly at bytes that are not BER: reporting those is the real parser's job.
pub fn check_nesting(data: &[u8]) -> Result<(), TlvError> {
    // Each level: the bytes of the enclosing element not walked yet.
    let mut stack: Vec<&[u8]> = vec![data];
    while let Some(level) = stack.last_mut() {
        if level.is_empty() || level.starts_with(&[0, 0]) {
            stack.pop();
            continue;
        }
        let Ok(tlv) = header(level) else { return Ok(()) };
        let total = match tlv.len {
            Some(len) => tlv.header + len,
            // Its end is found by a walk that is itself depth-limited.
            None => match element_len(level) {
                Ok(total) => total,
                Err(e @ TlvError::TooDeep { .. }) => return Err(e),
                Err(_) => return Ok(()),
            },
        };
        let (element, rest) = level.split_at(total.min(level.len()));
        *level = rest;
        if tlv.tag & 0x20 != 0 {
            if stack.len() > MAX_DEPTH {
                return Err(TlvError::TooDeep { max: MAX_DEPTH });
            }
            stack.push(element.get(tlv.header..).unwrap_or_default());
        }
    }
    Ok(())
}

/// The content octets of the element at the start of `data`, and the bytes after it.
pub fn content(data: &[u8]) -> Result<(&[u8], &[u8]), TlvError> {
    let tlv = header(data)?;
    let total = element_len(data)?;
    if total > data.len() {
        return Err(TlvError::Truncated);
    }
    let end = if tlv.len.is_some() { total } else { total - 2 };
    Ok((&data[tlv.header..end], &data[total..]))
}

/// The children of a constructed element's content.
pub fn children(mut data: &[u8]) -> Result<Vec<&[u8]>, TlvError> {
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

/// A SEQUENCE of already-encoded elements.
pub fn sequence(items: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &items.concat())
}

/// A SET OF, its elements sorted by encoding as DER requires (X.690 §11.6).
pub fn set_of(items: &[Vec<u8>]) -> Vec<u8> {
    let mut sorted = items.to_vec();
    sorted.sort();
    tlv(0x31, &sorted.concat())
}

/// An OCTET STRING.
pub fn octet_string(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// An OBJECT IDENTIFIER from dotted text (`1.2.840.113549.1.7.2`).
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut body = Vec::new();
    if arcs.len() >= 2 {
        base128(arcs[0] * 40 + arcs[1], &mut body);
        for a in &arcs[2..] {
            base128(*a, &mut body);
        }
    }
    tlv(0x06, &body)
}

fn base128(mut v: u64, out: &mut Vec<u8>) {
    let mut tmp = vec![(v & 0x7F) as u8];
    v >>= 7;
    while v > 0 {
        tmp.push(0x80 | (v & 0x7F) as u8);
        v >>= 7;
    }
    tmp.reverse();
    out.extend(tmp);
}

/// Dotted text of an OBJECT IDENTIFIER's content octets.
pub fn oid_text(content: &[u8]) -> String {
    let mut arcs = Vec::new();
    let mut v: u64 = 0;
    for (i, b) in content.iter().enumerate() {
        v = (v << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            if arcs.is_empty() && i < content.len() {
                let first = (v / 40).min(2);
                arcs.push(first);
                arcs.push(v - first * 40);
            } else {
                arcs.push(v);
            }
            v = 0;
        }
    }
    arcs.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
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
    fn integers_and_lengths() {
        assert_eq!(unsigned_integer(&[0x00, 0x7F]), vec![0x02, 0x01, 0x7F]);
        assert_eq!(unsigned_integer(&[0x80]), vec![0x02, 0x02, 0x00, 0x80]);
        assert_eq!(unsigned_integer(&[0, 0]), vec![0x02, 0x01, 0x00]);
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(ecdsa_signature_der(&[0x01, 0x81]), vec![0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x81]);
        let signed_data = oid("1.2.840.113549.1.7.2");
        assert_eq!(signed_data, vec![0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]);
        assert_eq!(oid_text(&signed_data[2..]), "1.2.840.113549.1.7.2");
        assert_eq!(oid_text(&oid("0.4.0.1862.1.6.1")[2..]), "0.4.0.1862.1.6.1");
        assert_eq!(
            set_of(&[vec![0x02, 0x01, 0x09], vec![0x02, 0x01, 0x01]]),
            vec![0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x09]
        );
    }

    /// `depth` SEQUENCEs, each with the indefinite length, around an INTEGER.
    fn nested_indefinite(depth: usize) -> Vec<u8> {
        let mut v = [0x30, 0x80].repeat(depth);
        v.extend_from_slice(&[0x02, 0x01, 0x05]);
        v.extend([0, 0].repeat(depth));
        v
    }

    /// `depth` SEQUENCEs, each with a definite length, around an INTEGER.
    fn nested_definite(depth: usize) -> Vec<u8> {
        let mut v = vec![0x02, 0x01, 0x05];
        for _ in 0..depth {
            v = tlv(0x30, &v);
        }
        v
    }

    #[test]
    fn deep_indefinite_nesting_is_refused_not_a_stack_overflow() {
        let deep = nested_indefinite(100_000);
        assert_eq!(element_len(&deep), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        assert!(matches!(content(&deep), Err(TlvError::TooDeep { .. })));
        assert_eq!(check_nesting(&deep), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        // Cut off: still too deep, not truncated.
        assert_eq!(element_len(&deep[..deep.len() / 2]), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        let ok = nested_indefinite(MAX_DEPTH);
        assert_eq!(element_len(&ok), Ok(ok.len()));
        assert_eq!(check_nesting(&ok), Ok(()));
        assert_eq!(TlvError::TooDeep { max: 64 }.to_string(), "elements nested more than 64 levels deep");
    }

    #[test]
    fn deep_definite_nesting_is_found_by_check_nesting() {
        assert_eq!(check_nesting(&nested_definite(MAX_DEPTH)), Ok(()));
        assert_eq!(check_nesting(&nested_definite(MAX_DEPTH + 1)), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        assert_eq!(check_nesting(&nested_definite(10_000)), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        // Elements after the first count too; garbage inside is left to the real parser.
        let mut two = nested_definite(3);
        two.extend(nested_definite(MAX_DEPTH + 5));
        assert_eq!(check_nesting(&two), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        // Deep nesting hidden after an indefinite-length element's end-of-contents.
        let mut hidden = vec![0x30, 0x80, 0x30, 0x80, 0x00, 0x00];
        hidden.extend(nested_definite(MAX_DEPTH + 5));
        hidden.extend([0x00, 0x00]);
        assert_eq!(check_nesting(&hidden), Err(TlvError::TooDeep { max: MAX_DEPTH }));
        assert_eq!(check_nesting(&[0x30, 0x03, 0x1F, 0x1F, 0x1F]), Ok(()));
    }
}
