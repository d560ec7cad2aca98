//! Stream filters Pecat needs to read structure (ISO 32000-2 §7.4): FlateDecode with the PNG
//! predictors used by cross-reference and object streams. Output is capped, so a "zip bomb"
//! (a few KB that inflate to gigabytes) is refused instead of filling memory.

use std::io::Read;

use super::object::{Dict, Object};

/// The most one stream may decode to, unless the caller asks for less. Cross-reference and
/// object streams of real files are kilobytes to a few megabytes.
pub const MAX_DECODED: usize = 256 << 20;

/// Why a stream could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The decoded data would be longer than `max` bytes.
    TooLarge { max: usize },
    /// The data or the filter parameters are bad; the text says how.
    Invalid(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { max } => write!(f, "decompressed data exceeds {}", size_text(*max)),
            Self::Invalid(reason) => f.write_str(reason),
        }
    }
}

impl From<String> for DecodeError {
    fn from(reason: String) -> Self {
        Self::Invalid(reason)
    }
}

/// Decodes `raw` per the stream's `/Filter` and `/DecodeParms`, refusing output over
/// [`MAX_DECODED`].
pub fn decode(dict: &Dict, raw: Vec<u8>) -> Result<Vec<u8>, DecodeError> {
    decode_limited(dict, raw, MAX_DECODED)
}

/// Decodes `raw` per the stream's `/Filter` and `/DecodeParms`, refusing output (after any
/// filter of the chain) longer than `max` bytes.
pub fn decode_limited(dict: &Dict, raw: Vec<u8>, max: usize) -> Result<Vec<u8>, DecodeError> {
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter") {
        None => return Ok(raw),
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().map(<[u8]>::to_vec)).collect(),
        Some(_) => return Err(DecodeError::Invalid("bad /Filter".into())),
    };
    let parms = match dict.get(b"DecodeParms") {
        Some(Object::Dict(d)) => Some(d.clone()),
        Some(Object::Array(a)) => a.first().and_then(Object::as_dict).cloned(),
        _ => None,
    };
    let mut data = raw;
    for f in filters {
        match f.as_slice() {
            b"FlateDecode" | b"Fl" => {
                data = inflate(&data, max)?;
                if let Some(p) = &parms {
                    data = unpredict(p, data)?;
                }
            }
            other => {
                return Err(DecodeError::Invalid(format!("unsupported filter /{}", String::from_utf8_lossy(other))));
            }
        }
    }
    Ok(data)
}

/// zlib-inflates `data`, reading at most one byte more than `max` so an oversized result is
/// detected without being held.
fn inflate(data: &[u8], max: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::ZlibDecoder::new(data).take(limit).read_to_end(&mut out).map_err(|e| format!("FlateDecode: {e}"))?;
    if out.len() > max {
        return Err(DecodeError::TooLarge { max });
    }
    Ok(out)
}

/// `256 MiB`, `64 KiB`, or bytes.
pub(crate) fn size_text(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// A `/DecodeParms` integer that must lie in `range`.
fn parm(p: &Dict, key: &str, default: i64, range: std::ops::RangeInclusive<i64>) -> Result<usize, String> {
    let v = p.int(key.as_bytes()).unwrap_or(default);
    if !range.contains(&v) {
        return Err(format!("/{key} {v} is out of range"));
    }
    usize::try_from(v).map_err(|_| format!("/{key} {v} is out of range"))
}

/// Undoes PNG predictors (§7.4.4.4, predictor ≥ 10).
fn unpredict(p: &Dict, data: Vec<u8>) -> Result<Vec<u8>, String> {
    let predictor = p.int(b"Predictor").unwrap_or(1);
    if predictor < 10 {
        return if predictor <= 1 { Ok(data) } else { Err("TIFF predictor is not supported".into()) };
    }
    let colors = parm(p, "Colors", 1, 1..=256)?;
    let bpc = parm(p, "BitsPerComponent", 8, 1..=16)?;
    let columns = parm(p, "Columns", 1, 1..=i64::from(u32::MAX))?;
    let bpp = (colors * bpc).div_ceil(8);
    let row = columns
        .checked_mul(colors * bpc)
        .map(|bits| bits.div_ceil(8))
        .ok_or_else(|| format!("a predictor row of {columns} columns is too long"))?;
    if data.is_empty() {
        return Ok(data);
    }
    if row >= data.len() {
        return Err(format!("a predictor row ({row} bytes + 1) is longer than the data ({} bytes)", data.len()));
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        if chunk.len() < row + 1 {
            break;
        }
        let (kind, line) = (chunk[0], &chunk[1..]);
        let mut cur = line.to_vec();
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                0 => cur[i],
                1 => cur[i].wrapping_add(a),
                2 => cur[i].wrapping_add(b),
                3 => cur[i].wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => {
                    let pa = (i16::from(b) - i16::from(c)).abs();
                    let pb = (i16::from(a) - i16::from(c)).abs();
                    let pc = (i16::from(a) + i16::from(b) - 2 * i16::from(c)).abs();
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    cur[i].wrapping_add(pred)
                }
                k => return Err(format!("PNG predictor type {k}")),
            };
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_up_predictor() {
        let mut p = Dict::default();
        p.set(b"Predictor", Object::Int(12));
        p.set(b"Columns", Object::Int(2));
        // rows: [1,2], [1,2] + up → [2,4]
        let out = unpredict(&p, vec![2, 1, 2, 2, 1, 2]).unwrap();
        assert_eq!(out, vec![1, 2, 2, 4]);
    }

    #[test]
    fn huge_predictor_rows_are_refused_without_allocating() {
        for (key, value) in [("Columns", i64::from(u32::MAX)), ("Colors", 256), ("Columns", 1 << 40), ("Colors", -5)] {
            let mut p = Dict::default();
            p.set(b"Predictor", Object::Int(12));
            p.set(b"BitsPerComponent", Object::Int(16));
            p.set(key.as_bytes(), Object::Int(value));
            let err = unpredict(&p, vec![2, 1, 2, 2, 1, 2]).unwrap_err();
            assert!(err.contains("longer than the data") || err.contains("out of range"), "{key} {value}: {err}");
        }
    }

    #[test]
    fn inflating_past_the_limit_is_refused() {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 4 << 20]).unwrap();
        let bomb = z.finish().unwrap();
        let mut d = Dict::default();
        d.set(b"Filter", Object::Name(b"FlateDecode".to_vec()));
        assert_eq!(decode_limited(&d, bomb.clone(), 4 << 20).unwrap().len(), 4 << 20);
        let err = decode_limited(&d, bomb, 1 << 20).unwrap_err();
        assert_eq!(err, DecodeError::TooLarge { max: 1 << 20 });
        assert_eq!(err.to_string(), "decompressed data exceeds 1 MiB");
    }
}
