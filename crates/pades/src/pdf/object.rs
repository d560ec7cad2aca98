//! PDF objects (ISO 32000-2 §7.3) and their serialisation.

use std::fmt::Write as _;

/// A reference to an indirect object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef {
    pub num: u32,
    pub generation: u16,
}

/// A dictionary, keys in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Object)>);

impl Dict {
    /// The value of `/key`.
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `/key`, replacing an existing value in place.
    pub fn set(&mut self, key: &[u8], value: Object) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_vec(), value)),
        }
    }

    /// Removes `/key`.
    pub fn remove(&mut self, key: &[u8]) {
        self.0.retain(|(k, _)| k != key);
    }

    /// `/key` as a name.
    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        match self.get(key) {
            Some(Object::Name(n)) => Some(n),
            _ => None,
        }
    }

    /// `/key` as an integer.
    pub fn int(&self, key: &[u8]) -> Option<i64> {
        match self.get(key) {
            Some(Object::Int(i)) => Some(*i),
            _ => None,
        }
    }
}

/// Where a stream's data is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamData {
    /// Absolute offset of the first data byte.
    pub offset: u64,
}

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    /// Literal or hexadecimal string, decoded.
    Str(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Ref(ObjRef),
    /// A stream: its dictionary and where its data starts.
    Stream(Dict, StreamData),
}

impl Object {
    /// How many objects this one holds, itself included (walked without recursion).
    pub fn element_count(&self) -> usize {
        let mut count = 0usize;
        let mut stack = vec![self];
        while let Some(o) = stack.pop() {
            count += 1;
            match o {
                Self::Array(a) => stack.extend(a),
                Self::Dict(d) | Self::Stream(d, _) => stack.extend(d.0.iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        count
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Self::Dict(d) | Self::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_ref(&self) -> Option<ObjRef> {
        match self {
            Self::Ref(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Self::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Self::Int(i) => Some(*i as f64),
            Self::Real(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Self::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Self::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Shorthand for a name object.
pub fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// Shorthand for a reference.
pub fn reference(num: u32) -> Object {
    Object::Ref(ObjRef { num, generation: 0 })
}

/// Serialises an object (streams are written by their owners, never here).
pub fn write(obj: &Object, out: &mut Vec<u8>) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format_real(*r).as_bytes()),
        Object::Name(n) => write_name(n, out),
        Object::Str(s) => write_string(s, out),
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write(o, out);
            }
            out.push(b']');
        }
        Object::Dict(d) | Object::Stream(d, _) => write_dict(d, out),
        Object::Ref(r) => out.extend_from_slice(format!("{} {} R", r.num, r.generation).as_bytes()),
    }
}

pub fn write_dict(d: &Dict, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<<");
    for (k, v) in &d.0 {
        write_name(k, out);
        out.push(b' ');
        write(v, out);
    }
    out.extend_from_slice(b">>");
}

fn format_real(r: f64) -> String {
    if r.fract() == 0.0 && r.abs() < 1e15 {
        return format!("{}", r as i64);
    }
    let s = format!("{r:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn write_name(n: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &b in n {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            let mut s = String::new();
            let _ = write!(s, "#{b:02X}");
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// Strings are written as literals when printable, hex otherwise.
fn write_string(s: &[u8], out: &mut Vec<u8>) {
    if s.iter().all(|b| (0x20..0x7F).contains(b)) {
        out.push(b'(');
        for &b in s {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        out.push(b'<');
        out.extend_from_slice(hex::encode_upper(s).as_bytes());
        out.push(b'>');
    }
}

/// A text string (§7.9.2.2): PDFDocEncoding-compatible ASCII as is, else UTF-16BE with BOM.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::Str(s.as_bytes().to_vec())
    } else {
        let mut v = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_be_bytes());
        }
        Object::Str(v)
    }
}

/// Decodes a text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ≈ Latin-1).
pub fn decode_text(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = s.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    s.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises() {
        let mut d = Dict::default();
        d.set(b"Type", name("Sig"));
        d.set(b"Reason", text_string("Semnat (ok)"));
        d.set(
            b"N",
            Object::Array(vec![Object::Int(1), Object::Real(0.5), reference(7), Object::Name(b"A B".to_vec())]),
        );
        let mut out = Vec::new();
        write_dict(&d, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "<</Type /Sig/Reason (Semnat \\(ok\\))/N [1 0.5 7 0 R /A#20B]>>");
        assert_eq!(decode_text(text_string("Țăranu").as_str().unwrap()), "Țăranu");
    }
}
