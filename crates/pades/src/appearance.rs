//! Signature appearances (ISO 32000-2 §12.7.5.5, §12.5.5): an empty one for invisible
//! signatures; for visible ones, text lines in the bundled font (subset) and an optional PNG or
//! JPEG image, laid out to fit the rectangle, upright on a rotated page, and the page geometry
//! (visible area, rotation) that placement depends on.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Result};
use crate::font::FontUse;
use crate::pdf::PdfFile;
use crate::pdf::name;
use crate::pdf::object::{Dict, ObjRef, Object};
use crate::sign::SignatureOptions;
use crate::update::Update;

/// A visible signature.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// Page number, 1-based.
    pub page: usize,
    /// `[x1 y1 x2 y2]` in points, in the page's default user space: from the bottom-left corner
    /// of the un-rotated page, whatever its `/Rotate`. It must lie inside the page's visible
    /// area (its crop box).
    pub rect: [f64; 4],
    /// Text lines; empty means signer, date and reason.
    pub lines: Vec<String>,
    /// An image shown left of the text.
    pub image: Option<PathBuf>,
}

/// How a page is turned for display (`/Rotate`, ISO 32000-2 §7.7.3.3 Table 31): 0, 90, 180 or
/// 270 degrees clockwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rotation(u16);

impl Rotation {
    /// Normalises any `/Rotate` value: negative values and multiples beyond 360 wrap around; a
    /// value that is not a multiple of 90 is invalid and taken as 0, as viewers do.
    pub fn from_degrees(degrees: i64) -> Self {
        let d = degrees.rem_euclid(360);
        match u16::try_from(d) {
            Ok(d) if d % 90 == 0 => Self(d),
            _ => Self(0),
        }
    }

    /// Degrees clockwise: 0, 90, 180 or 270.
    pub fn degrees(self) -> u16 {
        self.0
    }

    /// True when the page is shown on its side (90 or 270).
    fn is_sideways(self) -> bool {
        self.0 % 180 == 90
    }

    /// The form's `/Matrix` for a box of `w`×`h` as the reader sees it: it turns the form
    /// counter-clockwise by the page's rotation, so that the page's clockwise turn brings it
    /// upright, and moves the turned box back to the origin (§8.3.4: `cos sin -sin cos e f`).
    fn matrix(self, w: f64, h: f64) -> [f64; 6] {
        match self.0 {
            90 => [0.0, 1.0, -1.0, 0.0, h, 0.0],
            180 => [-1.0, 0.0, 0.0, -1.0, w, h],
            270 => [0.0, -1.0, 1.0, 0.0, 0.0, w],
            _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        }
    }
}

/// What a visible signature needs to know about its page, with the inheritable attributes
/// looked up through the page tree (§7.7.3.4).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageGeometry {
    /// The visible area, `[x1 y1 x2 y2]` normalised: the crop box clipped to the media box
    /// (§14.11.2), or the media box; `None` when the page has neither (a damaged page).
    pub visible: Option<[f64; 4]>,
    /// `/Rotate`.
    pub rotation: Rotation,
}

/// How many `/Parent` links are followed looking for inherited attributes; real page trees are
/// a few levels deep, and a `/Parent` loop must not keep the walk going.
const MAX_PAGE_TREE_DEPTH: usize = 64;

/// A rectangle (§7.9.5) normalised to lower-left, upper-right; `None` unless four finite numbers.
fn rectangle(pdf: &PdfFile, o: &Object) -> Result<Option<[f64; 4]>> {
    let Some(items) = pdf.resolve(o)?.as_array().map(<[Object]>::to_vec) else { return Ok(None) };
    let mut v = [0.0; 4];
    if items.len() != 4 {
        return Ok(None);
    }
    for (slot, item) in v.iter_mut().zip(&items) {
        match pdf.resolve(item)?.as_number() {
            Some(n) if n.is_finite() => *slot = n,
            _ => return Ok(None),
        }
    }
    Ok(Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]))
}

/// The visible area and rotation of `page`, inherited from its ancestors where the page does not
/// say (§7.7.3.4: `/MediaBox`, `/CropBox`, `/Rotate`).
pub fn page_geometry(pdf: &PdfFile, page: &Dict) -> Result<PageGeometry> {
    let (mut media, mut crop, mut rotate) = (None, None, None);
    let mut node = Some(page.clone());
    let mut depth = 0;
    while let Some(d) = node {
        if media.is_none()
            && let Some(o) = d.get(b"MediaBox")
        {
            media = rectangle(pdf, o)?;
        }
        if crop.is_none()
            && let Some(o) = d.get(b"CropBox")
        {
            crop = rectangle(pdf, o)?;
        }
        if rotate.is_none()
            && let Some(o) = d.get(b"Rotate")
        {
            // A real is accepted as its whole part; anything else is no rotation.
            rotate = pdf.resolve(o)?.as_number().filter(|n| n.is_finite()).map(|n| n as i64);
        }
        depth += 1;
        if depth > MAX_PAGE_TREE_DEPTH || (media.is_some() && crop.is_some() && rotate.is_some()) {
            break;
        }
        node = match d.get(b"Parent") {
            Some(p) => Some(pdf.dict(p)?),
            None => None,
        };
    }
    let visible = match (crop, media) {
        (Some(c), Some(m)) => {
            let clipped = [c[0].max(m[0]), c[1].max(m[1]), c[2].min(m[2]), c[3].min(m[3])];
            // A crop box wholly off the media box shows nothing; keep the media box then.
            Some(if clipped[0] < clipped[2] && clipped[1] < clipped[3] { clipped } else { m })
        }
        (c, m) => m.or(c),
    };
    Ok(PageGeometry { visible, rotation: Rotation::from_degrees(rotate.unwrap_or(0)) })
}

/// Refuses a rectangle that is not wholly inside the page's visible area: a signature drawn
/// there would be cut off or never seen. Nothing is checked when the page has no box.
pub fn check_rect(rect: [f64; 4], page: &PageGeometry) -> Result<()> {
    let Some(b) = page.visible else { return Ok(()) };
    if rect.iter().any(|v| !v.is_finite()) {
        return Err(Error::RectOutsidePage { rect, page_box: b, partly: false });
    }
    let [x1, y1, x2, y2] = [rect[0].min(rect[2]), rect[1].min(rect[3]), rect[0].max(rect[2]), rect[1].max(rect[3])];
    if x1 >= b[0] && y1 >= b[1] && x2 <= b[2] && y2 <= b[3] {
        return Ok(());
    }
    let disjoint = x2 <= b[0] || x1 >= b[2] || y2 <= b[1] || y1 >= b[3];
    Err(Error::RectOutsidePage { rect, page_box: b, partly: !disjoint })
}

/// A box as `[x1 y1 x2 y2]` in points, for messages.
pub fn show_box(b: &[f64; 4]) -> String {
    format!("[{} {} {} {}]", fmt(b[0]), fmt(b[1]), fmt(b[2]), fmt(b[3]))
}

/// Flate-compresses `data`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn form(bbox: [f64; 2]) -> Dict {
    let mut d = Dict::default();
    d.set(b"Type", name("XObject"));
    d.set(b"Subtype", name("Form"));
    d.set(b"BBox", Object::Array(vec![Object::Int(0), Object::Int(0), Object::Real(bbox[0]), Object::Real(bbox[1])]));
    d
}

/// An empty Form XObject (invisible signatures still get an appearance).
pub fn empty(up: &mut Update) -> ObjRef {
    let r = ObjRef { num: up.allocate(), generation: 0 };
    up.put_stream(r, form([0.0, 0.0]), b"");
    r
}

fn default_lines(options: &SignatureOptions, now: SystemTime) -> Vec<String> {
    let iso = pecat_pki::iso8601(now);
    let mut lines = vec![format!("Digitally signed by {}", options.name.as_deref().unwrap_or("the holder"))];
    lines.push(format!("Date: {} {} UTC", &iso[..10], &iso[11..16]));
    if let Some(r) = &options.reason {
        lines.push(format!("Reason: {r}"));
    }
    if let Some(l) = &options.location {
        lines.push(format!("Location: {l}"));
    }
    lines
}

/// A decoded image ready to be written.
struct Image {
    width: u32,
    height: u32,
    dict: Dict,
    data: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// The widest and tallest image accepted, in pixels: far more than a signature box shows, and
/// small enough that decoding it stays within a few tens of megabytes.
pub const MAX_IMAGE_SIDE: u32 = 4096;

/// The largest image file accepted, in bytes.
pub const MAX_IMAGE_FILE: u64 = 16 << 20;

/// Reads an image file of at most [`MAX_IMAGE_FILE`] bytes (checked before and while reading, so
/// a file that grows or a device that never ends cannot exhaust memory).
fn read_image_file(path: &Path) -> Result<Vec<u8>> {
    let rerr = |source: std::io::Error| Error::Read { path: path.to_owned(), source: source.into() };
    let meta = std::fs::metadata(path).map_err(rerr)?;
    if !meta.is_file() {
        return Err(Error::NotAFile { path: path.to_owned() });
    }
    let too_large = |size| Error::ImageFileTooLarge { path: path.to_owned(), size, max: MAX_IMAGE_FILE };
    if meta.len() > MAX_IMAGE_FILE {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path).and_then(|f| f.take(MAX_IMAGE_FILE + 1).read_to_end(&mut bytes)).map_err(rerr)?;
    if bytes.len() as u64 > MAX_IMAGE_FILE {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses an image whose header announces more than [`MAX_IMAGE_SIDE`] pixels on a side.
fn check_dimensions(path: &Path, width: u32, height: u32) -> Result<()> {
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(Error::ImageTooLarge { path: path.to_owned(), width, height, max: MAX_IMAGE_SIDE });
    }
    Ok(())
}

/// Width and height from a PNG's IHDR, which must be the first chunk (PNG §5.6, §11.2.2).
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes);
    Some((be(16)?, be(20)?))
}

fn load_image(path: &Path) -> Result<Image> {
    let bytes = read_image_file(path)?;
    let what = path.display();
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let image = jpeg(&bytes).ok_or_else(|| Error::Appearance(format!("{what}: an unreadable JPEG")))?;
        check_dimensions(path, image.width, image.height)?;
        return Ok(image);
    }
    if bytes.starts_with(b"\x89PNG") {
        let (width, height) =
            png_dimensions(&bytes).ok_or_else(|| Error::Appearance(format!("{what}: an unreadable PNG")))?;
        check_dimensions(path, width, height)?;
        return png_image(&bytes).map_err(|e| Error::Appearance(format!("{what}: {e}")));
    }
    Err(Error::Appearance(format!("{what} is neither a PNG nor a JPEG image")))
}

/// JPEG goes in as is (`DCTDecode`); the frame header gives size and components.
fn jpeg(bytes: &[u8]) -> Option<Image> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            let cs = match bytes[i + 9] {
                1 => "DeviceGray",
                4 => "DeviceCMYK",
                _ => "DeviceRGB",
            };
            let mut dict = Dict::default();
            dict.set(b"Filter", name("DCTDecode"));
            dict.set(b"ColorSpace", name(cs));
            if cs == "DeviceCMYK" {
                // Adobe writes inverted CMYK JPEGs.
                dict.set(b"Decode", Object::Array([1, 0, 1, 0, 1, 0, 1, 0].iter().map(|v| Object::Int(*v)).collect()));
            }
            return Some(Image { width, height, dict, data: bytes.to_vec(), alpha: None });
        }
        i += 2 + len;
    }
    None
}

fn png_image(bytes: &[u8]) -> std::result::Result<Image, String> {
    // The decoder's own allocation limit backs the header check: RGBA at the largest size.
    let limit = 4 * (MAX_IMAGE_SIDE as usize) * (MAX_IMAGE_SIDE as usize) + (1 << 20);
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: limit });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("an unreadable PNG ({e})"))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("a PNG too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| format!("an unreadable PNG ({e})"))?;
    let pixels = &buf[..info.buffer_size()];
    let (channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("an indexed PNG that could not be expanded".into()),
    };
    let stride = channels + usize::from(has_alpha);
    let mut color = Vec::with_capacity(pixels.len());
    let mut alpha = Vec::new();
    for px in pixels.chunks(stride) {
        color.extend_from_slice(&px[..channels]);
        if has_alpha {
            alpha.push(px[channels]);
        }
    }
    let mut dict = Dict::default();
    dict.set(b"Filter", name("FlateDecode"));
    dict.set(b"ColorSpace", name(if channels == 1 { "DeviceGray" } else { "DeviceRGB" }));
    Ok(Image {
        width: info.width,
        height: info.height,
        dict,
        data: deflate(&color),
        alpha: has_alpha.then(|| deflate(&alpha)),
    })
}

fn write_image(up: &mut Update, image: Image) -> ObjRef {
    let r = ObjRef { num: up.allocate(), generation: 0 };
    let mut d = image.dict;
    d.set(b"Type", name("XObject"));
    d.set(b"Subtype", name("Image"));
    d.set(b"Width", Object::Int(i64::from(image.width)));
    d.set(b"Height", Object::Int(i64::from(image.height)));
    d.set(b"BitsPerComponent", Object::Int(8));
    if let Some(alpha) = image.alpha {
        let m = ObjRef { num: up.allocate(), generation: 0 };
        let mut md = Dict::default();
        md.set(b"Type", name("XObject"));
        md.set(b"Subtype", name("Image"));
        md.set(b"Width", Object::Int(i64::from(image.width)));
        md.set(b"Height", Object::Int(i64::from(image.height)));
        md.set(b"BitsPerComponent", Object::Int(8));
        md.set(b"ColorSpace", name("DeviceGray"));
        md.set(b"Filter", name("FlateDecode"));
        up.put_stream(m, md, &alpha);
        d.set(b"SMask", Object::Ref(m));
    }
    up.put_stream(r, d, &image.data);
    r
}

/// A whole number as an integer object, anything else as a real.
fn number(v: f64) -> Object {
    if v.fract() == 0.0 && v.abs() < 1e15 { Object::Int(v as i64) } else { Object::Real(v) }
}

/// The widget's appearance characteristics (`/MK`, §12.7.4.3 Table 192) on a rotated page:
/// `/R`, the counter-clockwise turn of the appearance that [`build`] gives it; `None` when the
/// page is not rotated.
pub fn characteristics(rotation: Rotation) -> Option<Dict> {
    if rotation == Rotation::default() {
        return None;
    }
    let mut mk = Dict::default();
    mk.set(b"R", Object::Int(i64::from(rotation.degrees())));
    Some(mk)
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A visible appearance: image on the left (when given), text lines sized to fit, upright for
/// a reader of a page turned by `rotation`.
///
/// On a rotated page the widget's `/Rect` stays in default user space, as given; the form is
/// laid out in the box the reader sees (`/BBox` is the rectangle with its sides swapped on a page
/// turned by 90 or 270 degrees) and its `/Matrix` turns it back into the rectangle (§12.5.5,
/// algorithm 8.1). The widget says the same with `/MK /R` (§12.7.4.3), see [`characteristics`].
pub fn build(
    up: &mut Update,
    a: &Appearance,
    options: &SignatureOptions,
    now: SystemTime,
    rotation: Rotation,
) -> Result<ObjRef> {
    let [x1, y1, x2, y2] = a.rect;
    let (rect_w, rect_h) = (x2 - x1, y2 - y1);
    // Written so that NaN fails too.
    if !(rect_w >= 10.0 && rect_h >= 10.0) {
        return Err(Error::Appearance("the signature rectangle is smaller than 10×10 points".into()));
    }
    // The box as the reader sees it.
    let (w, h) = if rotation.is_sideways() { (rect_h, rect_w) } else { (rect_w, rect_h) };
    let lines = if a.lines.is_empty() { default_lines(options, now) } else { a.lines.clone() };
    let font = FontUse::new(&lines)?;
    let pad = 3.0;
    let mut content = String::from("q\n");
    let mut resources = Dict::default();
    let mut text_x = pad;
    if let Some(path) = &a.image {
        let image = load_image(path)?;
        let aspect = f64::from(image.width) / f64::from(image.height.max(1));
        let ih = h - 2.0 * pad;
        let iw = (ih * aspect).min(w * 0.4);
        let ih = iw / aspect;
        let im = write_image(up, image);
        let mut xo = Dict::default();
        xo.set(b"Im1", Object::Ref(im));
        resources.set(b"XObject", Object::Dict(xo));
        content.push_str(&format!("q {} 0 0 {} {} {} cm /Im1 Do Q\n", fmt(iw), fmt(ih), fmt(pad), fmt((h - ih) / 2.0)));
        text_x = pad * 2.0 + iw;
    }
    let avail_w = w - text_x - pad;
    let n = lines.len().max(1) as f64;
    let widest = lines.iter().map(|l| font.width(l, 1.0)).fold(0.0, f64::max);
    let size = ((h - 2.0 * pad) / (n * 1.25)).min(if widest > 0.0 { avail_w / widest } else { 12.0 }).min(12.0);
    if size < 3.0 {
        return Err(Error::Appearance(format!(
            "the text does not fit the {}×{} point rectangle; make it larger",
            fmt(rect_w),
            fmt(rect_h)
        )));
    }
    let leading = size * 1.25;
    // The block of lines, centred vertically.
    let top = (h + n * leading) / 2.0 - size;
    content.push_str(&format!("BT 0 g /F1 {} Tf {} TL {} {} Td\n", fmt(size), fmt(leading), fmt(text_x), fmt(top)));
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            content.push_str("T* ");
        }
        content.push_str(&font.encode(line));
        content.push_str(" Tj\n");
    }
    content.push_str("ET\nQ\n");
    let font_ref = font.write(up)?;
    let mut fonts = Dict::default();
    fonts.set(b"F1", Object::Ref(font_ref));
    resources.set(b"Font", Object::Dict(fonts));
    let r = ObjRef { num: up.allocate(), generation: 0 };
    let mut d = form([w, h]);
    if rotation != Rotation::default() {
        d.set(b"Matrix", Object::Array(rotation.matrix(w, h).iter().map(|v| number(*v)).collect()));
    }
    d.set(b"Resources", Object::Dict(resources));
    d.set(b"Filter", name("FlateDecode"));
    up.put_stream(r, d, &deflate(content.as_bytes()));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG signature and IHDR announcing `width`×`height` 8-bit RGB, then IEND: no pixel data,
    /// which a decoder would only notice after allocating for the announced size.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        v.extend_from_slice(&13u32.to_be_bytes());
        v.extend_from_slice(b"IHDR");
        v.extend_from_slice(&width.to_be_bytes());
        v.extend_from_slice(&height.to_be_bytes());
        v.extend_from_slice(&[8, 2, 0, 0, 0]);
        v.extend_from_slice(&[0; 4]); // CRC, never reached
        v.extend_from_slice(&0u32.to_be_bytes());
        v.extend_from_slice(b"IEND");
        v
    }

    /// A JPEG with only SOI and a baseline frame header of `width`×`height`.
    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8];
        v.extend_from_slice(&height.to_be_bytes());
        v.extend_from_slice(&width.to_be_bytes());
        v.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        v
    }

    #[test]
    fn rotations_are_normalised() {
        for (given, degrees) in [(0, 0), (90, 90), (-90, 270), (-270, 90), (450, 90), (720, 0), (-540, 180), (45, 0)] {
            assert_eq!(Rotation::from_degrees(given).degrees(), degrees, "/Rotate {given}");
        }
        assert_eq!(Rotation::from_degrees(i64::MIN).degrees() % 90, 0);
    }

    #[test]
    fn the_matrix_turns_the_box_into_the_rectangle() {
        // The reader's 300×90 box, turned, covers a 90×300 rectangle from the origin (§12.5.5).
        for degrees in [0, 90, 180, 270] {
            let r = Rotation::from_degrees(degrees);
            let (w, h) = if r.is_sideways() { (300.0, 90.0) } else { (90.0, 300.0) };
            let [a, b, c, d, e, f] = r.matrix(w, h);
            let corners = [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)].map(|(x, y)| (a * x + c * y + e, b * x + d * y + f));
            let xs = corners.map(|p| p.0);
            let ys = corners.map(|p| p.1);
            let span =
                |v: [f64; 4]| (v.iter().copied().fold(f64::MAX, f64::min), v.iter().copied().fold(f64::MIN, f64::max));
            assert_eq!((span(xs), span(ys)), ((0.0, 90.0), (0.0, 300.0)), "{degrees}");
        }
    }

    #[test]
    fn rectangles_must_lie_inside_the_visible_area() {
        let page = PageGeometry { visible: Some([0.0, 0.0, 595.0, 842.0]), rotation: Rotation::default() };
        assert!(check_rect([0.0, 0.0, 595.0, 842.0], &page).is_ok());
        assert!(check_rect([560.0, 150.0, 300.0, 60.0], &page).is_ok(), "corners in any order");
        assert!(matches!(
            check_rect([590.0, 0.0, 600.0, 20.0], &page),
            Err(Error::RectOutsidePage { partly: true, .. })
        ));
        assert!(matches!(
            check_rect([595.0, 0.0, 600.0, 20.0], &page),
            Err(Error::RectOutsidePage { partly: false, .. })
        ));
        assert!(matches!(check_rect([f64::NAN, 0.0, 50.0, 20.0], &page), Err(Error::RectOutsidePage { .. })));
        assert!(check_rect([-5.0, 0.0, 50.0, 20.0], &PageGeometry::default()).is_ok(), "no box, nothing to check");
    }

    #[test]
    fn huge_images_are_refused_from_their_header() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("huge.png");
        std::fs::write(&png, png_header(20_000, 20_000)).unwrap();
        match load_image(&png) {
            Err(Error::ImageTooLarge { width: 20_000, height: 20_000, max: MAX_IMAGE_SIDE, .. }) => {}
            other => panic!("{:?}", other.map(|i| (i.width, i.height))),
        }
        let jpg = dir.path().join("huge.jpg");
        std::fs::write(&jpg, jpeg_header(20_000, 300)).unwrap();
        assert!(matches!(load_image(&jpg), Err(Error::ImageTooLarge { width: 20_000, height: 300, .. })));
        // At the limit, the header passes (this one then fails to decode: it has no pixels).
        std::fs::write(&png, png_header(MAX_IMAGE_SIDE, 10)).unwrap();
        assert!(matches!(load_image(&png), Err(Error::Appearance(_))));
        let jpg_ok = dir.path().join("ok.jpg");
        std::fs::write(&jpg_ok, jpeg_header(4096, 4096)).unwrap();
        assert!(load_image(&jpg_ok).is_ok());
    }

    #[test]
    fn large_files_and_non_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.png");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_IMAGE_FILE + 1).unwrap(); // sparse: nothing is really written
        drop(f);
        assert!(matches!(
            load_image(&big),
            Err(Error::ImageFileTooLarge { size, max: MAX_IMAGE_FILE, .. }) if size == MAX_IMAGE_FILE + 1
        ));
        assert!(matches!(load_image(dir.path()), Err(Error::NotAFile { .. })));
    }
}
