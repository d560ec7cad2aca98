//! The bundled font (DejaVu Sans, Bitstream Vera licence: Latin with Romanian ă â î ș ț, Serbian
//! Latin and Cyrillic) embedded as a subset: a Type0 font with a CIDFontType2 descendant,
//! Identity-H encoding over the subset's glyph ids, widths and a ToUnicode map so the text can
//! be searched and copied (ISO 32000-2 §9.7, §9.10.3).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::pdf::name;
use crate::pdf::object::{Dict, ObjRef, Object};
use crate::update::Update;

static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Text set in the bundled font: its glyphs, remapped for the subset.
#[derive(Debug)]
pub struct FontUse {
    face: ttf_parser::Face<'static>,
    face_units: f64,
    remapper: subsetter::GlyphRemapper,
    /// new glyph id → (char, advance in font units)
    used: BTreeMap<u16, (char, u16)>,
}

impl FontUse {
    /// Checks that every character of `lines` exists in the font and records the glyphs.
    pub fn new(lines: &[String]) -> Result<Self> {
        let face =
            ttf_parser::Face::parse(DEJAVU_SANS, 0).map_err(|e| Error::Appearance(format!("bundled font: {e}")))?;
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut used = BTreeMap::new();
        for c in lines.iter().flat_map(|l| l.chars()) {
            let gid = face.glyph_index(c).ok_or_else(|| {
                Error::Appearance(format!("the character '{c}' (U+{:04X}) cannot be shown in the signature", c as u32))
            })?;
            let new = remapper.remap(gid.0);
            let advance = face.glyph_hor_advance(gid).unwrap_or(0);
            used.entry(new).or_insert((c, advance));
        }
        Ok(Self { face_units: f64::from(face.units_per_em()), face, remapper, used })
    }

    fn glyph(&self, c: char) -> Option<(u16, u16)> {
        self.used.iter().find(|(_, (ch, _))| *ch == c).map(|(g, (_, adv))| (*g, *adv))
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        text.chars().filter_map(|c| self.glyph(c)).map(|(_, adv)| f64::from(adv)).sum::<f64>() / self.face_units * size
    }

    /// `text` as an Identity-H hex string operand.
    pub fn encode(&self, text: &str) -> String {
        let mut s = String::from("<");
        for (g, _) in text.chars().filter_map(|c| self.glyph(c)) {
            let _ = write!(s, "{g:04X}");
        }
        s.push('>');
        s
    }

    /// Writes the font objects; returns the Type0 font's reference.
    pub fn write(&self, up: &mut Update) -> Result<ObjRef> {
        let face = &self.face;
        let subset = subsetter::subset(DEJAVU_SANS, 0, &self.remapper)
            .map_err(|e| Error::Appearance(format!("font subset: {e:?}")))?;
        let tag = subset_tag(&subset);
        let base = format!("{tag}+DejaVuSans");
        let scale = 1000.0 / self.face_units;
        let [type0, cid, descriptor, file, tounicode] = [0; 5].map(|_| ObjRef { num: up.allocate(), generation: 0 });

        let mut fd = Dict::default();
        fd.set(b"Length1", Object::Int(subset.len() as i64));
        fd.set(b"Filter", name("FlateDecode"));
        up.put_stream(file, fd, &crate::appearance::deflate(&subset));

        let bbox = face.global_bounding_box();
        let mut d = Dict::default();
        d.set(b"Type", name("FontDescriptor"));
        d.set(b"FontName", Object::Name(base.clone().into_bytes()));
        d.set(b"Flags", Object::Int(32));
        d.set(
            b"FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .iter()
                    .map(|v| Object::Int((f64::from(*v) * scale) as i64))
                    .collect(),
            ),
        );
        d.set(b"ItalicAngle", Object::Int(0));
        d.set(b"Ascent", Object::Int((f64::from(face.ascender()) * scale) as i64));
        d.set(b"Descent", Object::Int((f64::from(face.descender()) * scale) as i64));
        d.set(b"CapHeight", Object::Int((f64::from(face.capital_height().unwrap_or(face.ascender())) * scale) as i64));
        d.set(b"StemV", Object::Int(80));
        d.set(b"FontFile2", Object::Ref(file));
        up.put(descriptor, &Object::Dict(d));

        let mut widths = Vec::new();
        for (g, (_, adv)) in &self.used {
            widths.push(Object::Int(i64::from(*g)));
            widths.push(Object::Array(vec![Object::Int((f64::from(*adv) * scale).round() as i64)]));
        }
        let mut info = Dict::default();
        info.set(b"Registry", Object::Str(b"Adobe".to_vec()));
        info.set(b"Ordering", Object::Str(b"Identity".to_vec()));
        info.set(b"Supplement", Object::Int(0));
        let mut c = Dict::default();
        c.set(b"Type", name("Font"));
        c.set(b"Subtype", name("CIDFontType2"));
        c.set(b"BaseFont", Object::Name(base.clone().into_bytes()));
        c.set(b"CIDSystemInfo", Object::Dict(info));
        c.set(b"FontDescriptor", Object::Ref(descriptor));
        c.set(b"DW", Object::Int(1000));
        c.set(b"W", Object::Array(widths));
        c.set(b"CIDToGIDMap", name("Identity"));
        up.put(cid, &Object::Dict(c));

        let mut tu = Dict::default();
        tu.set(b"Filter", name("FlateDecode"));
        up.put_stream(tounicode, tu, &crate::appearance::deflate(self.to_unicode().as_bytes()));

        let mut t = Dict::default();
        t.set(b"Type", name("Font"));
        t.set(b"Subtype", name("Type0"));
        t.set(b"BaseFont", Object::Name(base.into_bytes()));
        t.set(b"Encoding", name("Identity-H"));
        t.set(b"DescendantFonts", Object::Array(vec![Object::Ref(cid)]));
        t.set(b"ToUnicode", Object::Ref(tounicode));
        up.put(type0, &Object::Dict(t));
        Ok(type0)
    }

    fn to_unicode(&self) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<_> = self.used.iter().collect();
        for chunk in entries.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (g, (c, _)) in chunk {
                let mut units = [0u16; 2];
                let hex: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
                let _ = writeln!(s, "<{g:04X}> <{hex}>");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}

/// Six capital letters derived from the subset, as §9.6.4 asks of subset font names.
fn subset_tag(data: &[u8]) -> String {
    use sha2::Digest;
    let h = sha2::Sha256::digest(data);
    h.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}
