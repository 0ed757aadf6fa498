//! plotters' canvas backend, except for measuring text: plotters measures in the browser
//! by appending a span to the page and reading its size, which forces a layout of the
//! whole page for every label (hundreds per dashboard, with 20,000-row tables around).
//! Here text is measured with the canvas's own `measureText`, which touches no layout.
//! Filled circles of one colour and size (the scatter's 20,000 points) are gathered into
//! one path and filled once, where plotters would begin, fill and format a colour string
//! for each.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// Filled circles not yet painted: their colour, radius and centres.
    circles: Option<(BackendColor, u32, Vec<BackendCoord>)>,
}

impl MeasuredCanvas {
    /// Paints the gathered circles; every other drawing call comes after this, so the
    /// picture stacks in the order plotters drew it.
    fn flush(&mut self) {
        let Some((color, radius, centres)) = self.circles.take() else {
            return;
        };
        let (r, g, b) = color.rgb;
        self.context
            .set_fill_style_str(&format!("rgba({r},{g},{b},{})", color.alpha));
        // One SVG path string handed over once: a call into the browser per point
        // (moveTo, arc) costs more than the point itself.
        let mut path = String::with_capacity(centres.len() * 32);
        let r = radius as i64;
        for &(x, y) in &centres {
            let (x, y) = (i64::from(x), i64::from(y));
            // A circle as two half arcs from its leftmost point.
            push_int(&mut path, 'M', x - r);
            push_int(&mut path, ' ', y);
            for dx in [2 * r, -2 * r] {
                push_int(&mut path, 'a', r);
                push_int(&mut path, ' ', r);
                path.push_str(" 0 1 0");
                push_int(&mut path, ' ', dx);
                path.push_str(" 0");
            }
        }
        match web_sys::Path2d::new_with_path_string(&path) {
            Ok(p) => self.context.fill_with_path_2d(&p),
            Err(_) => {
                self.context.begin_path();
                let radius = f64::from(radius);
                for (x, y) in centres {
                    let (x, y) = (f64::from(x), f64::from(y));
                    self.context.move_to(x + radius, y);
                    let _ = self
                        .context
                        .arc(x, y, radius, 0.0, std::f64::consts::PI * 2.0);
                }
                self.context.fill();
            }
        }
    }
}

impl Drop for MeasuredCanvas {
    fn drop(&mut self) {
        self.flush();
    }
}

impl MeasuredCanvas {
    pub fn new(canvas: HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(MeasuredCanvas {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            circles: None,
        })
    }
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if !fill || color.alpha == 0.0 {
            self.flush();
            return self.inner.draw_circle(center, radius, style, fill);
        }
        match &mut self.circles {
            Some((c, r, centres))
                if c.rgb == color.rgb && c.alpha == color.alpha && *r == radius =>
            {
                centres.push(center)
            }
            _ => {
                self.flush();
                self.circles = Some((color, radius, vec![center]));
            }
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(style.size() * text.chars().count() as f64);
        // A line box, as the span plotters measures would have.
        Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
    }
}

/// Appends `sep` and `n` in decimal (`fmt` is needlessly slow for 20,000 points).
fn push_int(out: &mut String, sep: char, n: i64) {
    out.push(sep);
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut v = n.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}
