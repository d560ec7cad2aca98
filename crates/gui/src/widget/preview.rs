//! A page of a PDF drawn by hayro (pure Rust) into an image, with an overlay on which the user
//! drags the rectangle of a visible signature; widget points map to the page's default user
//! space (points from the bottom-left of the un-rotated page, as pades wants them).

use std::path::Path;

use iced::mouse;
use iced::widget::canvas::{self, Frame, Geometry, Path as Shape, Stroke};
use iced::widget::{Action, image, stack};
use iced::{Color, Element, Length, Point, Rectangle, Renderer, Size, Theme};

/// How wide the page is drawn, in pixels (the scale follows from the page's width).
pub const PREVIEW_WIDTH: f32 = 520.0;

/// Why a page could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The file could not be read.
    #[error("the file could not be read")]
    Unreadable,
    /// hayro could not open the document (damaged, encrypted).
    #[error("the document could not be opened for the preview")]
    NotOpened,
    /// The page does not exist.
    #[error("page {page} does not exist (the document has {pages})")]
    NoSuchPage { page: usize, pages: usize },
}

/// A drawn page and how its pixels relate to the page's user space.
#[derive(Clone)]
pub struct PagePreview {
    /// The page, 1-based.
    pub page: usize,
    /// The document's number of pages.
    pub pages: usize,
    /// Pixels.
    pub width: u32,
    pub height: u32,
    /// The RGBA image.
    pub handle: image::Handle,
    /// User space → pixels, `[a b c d e f]` (x' = a·x + c·y + e, y' = b·x + d·y + f).
    to_pixels: [f64; 6],
}

impl std::fmt::Debug for PagePreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PagePreview")
            .field("page", &self.page)
            .field("pages", &self.pages)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

/// Draws page `page` (1-based) of the PDF at `path` about [`PREVIEW_WIDTH`] pixels wide
/// (blocking: run it off the UI thread).
pub fn render_page(path: &Path, page: usize) -> Result<PagePreview, PreviewError> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;

    let data = std::fs::read(path).map_err(|_| PreviewError::Unreadable)?;
    let pdf = Pdf::new(data).map_err(|_| PreviewError::NotOpened)?;
    let pages = pdf.pages();
    let count = pages.len();
    let Some(p) = page.checked_sub(1).and_then(|i| pages.get(i)) else {
        return Err(PreviewError::NoSuchPage { page, pages: count });
    };
    let (w, _) = p.render_dimensions();
    let scale = (PREVIEW_WIDTH / w.max(1.0)).clamp(0.1, 4.0);
    let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let cache = hayro::RenderCache::new();
    let pixmap =
        hayro::render(p, &cache, &InterpreterSettings::default(), &hayro::RenderSettings::default(), &settings);
    let [a, b, c, d, e, f] = p.initial_transform(true).as_coeffs();
    let s = f64::from(scale);
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // The background is opaque white, so premultiplied RGBA is plain RGBA.
    let rgba = pixmap.data_as_u8_slice().to_vec();
    Ok(PagePreview {
        page,
        pages: count,
        width,
        height,
        handle: image::Handle::from_rgba(width, height, rgba),
        to_pixels: [a * s, b * s, c * s, d * s, e * s, f * s],
    })
}

impl PagePreview {
    /// A preview of a blank page of `width`×`height` points (no rotation, origin at 0,0), drawn
    /// at `scale`: for tests of the coordinate mapping.
    pub fn blank(page: usize, pages: usize, width: f64, height: f64, scale: f64) -> Self {
        let (w, h) = ((width * scale).round() as u32, (height * scale).round() as u32);
        let rgba = vec![255u8; (w * h * 4) as usize];
        Self {
            page,
            pages,
            width: w,
            height: h,
            handle: image::Handle::from_rgba(w, h, rgba),
            to_pixels: [scale, 0.0, 0.0, -scale, 0.0, height * scale],
        }
    }

    /// A point of the widget (pixels from its top-left) in user space.
    pub fn to_user(&self, p: Point) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.to_pixels;
        let det = a * d - b * c;
        if det.abs() < f64::EPSILON {
            return (0.0, 0.0);
        }
        let (x, y) = (f64::from(p.x) - e, f64::from(p.y) - f);
        ((d * x - c * y) / det, (a * y - b * x) / det)
    }

    /// A user-space point in widget pixels.
    pub fn to_widget(&self, x: f64, y: f64) -> Point {
        let [a, b, c, d, e, f] = self.to_pixels;
        Point::new((a * x + c * y + e) as f32, (b * x + d * y + f) as f32)
    }

    /// The user-space rectangle `[x1 y1 x2 y2]` (normalised, whole points) between two widget
    /// points, clamped to the drawn page.
    pub fn user_rect(&self, from: Point, to: Point) -> [f64; 4] {
        let clamp = |p: Point| Point::new(p.x.clamp(0.0, self.width as f32), p.y.clamp(0.0, self.height as f32));
        let (x1, y1) = self.to_user(clamp(from));
        let (x2, y2) = self.to_user(clamp(to));
        [x1.min(x2).round(), y1.min(y2).round(), x1.max(x2).round(), y1.max(y2).round()]
    }

    /// A user-space rectangle as a widget rectangle.
    pub fn widget_rect(&self, r: [f64; 4]) -> Rectangle {
        let p = self.to_widget(r[0], r[1]);
        let q = self.to_widget(r[2], r[3]);
        let (x, y) = (p.x.min(q.x), p.y.min(q.y));
        Rectangle::new(Point::new(x, y), Size::new((p.x - q.x).abs(), (p.y - q.y).abs()))
    }
}

/// What the mouse did on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Drag {
    /// The button went down at this point (widget pixels).
    Pressed(Point),
    /// The pointer moved while the button is down.
    Moved(Point),
    /// The button came up.
    Released(Point),
}

/// A rectangle to draw over the page, in user space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub rect: [f64; 4],
    /// The chosen one (drawn stronger).
    pub chosen: bool,
}

/// The page with `marks` drawn over it; drags on it become messages.
pub fn view<'a, M: 'a>(preview: &'a PagePreview, marks: Vec<Mark>, on_drag: impl Fn(Drag) -> M + 'a) -> Element<'a, M> {
    let (w, h) = (preview.width as f32, preview.height as f32);
    let overlay = canvas::Canvas::new(Overlay { preview, marks, on_drag: Box::new(on_drag) })
        .width(Length::Fixed(w))
        .height(Length::Fixed(h));
    stack![image(preview.handle.clone()).width(Length::Fixed(w)).height(Length::Fixed(h)), overlay].into()
}

struct Overlay<'a, M> {
    preview: &'a PagePreview,
    marks: Vec<Mark>,
    on_drag: Box<dyn Fn(Drag) -> M + 'a>,
}

/// Whether the left button is down on the page.
#[derive(Debug, Default)]
struct Dragging(bool);

impl<M> canvas::Program<M> for Overlay<'_, M> {
    type State = Dragging;

    fn update(
        &self,
        state: &mut Dragging,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<Action<M>> {
        let canvas::Event::Mouse(event) = event else { return None };
        let local = |p: Point| Point::new(p.x - bounds.x, p.y - bounds.y);
        match event {
            mouse::Event::ButtonPressed(mouse::Button::Left) => {
                let p = cursor.position_in(bounds)?;
                state.0 = true;
                Some(Action::publish((self.on_drag)(Drag::Pressed(p))).and_capture())
            }
            mouse::Event::CursorMoved { position } if state.0 => {
                Some(Action::publish((self.on_drag)(Drag::Moved(local(*position)))).and_capture())
            }
            mouse::Event::ButtonReleased(mouse::Button::Left) if state.0 => {
                state.0 = false;
                let p = cursor.position().map_or(Point::ORIGIN, local);
                Some(Action::publish((self.on_drag)(Drag::Released(p))).and_capture())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        _state: &Dragging,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let accent = theme.extended_palette().primary.strong.color;
        for mark in &self.marks {
            let r = self.preview.widget_rect(mark.rect);
            let shape = Shape::rectangle(r.position(), r.size());
            let fill = Color { a: if mark.chosen { 0.25 } else { 0.08 }, ..accent };
            frame.fill(&shape, fill);
            let width = if mark.chosen { 2.5 } else { 1.0 };
            frame.stroke(&shape, Stroke::default().with_color(accent).with_width(width));
        }
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(&self, _state: &Dragging, bounds: Rectangle, cursor: mouse::Cursor) -> mouse::Interaction {
        if cursor.is_over(bounds) { mouse::Interaction::Crosshair } else { mouse::Interaction::default() }
    }
}
