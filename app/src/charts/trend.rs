//! The monthly trend line of one indicator for one unit, with the target as
//! a dashed line and the selected period as a shaded band.
//!
//! Months without data are gaps in the line, not zeros.

use super::{dash_target, finish, FONT, GRID, HC_GRID, HC_LINE, HIGHLIGHT, INK, PRIMARY, TARGET};
use crate::i18n::{fmt_int, fmt_month_short, fmt_target_percent, Lang, Text as Ui};
use contract::Month;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the trend chart shows.
pub struct Trend<'a> {
    /// Every month of the data with the value (a fraction for rates).
    pub points: &'a [(Month, Option<f64>)],
    pub target: Option<f64>,
    /// First and last month of the selected period.
    pub highlight: (Month, Month),
    /// A rate, drawn in percent and zoomed to the data; otherwise a count
    /// (or the index's points), from 0.
    pub rate: bool,
    pub lang: Lang,
    /// Read by screen readers as the image's name.
    pub title: &'a str,
    /// Width of the drawing in CSS pixels (narrower on phones, so text stays legible).
    pub width: u32,
    /// The first month of a new unit tree, with its label ("01/07/2025"),
    /// drawn as a solid vertical line: figures on either side come from
    /// different units.
    pub change: Option<(Month, String)>,
}

/// How the chart is drawn: the dashboard's default, or [`Style::projector`]
/// (large text, thick lines, black on white) for briefing mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Height of the drawing.
    pub height: u32,
    /// Label size as plotters takes it (it writes `font-size` as size / 1.24).
    pub font: u32,
    /// Stroke width of the data line and radius of its dots.
    pub line: u32,
    pub dot: u32,
    /// Stroke width of the dashed target line.
    pub target_line: u32,
    /// Black text and axes, a darker grid and a darker line.
    pub high_contrast: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            height: 300,
            font: 16,
            line: 3,
            dot: 4,
            target_line: 2,
            high_contrast: false,
        }
    }
}

#[cfg(feature = "on-demand")]
impl Style {
    /// For a projector: drawn at `height` pixels with labels of `text_px`
    /// CSS pixels (the slide's body size) and lines that scale with the text.
    pub fn projector(height: u32, text_px: f64) -> Style {
        let text_px = text_px.max(12.0);
        Style {
            height: height.max(120),
            font: (text_px * 1.24).round() as u32,
            line: (text_px / 4.0).round().max(4.0) as u32,
            dot: (text_px / 3.0).round().max(5.0) as u32,
            target_line: (text_px / 8.0).round().max(3.0) as u32,
            high_contrast: true,
        }
    }
}

/// Draws the chart in the dashboard's style and returns SVG text.
pub fn render(t: &Trend) -> String {
    render_with(t, &Style::default())
}

/// Draws the chart in the given style and returns SVG text.
pub fn render_with(t: &Trend, style: &Style) -> String {
    let mut svg = String::new();
    // Drawing into a String cannot fail for I/O; a plotting error only loses the picture.
    let _ = draw(t, style, &mut svg);
    let (dash, gap) = (style.target_line * 4, style.target_line * 3);
    dash_target(finish(svg, t.title), dash, gap)
}

/// Values on the chart's scale: percent for rates, counts otherwise.
fn scaled(t: &Trend, v: f64) -> f64 {
    if t.rate {
        v * 100.0
    } else {
        v
    }
}

/// The y range: rates zoom to the data (a line chart need not start at 0),
/// counts start at 0.
fn y_range(t: &Trend) -> (f64, f64) {
    let values = t
        .points
        .iter()
        .filter_map(|p| p.1)
        .chain(t.target)
        .map(|v| scaled(t, v));
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return if t.rate { (0.0, 100.0) } else { (0.0, 5.0) };
    }
    if t.rate {
        let lo = ((lo - 5.0) / 10.0).floor() * 10.0;
        (lo.clamp(0.0, 90.0), 100.0)
    } else {
        (0.0, (hi * 1.15).max(5.0).ceil())
    }
}

fn draw(t: &Trend, style: &Style, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (t.width, style.height)).into_drawing_area();
    root.fill(&WHITE)?;
    let n = t.points.len().max(1);
    let (y0, y1) = y_range(t);
    let narrow = t.width < 480;
    let (ink, grid, line_colour) = if style.high_contrast {
        (BLACK, HC_GRID, HC_LINE)
    } else {
        (INK, GRID, PRIMARY)
    };
    // Label areas grow with the text (the defaults are the dashboard's sizes).
    let scale = style.font as f64 / 16.0;
    let y_area = (if narrow { 44.0 } else { 56.0 } * scale) as u32;
    // Room for the half of the top label that sticks out above the plot.
    let margin = (style.font as f64 * 0.6).max(12.0) as u32;
    let mut chart = ChartBuilder::on(&root)
        .margin(margin)
        .margin_right(if t.target.is_some() {
            margin
        } else {
            margin + 4
        })
        .x_label_area_size((style.font as f64 * 1.5) as u32 + 10)
        .y_label_area_size(y_area)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)?;

    let first = t.points.first().map(|p| p.0);
    let every = (n as f64 / (t.width as f64 / (90.0 * scale)).floor().max(3.0))
        .ceil()
        .max(1.0) as usize;
    let lang = t.lang;
    let x_fmt = move |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 || !(i as usize).is_multiple_of(every) {
            return String::new();
        }
        first
            .map(|f| fmt_month_short(f.plus(i as i32), lang))
            .unwrap_or_default()
    };
    let is_rate = t.rate;
    let y_fmt = move |y: &f64| -> String {
        if is_rate {
            fmt_target_percent(y / 100.0, lang)
        } else if (y - y.round()).abs() < 1e-6 {
            fmt_int(y.max(0.0).round() as u64, lang)
        } else {
            String::new() // counts have no fractional ticks
        }
    };
    // plotters writes font-size as size / 1.24: 16 gives 13 px text.
    let size = if narrow && !style.high_contrast {
        15
    } else {
        style.font
    };
    let label = (FONT, size).into_font().color(&ink);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(40))
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .bold_line_style(grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(ink.stroke_width(if style.high_contrast { 2 } else { 1 }))
        .label_style(label.clone())
        .draw()?;

    // The selected period, behind everything else.
    if let Some(f) = first {
        let a = (t.highlight.0.index() - f.index()).max(0) as f64 - 0.5;
        let b = (t.highlight.1.index() - f.index()).min(n as i32 - 1) as f64 + 0.5;
        if b > a {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(a, y0), (b, y1)],
                HIGHLIGHT.filled(),
            )))?;
        }
    }

    if let (Some(f), Some((month, text))) = (first, &t.change) {
        let x = (month.index() - f.index()) as f64 - 0.5;
        if x > -0.5 && x < n as f64 - 0.5 {
            let width = if style.high_contrast { 2 } else { 1 };
            chart.draw_series(LineSeries::new([(x, y0), (x, y1)], ink.stroke_width(width)))?;
            // At the foot of the line, clear of the target's label at the top.
            let (px, py) = chart.backend_coord(&(x, y0));
            let pos = Pos::new(HPos::Left, VPos::Bottom);
            root.draw(&Text::new(
                text.clone(),
                (px + 4, py - 4),
                label.clone().pos(pos),
            ))?;
        }
    }

    if let Some(target) = t.target.map(|v| scaled(t, v)) {
        let line = [(-0.5, target), (n as f64 - 0.5, target)];
        chart.draw_series(LineSeries::new(
            line,
            TARGET.stroke_width(style.target_line),
        ))?;
        let value = match t.rate {
            true => fmt_target_percent(target / 100.0, lang),
            false => fmt_int(target.round().max(0.0) as u64, lang),
        };
        let text = format!("{} {value}", Ui::Target.get(lang));
        let (x, y) = chart.backend_coord(&(n as f64 - 0.5, target));
        // Label below the line when it is high on the chart, above otherwise.
        let below = target > (y0 + y1) / 2.0;
        let pos = Pos::new(HPos::Right, if below { VPos::Top } else { VPos::Bottom });
        let gap = 3 + style.target_line as i32;
        let gap = if below { gap } else { -gap };
        root.draw(&Text::new(
            text,
            (x - 4, y + gap),
            label.clone().color(&TARGET).pos(pos),
        ))?;
    }

    // Contiguous runs of months with data become separate line segments.
    let coords: Vec<Option<(f64, f64)>> = t
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| p.1.map(|v| (i as f64, scaled(t, v))))
        .collect();
    for run in coords.split(|c| c.is_none()).filter(|r| r.len() > 1) {
        chart.draw_series(LineSeries::new(
            run.iter().flatten().copied(),
            line_colour.stroke_width(style.line),
        ))?;
    }
    chart.draw_series(
        coords
            .iter()
            .flatten()
            .map(|&p| Circle::new(p, style.dot, line_colour.filled())),
    )?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::hex;
    use contract::Indicator;

    fn months(values: &[Option<f64>]) -> Vec<(Month, Option<f64>)> {
        let first = Month::parse("2023-11").unwrap();
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (first.plus(i as i32), *v))
            .collect()
    }

    fn chart(points: &[(Month, Option<f64>)], ind: Indicator, target: Option<f64>) -> String {
        let rate = ind.is_rate();
        let m = Month::parse("2024-01").unwrap();
        render(&Trend {
            points,
            target,
            highlight: (m, m),
            rate,
            lang: Lang::Vi,
            title: "Xu hướng",
            width: 720,
            change: None,
        })
    }

    #[test]
    fn one_point_per_month_with_data_and_a_dashed_target() {
        let pts = months(&[Some(0.9), Some(0.95), None, Some(0.97), Some(1.0)]);
        let svg = chart(&pts, Indicator::OnTime, Some(1.0));
        assert_eq!(svg.matches("<circle").count(), 4);
        // The line breaks at the missing month: two segments.
        assert_eq!(
            svg.matches(&format!("stroke=\"{}\" stroke-width=\"3\"", hex(PRIMARY)))
                .count(),
            2
        );
        // The target is one dashed stroke.
        let target = format!("stroke=\"{}\" stroke-dasharray=\"8 6\"", hex(TARGET));
        assert_eq!(svg.matches(&target).count(), 1);
        assert!(svg.contains("Chỉ tiêu 100 %"));
        assert!(svg.contains(&format!("fill=\"{}\"", hex(HIGHLIGHT))));
        assert!(svg.contains("<title>Xu hướng</title>"));
        assert!(svg.contains("1/2024"));
    }

    #[test]
    fn a_change_of_units_is_a_labelled_line_between_two_months() {
        let pts = months(&[Some(0.9), None, Some(0.97)]);
        let change = Month::parse("2024-01").unwrap();
        let svg = render(&Trend {
            points: &pts,
            target: None,
            highlight: (change, change),
            rate: true,
            lang: Lang::Vi,
            title: "Xu hướng",
            width: 720,
            change: Some((change, "01/01/2024".into())),
        });
        assert!(svg.contains("01/01/2024"), "{svg}");
        let line = format!("stroke=\"{}\" stroke-width=\"1\"", hex(INK));
        assert!(svg.contains(&line), "{svg}");
    }

    #[test]
    fn no_data_at_all_draws_an_empty_chart() {
        let pts = months(&[None, None]);
        let svg = chart(&pts, Indicator::Services, None);
        assert_eq!(svg.matches("<circle").count(), 0);
        assert!(!svg.contains(&format!("stroke=\"{}\"", hex(TARGET))));
        assert!(svg.starts_with("<svg"));
    }

    #[test]
    #[cfg(feature = "on-demand")]
    fn the_projector_style_draws_thick_black_and_large() {
        let pts = months(&[Some(0.9), Some(0.95), Some(0.97)]);
        let m = Month::parse("2024-01").unwrap();
        let t = Trend {
            points: &pts,
            target: Some(1.0),
            highlight: (m, m),
            rate: true,
            lang: Lang::Vi,
            title: "Xu hướng",
            width: 900,
            change: None,
        };
        let style = Style::projector(400, 36.0);
        assert_eq!((style.line, style.dot, style.target_line), (9, 12, 5));
        let svg = render_with(&t, &style);
        assert!(svg.contains("viewBox=\"0 0 900 400\""));
        let thick = format!("stroke=\"{}\" stroke-width=\"9\"", hex(HC_LINE));
        assert_eq!(svg.matches(&thick).count(), 1);
        assert!(
            svg.contains("font-size=\"36"),
            "labels at the slide's text size"
        );
        assert!(svg.contains(&format!(
            "stroke=\"{}\" stroke-dasharray=\"20 15\" stroke-width=\"5\"",
            hex(TARGET)
        )));
        assert!(!svg.contains(&hex(INK)), "black text, not grey");
        // The default is unchanged.
        assert_eq!(render(&t), render_with(&t, &Style::default()));
    }

    #[test]
    fn counts_use_a_zero_based_axis() {
        let pts = months(&[Some(3.0), Some(0.0), Some(12.0)]);
        let svg = chart(&pts, Indicator::Overdue, Some(0.0));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("Chỉ tiêu 0"));
    }
}
