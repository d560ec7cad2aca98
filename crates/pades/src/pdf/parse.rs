//! Parsing PDF objects from bytes (ISO 32000-2 §7.2–7.3). The parser works on a window of the
//! file; running off its end is `Incomplete`, so the caller can read a larger window.

use super::object::{Dict, ObjRef, Object, StreamData};

/// Why parsing stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The window ended inside the object.
    Incomplete,
    /// The bytes are not a PDF object; the text says what was found.
    Malformed(String),
}

type R<T> = Result<T, ParseError>;

/// How deeply arrays and dictionaries may nest. Real files stay below ten levels; without a limit
/// a crafted `[[[[…` would exhaust the stack.
pub const MAX_DEPTH: usize = 256;

/// How many objects one parse may produce (array elements and dictionary values, counted at
/// every level). Bounds the memory a single object can take: a hostile `[0 0 0 …` expands each
/// two bytes into a 40-byte [`Object`].
pub const MAX_ITEMS: usize = 4_000_000;

fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A cursor over a window that starts at absolute file offset `base`.
#[derive(Debug)]
pub struct Parser<'a> {
    data: &'a [u8],
    pub pos: usize,
    base: u64,
    depth: usize,
    items: usize,
    max_items: usize,
}

impl<'a> Parser<'a> {
    pub fn new(data: &'a [u8], pos: usize, base: u64) -> Self {
        Self { data, pos, base, depth: 0, items: 0, max_items: MAX_ITEMS }
    }

    /// Enters an array or dictionary, refusing to go deeper than [`MAX_DEPTH`].
    fn enter(&mut self) -> R<()> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError::Malformed(format!(
                "arrays or dictionaries nested more than {MAX_DEPTH} levels deep"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    /// Counts one more element, refusing more than [`MAX_ITEMS`].
    fn count_item(&mut self) -> R<()> {
        self.items += 1;
        if self.items > self.max_items {
            return Err(ParseError::Malformed(format!("more than {} elements in one object", self.max_items)));
        }
        Ok(())
    }

    fn peek(&self) -> R<u8> {
        self.data.get(self.pos).copied().ok_or(ParseError::Incomplete)
    }

    /// Skips white space and comments.
    pub fn skip_ws(&mut self) -> R<()> {
        loop {
            let b = self.peek()?;
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while !matches!(self.peek()?, b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                return Ok(());
            }
        }
    }

    /// Reads a regular-character token (keyword or number).
    pub fn token(&mut self) -> R<&'a [u8]> {
        self.skip_ws()?;
        let start = self.pos;
        while self.pos < self.data.len() && !is_white(self.data[self.pos]) && !is_delim(self.data[self.pos]) {
            self.pos += 1;
        }
        if self.pos == self.data.len() {
            return Err(ParseError::Incomplete);
        }
        Ok(&self.data[start..self.pos])
    }

    /// Expects the keyword `kw` next.
    pub fn keyword(&mut self, kw: &[u8]) -> R<()> {
        let t = self.token()?;
        if t == kw {
            Ok(())
        } else {
            Err(ParseError::Malformed(format!(
                "expected \"{}\", found \"{}\"",
                String::from_utf8_lossy(kw),
                String::from_utf8_lossy(t)
            )))
        }
    }

    /// Reads an unsigned integer token.
    pub fn uint(&mut self) -> R<u64> {
        let t = self.token()?;
        std::str::from_utf8(t).ok().and_then(|s| s.parse().ok()).ok_or_else(|| {
            ParseError::Malformed(format!("expected a number, found \"{}\"", String::from_utf8_lossy(t)))
        })
    }

    /// Parses `num generation obj <object> endobj`, returning the header and the object.
    pub fn indirect(&mut self) -> R<(ObjRef, Object)> {
        let num = self.uint()?;
        let generation = self.uint()?;
        self.keyword(b"obj")?;
        let obj = self.object()?;
        let obj = match obj {
            Object::Dict(d) => {
                let save = self.pos;
                self.skip_ws()?;
                let rest = &self.data[self.pos..];
                // A window that ends inside `stream` or before its end-of-line is not a dictionary.
                if rest.len() < 8 && (b"stream".starts_with(rest) || rest == b"stream\r") {
                    return Err(ParseError::Incomplete);
                }
                if rest.starts_with(b"stream") {
                    self.pos += 6;
                    // The keyword is followed by CRLF or LF (§7.3.8.1); tolerate a lone CR.
                    if self.data.get(self.pos) == Some(&b'\r') {
                        self.pos += 1;
                    }
                    if self.data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    Object::Stream(d, StreamData { offset: self.base + self.pos as u64 })
                } else {
                    self.pos = save;
                    Object::Dict(d)
                }
            }
            other => other,
        };
        let r = ObjRef {
            num: u32::try_from(num).map_err(|_| ParseError::Malformed("object number too large".into()))?,
            generation: u16::try_from(generation).map_err(|_| ParseError::Malformed("generation too large".into()))?,
        };
        Ok((r, obj))
    }

    /// Parses one direct object (references `n g R` included).
    pub fn object(&mut self) -> R<Object> {
        // Each kind is parsed in its own function so that the recursion (object → array or
        // dictionary → object) carries only small stack frames: 256 levels must fit a thread's
        // stack in an unoptimised build too.
        self.skip_ws()?;
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                Ok(Object::Name(self.name_body()?))
            }
            b'(' => {
                self.pos += 1;
                Ok(Object::Str(self.literal()?))
            }
            b'<' => {
                if self.data.get(self.pos + 1).copied().ok_or(ParseError::Incomplete)? == b'<' {
                    self.pos += 2;
                    self.enter()?;
                    let d = self.dict_body()?;
                    self.depth -= 1;
                    Ok(Object::Dict(d))
                } else {
                    self.pos += 1;
                    Ok(Object::Str(self.hex()?))
                }
            }
            b'[' => {
                self.pos += 1;
                self.enter()?;
                let items = self.array_body()?;
                self.depth -= 1;
                Ok(Object::Array(items))
            }
            _ => self.scalar(b),
        }
    }

    fn array_body(&mut self) -> R<Vec<Object>> {
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek()? == b']' {
                self.pos += 1;
                return Ok(items);
            }
            self.count_item()?;
            items.push(self.object()?);
        }
    }

    /// A number, reference, boolean or null starting with byte `b`.
    #[inline(never)]
    fn scalar(&mut self, b: u8) -> R<Object> {
        let t = self.token()?;
        if t.is_empty() {
            return Err(ParseError::Malformed(format!("unexpected byte 0x{b:02X}")));
        }
        match t {
            b"true" => return Ok(Object::Bool(true)),
            b"false" => return Ok(Object::Bool(false)),
            b"null" => return Ok(Object::Null),
            _ => {}
        }
        let s = std::str::from_utf8(t).map_err(|_| ParseError::Malformed("non-ASCII token".into()))?;
        if let Ok(i) = s.parse::<i64>() {
            // Maybe `num generation R`.
            let save = self.pos;
            if i >= 0
                && let (Ok(g), Ok(kw)) = (self.token().map(<[u8]>::to_vec), self.token().map(<[u8]>::to_vec))
                && kw == b"R"
                && let Some(generation) = std::str::from_utf8(&g).ok().and_then(|g| g.parse::<u16>().ok())
            {
                let num = u32::try_from(i).map_err(|_| ParseError::Malformed("bad reference".into()))?;
                return Ok(Object::Ref(ObjRef { num, generation }));
            }
            self.pos = save;
            return Ok(Object::Int(i));
        }
        s.parse::<f64>().map(Object::Real).map_err(|_| ParseError::Malformed(format!("unexpected \"{s}\"")))
    }

    fn name_body(&mut self) -> R<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let b = match self.data.get(self.pos) {
                Some(b) => *b,
                None => return Err(ParseError::Incomplete),
            };
            if is_white(b) || is_delim(b) {
                return Ok(out);
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.data.get(self.pos..self.pos + 2).ok_or(ParseError::Incomplete)?;
                let v = std::str::from_utf8(h).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match v {
                    Some(v) => {
                        out.push(v);
                        self.pos += 2;
                    }
                    None => out.push(b'#'),
                }
            } else {
                out.push(b);
            }
        }
    }

    fn literal(&mut self) -> R<Vec<u8>> {
        let mut out = Vec::new();
        let mut depth = 1;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek()? == b'\n' {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                let d = self.peek()?;
                                if !(b'0'..=b'7').contains(&d) {
                                    break;
                                }
                                v = v * 8 + u32::from(d - b'0');
                                self.pos += 1;
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
    }

    fn hex(&mut self) -> R<Vec<u8>> {
        let mut digits = Vec::new();
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'>' => break,
                b if b.is_ascii_hexdigit() => digits.push(b),
                b if is_white(b) => {}
                other => return Err(ParseError::Malformed(format!("0x{other:02X} in a hex string"))),
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        Ok(digits
            .chunks(2)
            .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap_or("00"), 16).unwrap_or(0))
            .collect())
    }

    fn dict_body(&mut self) -> R<Dict> {
        let mut d = Dict::default();
        loop {
            self.skip_ws()?;
            let b = self.peek()?;
            if b == b'>' {
                if self.data.get(self.pos + 1).copied().ok_or(ParseError::Incomplete)? != b'>' {
                    return Err(ParseError::Malformed("single > in a dictionary".into()));
                }
                self.pos += 2;
                return Ok(d);
            }
            if b != b'/' {
                return Err(ParseError::Malformed(format!("dictionary key expected, found 0x{b:02X}")));
            }
            self.pos += 1;
            let key = self.name_body()?;
            self.count_item()?;
            let value = self.object()?;
            d.0.push((key, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Object {
        Parser::new(s.as_bytes(), 0, 0).object().unwrap()
    }

    #[test]
    fn objects() {
        assert_eq!(parse("12 0 R "), Object::Ref(ObjRef { num: 12, generation: 0 }));
        assert_eq!(parse("12 0 obj"), Object::Int(12));
        assert_eq!(parse("(a\\(b\\)\\101\\\nc) "), Object::Str(b"a(b)Ac".to_vec()));
        assert_eq!(parse("<48 65 6C6C 6F> "), Object::Str(b"Hello".to_vec()));
        assert_eq!(parse("/A#20B "), Object::Name(b"A B".to_vec()));
        assert_eq!(parse("-.5 "), Object::Real(-0.5));
        let d = parse("<</Type/Page/Kids[1 0 R 2 0 R]/N null>> ");
        let d = d.as_dict().unwrap();
        assert_eq!(d.name(b"Type"), Some(&b"Page"[..]));
        assert_eq!(d.get(b"Kids").unwrap().as_array().unwrap().len(), 2);
    }

    #[test]
    fn indirect_stream_and_incomplete() {
        let src = b"7 0 obj\n<</Length 3>>\nstream\r\nabc\nendstream\nendobj\n";
        let (r, o) = Parser::new(src, 0, 100).indirect().unwrap();
        assert_eq!(r.num, 7);
        assert!(matches!(o, Object::Stream(_, StreamData { offset: 130 })));
        assert_eq!(Parser::new(b"7 0 obj <</A [1 2", 0, 0).indirect(), Err(ParseError::Incomplete));
        for cut in ["7 0 obj <<>> str", "7 0 obj <<>> stream", "7 0 obj <<>> stream\r"] {
            assert_eq!(Parser::new(cut.as_bytes(), 0, 0).indirect(), Err(ParseError::Incomplete), "{cut}");
        }
        assert!(matches!(Parser::new(b"7 0 foo 1 ", 0, 0).indirect(), Err(ParseError::Malformed(_))));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        for (open, close) in [("[", "]"), ("<</A ", ">>")] {
            let deep = format!("{}{} ", open.repeat(20_000), close.repeat(20_000));
            let err = Parser::new(deep.as_bytes(), 0, 0).object().unwrap_err();
            assert_eq!(
                err,
                ParseError::Malformed("arrays or dictionaries nested more than 256 levels deep".into()),
                "{open}"
            );
            // A cut-off window is still reported as too deep, not as incomplete (which would make
            // the reader grow its window up to 64 MiB first).
            let cut = open.repeat(20_000);
            assert!(matches!(Parser::new(cut.as_bytes(), 0, 0).object(), Err(ParseError::Malformed(_))));
        }
        let ok = format!("{}{} ", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Parser::new(ok.as_bytes(), 0, 0).object().is_ok());
    }

    #[test]
    fn huge_arrays_are_refused() {
        // The real limit is MAX_ITEMS; a smaller one keeps the test fast.
        let parse = |s: &str| Parser { max_items: 1000, ..Parser::new(s.as_bytes(), 0, 0) }.object();
        assert!(parse(&format!("[{}] ", "0 ".repeat(1000))).is_ok());
        let err = parse(&format!("[{}] ", "0 ".repeat(1001))).unwrap_err();
        assert_eq!(err, ParseError::Malformed("more than 1000 elements in one object".into()));
        // Counted across levels, keys' values included.
        let err = parse(&format!("[{}] ", "<</A [0 0 0] /B 1>> ".repeat(200))).unwrap_err();
        assert_eq!(err, ParseError::Malformed("more than 1000 elements in one object".into()));
    }
}
