//! Horizontal bars of the child units, ranked, with the target as a dashed
//! line. Units that miss the target are hatched and labelled "✗", so the
//! laggards stand out without relying on colour; units without data are
//! listed with "no data" and no bar, and units without a figure because
//! units changed with "not comparable".
//!
//! The chart is drawn as strips of [`STRIP_ROWS`] rows, stacked without a
//! seam: a hundred communes make a chart three thousand pixels tall whose
//! two hundred labels cost most of a redraw to lay out, and the browser
//! lays out only the strips near the view (`content-visibility`).

use super::{
    dash_target, finish_strip, shorten, FONT, GRID, INK, MISSED, MUTED, NEAR, PRIMARY, TARGET,
};
use crate::i18n::{
    fmt_int, fmt_target, fmt_target_percent, fmt_value, status_icon, Lang, Text as Ui,
};
use crate::summary::Row;
use contract::{Indicator, Status};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the ranking chart shows.
pub struct Ranking<'a> {
    /// Ranked rows, best first (see `summary::ranking`).
    pub rows: &'a [Row],
    pub target: Option<f64>,
    pub ind: Indicator,
    pub lang: Lang,
    pub width: u32,
}

const ROW_HEIGHT: u32 = 30;
/// Above the first strip: room for the target's label.
const TOP: u32 = 26;
/// Below the last strip: the value axis.
const AXIS: u32 = 30;
const BOTTOM: u32 = 8;
/// Rows per strip: 450 px, so that at 1366 × 768 the second strip starts
/// beyond the margin within which the browser lays out ahead of scrolling.
const STRIP_ROWS: usize = 15;
/// Dash and gap of the target line.
const DASH: (u32, u32) = (6, 4);

/// Draws the chart as SVG strips, top to bottom (one empty strip without
/// rows). The strips have no name of their own: the element holding them
/// is the image and carries its text alternative.
pub fn render(r: &Ranking) -> Vec<String> {
    let n = r.rows.len().max(1);
    let geometry = Geometry::of(r);
    (0..n)
        .step_by(STRIP_ROWS)
        .enumerate()
        .map(|(index, start)| {
            let strip = Strip {
                rows: start..(start + STRIP_ROWS).min(r.rows.len()),
                first: start == 0,
                last: start + STRIP_ROWS >= n,
            };
            let mut svg = String::new();
            // Drawing into a String cannot fail for I/O; a plotting error only loses the picture.
            let _ = draw(r, &geometry, &strip, &mut svg);
            let svg = hatch_pattern(finish_strip(svg), index);
            dash_target(svg, DASH.0, DASH.1)
        })
        .collect()
}

/// One strip: which rows, and whether it has the top (the target's label)
/// or the bottom (the value axis) of the chart.
struct Strip {
    rows: std::ops::Range<usize>,
    first: bool,
    last: bool,
}

impl Strip {
    fn height(&self) -> u32 {
        let top = if self.first { TOP } else { 0 };
        let bottom = if self.last { AXIS + BOTTOM } else { 0 };
        top + ROW_HEIGHT * self.rows.len().max(1) as u32 + bottom
    }
}

/// What every strip shares, so that they line up: the name column and the
/// value scale.
struct Geometry {
    narrow: bool,
    name_width: i32,
    x_max: f64,
}

impl Geometry {
    fn of(r: &Ranking) -> Geometry {
        let narrow = r.width < 480;
        // The name column takes about a quarter of the width.
        let share = if narrow { 40 } else { 27 };
        let x_max = if r.ind.is_rate() {
            100.0
        } else {
            let top = r
                .rows
                .iter()
                .filter_map(|row| row.value)
                .fold(0.0f64, f64::max);
            (top * 1.1).max(1.0).ceil()
        };
        Geometry {
            narrow,
            name_width: (r.width as i32 * share / 100).clamp(110, 220),
            x_max,
        }
    }
}

/// The stand-in colour plotters writes for the hatched overlay of a missed
/// bar, replaced by a pattern fill in [`hatch_pattern`].
const HATCH: RGBColor = RGBColor(0xB9, 0x1C, 0x1D);
const HATCH_FILL: &str = "fill=\"#B91C1D\"";

/// White diagonal stripes over missed bars as one SVG pattern, rather than
/// a line per stripe (a hundred laggards made 140 KB of SVG and slow redraws).
/// Each strip has its own pattern (ids are unique in the page).
fn hatch_pattern(svg: String, strip: usize) -> String {
    if !svg.contains(HATCH_FILL) {
        return svg;
    }
    let id = format!("par-hatch-{strip}");
    let svg = svg.replace(HATCH_FILL, &format!("fill=\"url(#{id})\""));
    let defs = format!(
        "<defs><pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" \
         patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" \
         stroke=\"#FFFFFF\" stroke-width=\"2\"/></pattern></defs>"
    );
    match svg.find('>') {
        Some(i) => format!("{}{defs}{}", &svg[..=i], &svg[i + 1..]),
        None => svg,
    }
}

/// The bar colour of a status: blue when met or without target, lighter
/// when near, red (and hatched) when missed.
pub fn bar_colour(status: Option<Status>) -> RGBColor {
    match status {
        Some(Status::Missed) => MISSED,
        Some(Status::Near) => NEAR,
        _ => PRIMARY,
    }
}

fn scaled(ind: Indicator, v: f64) -> f64 {
    if ind.is_rate() {
        v * 100.0
    } else {
        v
    }
}

fn draw(
    r: &Ranking,
    g: &Geometry,
    strip: &Strip,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let (narrow, name_width, x_max) = (g.narrow, g.name_width, g.x_max);
    let rows = &r.rows[strip.rows.clone()];
    let n = rows.len().max(1);
    let root = SVGBackend::with_string(svg, (r.width, strip.height())).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .margin_top(if strip.first { TOP } else { 0 })
        .margin_bottom(if strip.last { BOTTOM } else { 0 })
        .margin_left(name_width)
        .margin_right(if narrow { 84 } else { 100 })
        .x_label_area_size(if strip.last { AXIS } else { 0 })
        .build_cartesian_2d(0f64..x_max, 0f64..n as f64)?;
    let lang = r.lang;
    let is_rate = r.ind.is_rate();
    let x_fmt = move |x: &f64| {
        if is_rate {
            fmt_target_percent(x / 100.0, lang)
        } else {
            fmt_int(x.max(0.0).round() as u64, lang)
        }
    };
    // plotters writes font-size as size / 1.24: 16 gives 13 px text.
    let size = if narrow { 15 } else { 16 };
    let label = (FONT, size).into_font().color(&INK);
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh().disable_y_axis();
    if !strip.last {
        mesh.disable_x_axis();
    }
    mesh.x_labels(if narrow { 5 } else { 6 })
        .x_label_formatter(&x_fmt)
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(1))
        .label_style(label.clone())
        .draw()?;

    let max_name = (name_width / 8) as usize;
    // Value labels that would cross the target line start after it instead.
    let target_x = r
        .target
        .map(|t| chart.backend_coord(&(scaled(r.ind, t), 0.0)).0);
    for (i, row) in rows.iter().enumerate() {
        let (top, bottom) = (n as f64 - i as f64 - 0.18, n as f64 - i as f64 - 0.82);
        let (_, y_mid) = chart.backend_coord(&(0.0, (top + bottom) / 2.0));
        let name = shorten(&row.label, max_name);
        root.draw(&Text::new(
            name,
            (name_width - 8, y_mid),
            label.clone().pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        let Some(value) = row.value.map(|v| scaled(r.ind, v)) else {
            let (x, _) = chart.backend_coord(&(0.0, 0.0));
            let style = (FONT, size, FontStyle::Italic).into_font().color(&MUTED);
            root.draw(&Text::new(
                row.cell(Ui::NoData.get(lang).into(), lang),
                (x + 6, y_mid),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            continue;
        };
        let colour = bar_colour(row.status);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, bottom), (value, top)],
            colour.filled(),
        )))?;
        let lower_right = chart.backend_coord(&(value, bottom));
        if row.status == Some(Status::Missed) {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, bottom), (value, top)],
                HATCH.filled(),
            )))?;
        }
        let text = match row.status {
            Some(s) => format!("{} {}", status_icon(s), fmt_value(r.ind, row.value, lang)),
            None => fmt_value(r.ind, row.value, lang),
        };
        root.draw(&Text::new(
            text,
            (label_x(lower_right.0, target_x), y_mid),
            label.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }

    if let Some(target) = r.target.map(|t| scaled(r.ind, t)) {
        chart.draw_series(LineSeries::new(
            [(target, 0.0), (target, n as f64)],
            TARGET.stroke_width(2),
        ))?;
        // Its label above the first strip.
        if strip.first {
            let (x, y) = chart.backend_coord(&(target, n as f64));
            let text = format!(
                "{} {}",
                Ui::Target.get(lang),
                fmt_target(r.ind, r.target, lang)
            );
            let anchor = if target > x_max * 0.7 {
                HPos::Right
            } else {
                HPos::Left
            };
            let style = label.clone().color(&TARGET);
            root.draw(&Text::new(
                text,
                (x, y - 6),
                style.pos(Pos::new(anchor, VPos::Bottom)),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}

/// Where a value label starts: after its bar, or after the target line when
/// the bar ends just short of it (so the text never sits on the line).
fn label_x(bar_end: i32, target_x: Option<i32>) -> i32 {
    match target_x {
        Some(t) if bar_end < t && t - bar_end < 80 => t + 6,
        _ => bar_end + 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::hex;

    use crate::test_support::row;

    fn strips(rows: &[Row], ind: Indicator, target: Option<f64>) -> Vec<String> {
        render(&Ranking {
            rows,
            target,
            ind,
            lang: Lang::Vi,
            width: 720,
        })
    }

    fn chart(rows: &[Row], ind: Indicator, target: Option<f64>) -> String {
        strips(rows, ind, target).concat()
    }

    fn bars(svg: &str) -> usize {
        [PRIMARY, NEAR, MISSED]
            .iter()
            .map(|c| svg.matches(&format!("fill=\"{}\"", hex(*c))).count())
            .sum()
    }

    #[test]
    fn one_bar_per_unit_with_data_and_laggards_marked() {
        let rows = [
            row("A", Some(1.0), Some(Status::Met)),
            row("B", Some(0.97), Some(Status::Near)),
            row("C", Some(0.81), Some(Status::Missed)),
            row("D", None, None),
            Row {
                refused: contract::Month::parse("2025-07"),
                ..row("E", None, None)
            },
        ];
        let svg = chart(&rows, Indicator::OnTime, Some(1.0));
        assert_eq!(bars(&svg), 3);
        // No bar either for a unit refused because units changed: it says so.
        assert_eq!(svg.matches("Chưa có số liệu").count(), 1);
        assert_eq!(svg.matches("Không so sánh được").count(), 1);
        assert_eq!(svg.matches(&format!("fill=\"{}\"", hex(MISSED))).count(), 1);
        assert!(svg.contains("✗ 81,0 %"));
        assert!(svg.contains("✓ 100,0 %"));
        assert!(svg.contains("Chưa có số liệu"));
        assert!(svg.contains("Xã D"));
        // Hatching: white strokes over the missed bar, as one pattern.
        assert!(svg.contains("stroke=\"#FFFFFF\""));
        assert_eq!(svg.matches("fill=\"url(#par-hatch-0)\"").count(), 1);
        assert_eq!(svg.matches("<pattern ").count(), 1);
        assert!(!svg.contains(HATCH_FILL));
        // The target line is one dashed stroke.
        let target = format!("stroke=\"{}\" stroke-dasharray=\"6 4\"", hex(TARGET));
        assert_eq!(svg.matches(&target).count(), 1);
        assert!(svg.contains("Chỉ tiêu 100 %"));
    }

    #[test]
    fn counts_without_target_status() {
        let rows = [row("A", Some(12.0), None), row("B", Some(0.0), None)];
        let svg = chart(&rows, Indicator::Services, None);
        assert_eq!(bars(&svg), 2);
        assert!(!svg.contains("Chỉ tiêu"));
        assert!(!svg.contains("stroke=\"#FFFFFF\""));
    }

    #[test]
    fn a_long_ranking_is_drawn_in_strips_that_line_up() {
        let rows: Vec<Row> = (0..40)
            .map(|i| {
                let status = if i < 30 { Status::Met } else { Status::Missed };
                row(&format!("U{i}"), Some(1.0 - i as f64 / 100.0), Some(status))
            })
            .collect();
        let strips = strips(&rows, Indicator::OnTime, Some(0.9));
        assert_eq!(strips.len(), 3, "15 + 15 + 10 rows");
        let has = |strip: usize, text: &str| strips[strip].contains(&format!(">\n{text}\n<"));
        let heights: Vec<_> = strips
            .iter()
            .map(|s| crate::charts::drawn_height(s))
            .collect();
        assert_eq!(heights, [Some(26 + 450), Some(450), Some(300 + 30 + 8)]);
        for (i, svg) in strips.iter().enumerate() {
            assert!(
                svg.contains("aria-hidden=\"true\""),
                "the holder is the image"
            );
            // The target line runs through every strip, its label tops the first.
            let dashed = format!("stroke=\"{}\" stroke-dasharray=\"6 4\"", hex(TARGET));
            assert_eq!(svg.matches(&dashed).count(), 1);
            assert_eq!(svg.contains("Chỉ tiêu 90 %"), i == 0);
            // The value axis is under the last strip only.
            assert_eq!(has(i, "100 %"), i == 2, "strip {i}");
        }
        // Each strip's rows, in order, and the bars start at the same x.
        assert!(has(0, "Xã U0") && has(0, "Xã U14") && !has(0, "Xã U15"));
        assert!(has(1, "Xã U15") && has(1, "Xã U29") && !has(1, "Xã U30"));
        assert!(has(2, "Xã U30") && has(2, "Xã U39"));
        let bar_x = |svg: &str| {
            let fill = format!("fill=\"{}\"", hex(PRIMARY));
            let rect = svg
                .split("<rect ")
                .find(|r| r.contains(&fill))
                .unwrap()
                .to_string();
            rect.split("x=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(bar_x(&strips[0]), bar_x(&strips[1]));
        // Hatched laggards in the last strip, with that strip's own pattern.
        assert!(strips[2].contains("fill=\"url(#par-hatch-2)\""));
        assert!(strips[2].contains("<pattern id=\"par-hatch-2\""));
        assert!(!strips[0].contains("<pattern"));
    }
}
