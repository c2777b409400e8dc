//! Drawing commands: what layout produces and the page writer turns into PDF operations.
//! Coordinates are points, x from the page's left edge, y downwards from the top of the
//! chunk (or page) that holds the command.

use super::fonts::Face;
use crate::theme::Rgb;

/// One thing to draw.
#[derive(Debug, Clone)]
pub(crate) enum Cmd {
    /// A run of text in one face, size and colour; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        color: Rgb,
        text: String,
    },
    /// A rectangle, filled and/or stroked, with optional rounded corners.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        radius: f32,
    },
    /// A straight line. A `grid` line (a table's) is drawn after the page's other
    /// content, joined with the grid lines it continues: each row of a table gives the
    /// rules around it for its own height, the page draws each rule once.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
        grid: bool,
    },
    /// An open polyline (ticks, dashes).
    Path {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
    },
    /// A clickable area opening `uri`.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        uri: String,
    },
    /// The logo image.
    Image { x: f32, y: f32, w: f32, h: f32 },
    /// A structure mark (tagged PDF): draws nothing.
    Tag(super::tags::Tag),
}

impl Cmd {
    /// The same command moved right by `dx` and down by `dy`.
    pub(crate) fn shifted(mut self, dx: f32, dy: f32) -> Cmd {
        match &mut self {
            Cmd::Text { x, y, .. }
            | Cmd::Rect { x, y, .. }
            | Cmd::Link { x, y, .. }
            | Cmd::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Cmd::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Cmd::Path { points, .. } => {
                for p in points {
                    p.0 += dx;
                    p.1 += dy;
                }
            }
            Cmd::Tag(_) => {}
        }
        self
    }
}

/// Mixes `c` with white (`t` = 0 keeps `c`, 1 gives white).
pub(crate) fn tint(c: Rgb, t: f32) -> Rgb {
    let m = |v: u8| {
        (f32::from(v) + (255.0 - f32::from(v)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Rgb(m(c.0), m(c.1), m(c.2))
}

/// Mixes `c` with black (`t` = 0 keeps `c`, 1 gives black).
pub(crate) fn shade(c: Rgb, t: f32) -> Rgb {
    let m = |v: u8| (f32::from(v) * (1.0 - t)).round().clamp(0.0, 255.0) as u8;
    Rgb(m(c.0), m(c.1), m(c.2))
}

/// A checkbox drawn as vector: an empty box (open), a box with a tick (done) or a greyed
/// box with a dash (not applicable). `x`, `y` is the box's top-left corner.
pub(crate) fn checkbox(
    out: &mut Vec<Cmd>,
    state: crate::document::Check,
    x: f32,
    y: f32,
    s: f32,
    colors: &crate::theme::Colors,
) {
    use crate::document::Check;
    let (frame, tick, grey) = (colors.muted, colors.accent, colors.na);
    let lw = (s * 0.08).max(0.5);
    // A reader hears the box's state (checked, not checked) where it is drawn.
    out.push(Cmd::Tag(super::tags::Tag::Open(super::tags::Role::Check(
        state,
    ))));
    match state {
        Check::Open => out.push(Cmd::Rect {
            x,
            y,
            w: s,
            h: s,
            fill: Some(Rgb(255, 255, 255)),
            stroke: Some((frame, lw)),
            radius: s * 0.15,
        }),
        Check::Done => {
            out.push(Cmd::Rect {
                x,
                y,
                w: s,
                h: s,
                fill: Some(Rgb(255, 255, 255)),
                stroke: Some((frame, lw)),
                radius: s * 0.15,
            });
            out.push(Cmd::Path {
                points: vec![
                    (x + s * 0.2, y + s * 0.52),
                    (x + s * 0.42, y + s * 0.75),
                    (x + s * 0.82, y + s * 0.25),
                ],
                color: tick,
                width: lw * 2.0,
            });
        }
        Check::NotApplicable => {
            out.push(Cmd::Rect {
                x,
                y,
                w: s,
                h: s,
                fill: Some(tint(grey, 0.4)),
                stroke: Some((shade(grey, 0.25), lw)),
                radius: s * 0.15,
            });
            out.push(Cmd::Line {
                x1: x + s * 0.25,
                y1: y + s * 0.5,
                x2: x + s * 0.75,
                y2: y + s * 0.5,
                color: shade(grey, 0.5),
                width: lw * 1.8,
                grid: false,
            });
        }
    }
    out.push(Cmd::Tag(super::tags::Tag::Close));
}
