//! Stream filters Pecat needs to read structure (ISO 32000-2 §7.4): FlateDecode with the PNG
//! predictors used by cross-reference and object streams.

use std::io::Read;

use super::object::{Dict, Object};

/// Decodes `raw` per the stream's `/Filter` and `/DecodeParms`.
pub fn decode(dict: &Dict, raw: Vec<u8>) -> Result<Vec<u8>, String> {
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter") {
        None => return Ok(raw),
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().map(<[u8]>::to_vec)).collect(),
        Some(_) => return Err("bad /Filter".into()),
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
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(&data[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("FlateDecode: {e}"))?;
                data = out;
                if let Some(p) = &parms {
                    data = unpredict(p, data)?;
                }
            }
            other => return Err(format!("unsupported filter /{}", String::from_utf8_lossy(other))),
        }
    }
    Ok(data)
}

/// Undoes PNG predictors (§7.4.4.4, predictor ≥ 10).
fn unpredict(p: &Dict, data: Vec<u8>) -> Result<Vec<u8>, String> {
    let predictor = p.int(b"Predictor").unwrap_or(1);
    if predictor < 10 {
        return if predictor <= 1 { Ok(data) } else { Err("TIFF predictor is not supported".into()) };
    }
    let colors = p.int(b"Colors").unwrap_or(1).max(1) as usize;
    let bpc = p.int(b"BitsPerComponent").unwrap_or(8).max(1) as usize;
    let columns = p.int(b"Columns").unwrap_or(1).max(1) as usize;
    let bpp = (colors * bpc).div_ceil(8);
    let row = (columns * colors * bpc).div_ceil(8);
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
}
