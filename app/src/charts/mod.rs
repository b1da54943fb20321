//! Charts drawn with plotters into SVG strings (crisp on a projector,
//! printable), one chart kind per file. Each `render` takes plain data and
//! returns the SVG text that the views insert with `inner_html`.
//!
//! Colours are shared here so that status reads the same everywhere; status
//! is always also shown by a glyph or a pattern, never by colour alone.

pub mod export;
pub mod ranking;
pub mod trend;

use plotters::style::RGBColor;

/// The data line and ordinary bars.
pub const PRIMARY: RGBColor = RGBColor(0x1F, 0x5A, 0x96);
/// Bars of units near the target.
pub const NEAR: RGBColor = RGBColor(0x6C, 0x8E, 0xBF);
/// Bars of units that miss the target (drawn hatched as well).
pub const MISSED: RGBColor = RGBColor(0xB9, 0x1C, 0x1C);
/// The dashed target line.
pub const TARGET: RGBColor = RGBColor(0x11, 0x11, 0x11);
/// Axis labels and captions (contrast 14:1 on white).
pub const INK: RGBColor = RGBColor(0x2B, 0x2B, 0x2B);
/// Secondary text ("no data"), still above 4.5:1 on white.
pub const MUTED: RGBColor = RGBColor(0x5F, 0x5F, 0x5F);
/// Gridlines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// The selected period's band behind the trend line.
pub const HIGHLIGHT: RGBColor = RGBColor(0xFF, 0xF1, 0xC7);

/// Briefing mode's data line: darker than [`PRIMARY`] (11:1 on white).
pub const HC_LINE: RGBColor = RGBColor(0x0B, 0x3A, 0x6E);
/// Briefing mode's gridlines, visible on a washed-out projector.
pub const HC_GRID: RGBColor = RGBColor(0xB8, 0xB8, 0xB8);

/// The font of every chart text: the page's system sans-serif.
pub const FONT: &str = "sans-serif";

/// The hex form plotters writes for a colour.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Dashes the target line, drawn solid, with `stroke-dasharray`: plotters'
/// `DashedLineSeries` writes an element per dash (300 down a 100-unit
/// ranking), each parsed, styled and laid out again on every redraw.
/// Every stroke in the [`TARGET`] colour is that line.
pub fn dash_target(svg: String, dash: u32, gap: u32) -> String {
    let solid = format!("stroke=\"{}\"", hex(TARGET));
    svg.replace(
        &solid,
        &format!("{solid} stroke-dasharray=\"{dash} {gap}\""),
    )
}

/// Makes plotters' SVG an accessible, responsive image: `role="img"`, a
/// `<title>` read by screen readers, and no fixed pixel size (CSS scales it).
pub fn finish(svg: String, title: &str) -> String {
    let title = escape(title);
    let name = format!(" role=\"img\" aria-label=\"{title}\"");
    finish_with(svg, &name, &format!("<title>{title}</title>"))
}

/// Like [`finish`] for one strip of a chart drawn in strips: the element
/// holding the strips is the image and has the name.
pub fn finish_strip(svg: String) -> String {
    finish_with(svg, " aria-hidden=\"true\"", "")
}

fn finish_with(svg: String, attributes: &str, head: &str) -> String {
    let Some(start) = svg.find("<svg ") else {
        return svg;
    };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else {
        return svg;
    };
    let open = &svg[start..end];
    let open = strip_attr(&strip_attr(open, "width"), "height");
    format!(
        "{}{open}{attributes} preserveAspectRatio=\"xMidYMid meet\">{head}{}",
        &svg[..start],
        compact(&svg[end + 1..])
    )
}

/// The inline style reserving a chart's drawn height (from its `viewBox`)
/// while the browser skips laying it out off screen (`content-visibility`
/// in the stylesheet), so that nothing below it moves when it is drawn.
pub fn reserved_height(svg: &str) -> String {
    let height = drawn_height(svg).unwrap_or(300);
    format!("contain-intrinsic-size: auto {height}px")
}

/// The height in an SVG's `viewBox`.
fn drawn_height(svg: &str) -> Option<u32> {
    svg.split_once("viewBox=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|view_box| view_box.split_whitespace().nth(3))
        .and_then(|h| h.parse().ok())
}

/// Drops what plotters writes to no effect: `opacity="1"` on every element
/// and font sizes with 15 decimals (a fifth of a 100-bar ranking's SVG,
/// which the browser parses again on every redraw).
fn compact(svg: &str) -> String {
    const SIZE: &str = "font-size=\"";
    let svg = svg.replace(" opacity=\"1\"", "");
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(i) = rest.find(SIZE) {
        let (head, tail) = rest.split_at(i + SIZE.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let number = &tail[..end];
        // One decimal is plenty for a font size in pixels.
        let keep = number.find('.').map_or(end, |dot| (dot + 2).min(end));
        out.push_str(&number[..keep]);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Removes ` name="…"` from an opening tag.
fn strip_attr(tag: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    match tag.find(&needle) {
        Some(i) => {
            let rest = &tag[i + needle.len()..];
            let close = rest.find('"').map_or(rest.len(), |j| j + 1);
            format!("{}{}", &tag[..i], &rest[close..])
        }
        None => tag.to_string(),
    }
}

/// Escapes text for an SVG attribute or element.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shortens long unit names so they fit the label column.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_adds_a_title_and_drops_the_fixed_size() {
        let svg =
            "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" xmlns=\"x\">\n<rect/></svg>"
                .to_string();
        let out = finish(svg, "A & B");
        assert!(out.starts_with("<svg viewBox=\"0 0 10 20\" xmlns=\"x\" role=\"img\""));
        assert!(out.contains("<title>A &amp; B</title>"));
        assert!(out.contains("<rect/>"));
        let svg = "<svg viewBox=\"0 0 1 1\"><text font-size=\"12.903225806451614\" opacity=\"1\" \
                   fill=\"#000\">a</text><text font-size=\"36\">b</text></svg>";
        assert_eq!(
            finish(svg.to_string(), "t"),
            "<svg viewBox=\"0 0 1 1\" role=\"img\" aria-label=\"t\" preserveAspectRatio=\"xMidYMid meet\">\
             <title>t</title><text font-size=\"12.9\" fill=\"#000\">a</text><text font-size=\"36\">b</text></svg>"
        );
        assert_eq!(shorten("Thị trấn Ấp Mới", 6), "Thị t…");
    }

    #[test]
    fn the_reserved_height_is_the_drawn_one() {
        let svg = "<svg viewBox=\"0 0 625 2030\" role=\"img\"><rect/></svg>";
        assert_eq!(reserved_height(svg), "contain-intrinsic-size: auto 2030px");
        assert_eq!(
            reserved_height("<p/>"),
            "contain-intrinsic-size: auto 300px"
        );
    }
}
