//! A chart as a file to take elsewhere (a report in Word, a slide, a web
//! page): the chart as drawn for the page, framed by its title, area and
//! period above and the "as of" date, the source and the sample label
//! below, in one standalone SVG. A figure cut from its context is how
//! numbers get misquoted; the frame travels with the picture.

use super::{escape, hex, FONT, INK, MUTED};

/// The words around the chart.
pub struct Caption<'a> {
    /// "Tỷ lệ đúng hạn: Tỉnh X".
    pub title: &'a str,
    /// The area and period, "Tháng 7/2025".
    pub subtitle: &'a str,
    /// The lines below: as-of date, source, the sample label.
    pub notes: &'a [String],
}

/// A standalone SVG and its size in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub svg: String,
    pub width: u32,
    pub height: u32,
}

const MARGIN: u32 = 16;
const TITLE_SIZE: u32 = 18;
const SUBTITLE_SIZE: u32 = 14;
const NOTE_SIZE: u32 = 12;
/// The narrowest image: below it the caption would wrap word by word.
const MIN_WIDTH: u32 = 320;

/// The `charts` (one, or a chart drawn in strips, top to bottom; each an
/// SVG from this module's `render`s) framed by `caption`.
pub fn compose(charts: &[String], caption: &Caption) -> Image {
    let width = charts
        .iter()
        .filter_map(|c| view_box(c).map(|(w, _)| w))
        .max()
        .unwrap_or(MIN_WIDTH)
        .max(MIN_WIDTH);
    let mut body = String::new();
    let mut y = MARGIN;
    for line in wrap(caption.title, TITLE_SIZE, width) {
        y += TITLE_SIZE + 4;
        body.push_str(&text(&line, y, TITLE_SIZE, INK, "bold"));
    }
    for line in wrap(caption.subtitle, SUBTITLE_SIZE, width) {
        y += SUBTITLE_SIZE + 6;
        body.push_str(&text(&line, y, SUBTITLE_SIZE, INK, "normal"));
    }
    y += 8;
    for chart in charts {
        let Some((w, h)) = view_box(chart) else {
            continue;
        };
        body.push_str(&nested(chart, y, w, h));
        y += h;
    }
    y += 4;
    for line in caption.notes.iter().flat_map(|n| wrap(n, NOTE_SIZE, width)) {
        y += NOTE_SIZE + 5;
        body.push_str(&text(&line, y, NOTE_SIZE, MUTED, "normal"));
    }
    let height = y + MARGIN;
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><title>{}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>{body}</svg>",
        escape(caption.title)
    );
    Image { svg, width, height }
}

/// One line of text at the left margin, its baseline at `y`.
fn text(line: &str, y: u32, size: u32, colour: plotters::style::RGBColor, weight: &str) -> String {
    format!(
        "<text x=\"{MARGIN}\" y=\"{y}\" font-family=\"{FONT}\" font-size=\"{size}\" \
         font-weight=\"{weight}\" fill=\"{}\">{}</text>",
        hex(colour),
        escape(line)
    )
}

/// A chart placed at height `y` inside the frame, at its drawn size.
fn nested(chart: &str, y: u32, w: u32, h: u32) -> String {
    let place = format!("<svg x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{h}\"");
    match chart.find("<svg") {
        Some(i) => format!("{}{place}{}", &chart[..i], &chart[i + 4..]),
        None => String::new(),
    }
}

/// The width and height in an SVG's `viewBox`.
fn view_box(svg: &str) -> Option<(u32, u32)> {
    let (_, rest) = svg.split_once("viewBox=\"")?;
    let mut numbers = rest.split('"').next()?.split_whitespace().skip(2);
    let w = numbers.next()?.parse().ok()?;
    let h = numbers.next()?.parse().ok()?;
    Some((w, h))
}

/// Breaks `text` into lines that fit `width` at `size` (an average glyph
/// of a sans-serif font is about 0.55 em wide; SVG text does not wrap).
fn wrap(text: &str, size: u32, width: u32) -> Vec<String> {
    let fits = ((width - 2 * MARGIN) as f64 / (size as f64 * 0.55)) as usize;
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= fits => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A file name without its extension, from its parts: ASCII letters,
/// digits and dashes only, so that it survives every mail client and file
/// system.
pub fn file_stem(parts: &[&str]) -> String {
    let stem: Vec<String> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect()
        })
        .collect();
    stem.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(w: u32, h: u32) -> String {
        format!("<svg viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"><rect/></svg>")
    }

    #[test]
    fn the_frame_holds_the_caption_and_the_charts_at_their_drawn_size() {
        let notes = [
            "Số liệu đến ngày 31/10/2026".to_string(),
            "Nguồn: A & B".to_string(),
        ];
        let caption = Caption {
            title: "Tỷ lệ đúng hạn: Tỉnh <X>",
            subtitle: "Tháng 7/2025",
            notes: &notes,
        };
        let image = compose(&[chart(600, 100), chart(600, 50)], &caption);
        assert_eq!(image.width, 600);
        assert!(image.height > 150 + 2 * MARGIN, "{}", image.height);
        let svg = &image.svg;
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\""));
        assert!(svg.contains(&format!("height=\"{}\"", image.height)));
        assert!(svg.contains("Tỷ lệ đúng hạn: Tỉnh &lt;X&gt;"));
        assert!(svg.contains(">Nguồn: A &amp; B</text>"));
        assert_eq!(
            svg.matches("width=\"600\" height=\"100\" viewBox").count(),
            1
        );
        let first = svg.find("height=\"100\" viewBox").unwrap();
        let second = svg.find("height=\"50\" viewBox").unwrap();
        let notes_at = svg.find("Số liệu đến ngày").unwrap();
        assert!(first < second && second < notes_at);
    }

    #[test]
    fn a_narrow_chart_gets_a_readable_frame_and_wrapped_lines() {
        let notes = ["Nguồn: Cổng Dịch vụ công quốc gia và hệ thống thông tin giải quyết thủ tục hành chính của tỉnh".to_string()];
        let caption = Caption {
            title: "T",
            subtitle: "S",
            notes: &notes,
        };
        let image = compose(&[chart(200, 100)], &caption);
        assert_eq!(image.width, MIN_WIDTH);
        assert!(image.svg.matches("font-size=\"12\"").count() >= 2);
        for line in wrap(&notes[0], NOTE_SIZE, MIN_WIDTH) {
            assert!(line.chars().count() as f64 * 0.55 * 12.0 <= (MIN_WIDTH - 2 * MARGIN) as f64);
        }
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            file_stem(&["xu-huong", "on_time", "96@2025-07-01", "2025-Q3"]),
            "xu-huong-on-time-96-2025-07-01-2025-Q3"
        );
    }
}
