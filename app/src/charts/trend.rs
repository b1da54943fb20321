//! The monthly trend line of one indicator for one unit, with the target as
//! a dashed line and the selected period as a shaded band.
//!
//! Months without data are gaps in the line, not zeros.

use super::{finish, FONT, GRID, HIGHLIGHT, INK, PRIMARY, TARGET};
use crate::i18n::{fmt_int, fmt_month_short, fmt_target, fmt_target_percent, Lang, Text as Ui};
use data_pipeline::contract::{Indicator, Month};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the trend chart shows.
pub struct Trend<'a> {
    /// Every month of the data with the indicator's value (fraction for rates).
    pub points: &'a [(Month, Option<f64>)],
    pub target: Option<f64>,
    /// First and last month of the selected period.
    pub highlight: (Month, Month),
    pub ind: Indicator,
    pub lang: Lang,
    /// Read by screen readers as the image's name.
    pub title: &'a str,
    /// Width of the drawing in CSS pixels (narrower on phones, so text stays legible).
    pub width: u32,
}

/// Height of the drawing.
const HEIGHT: u32 = 300;

/// Draws the chart and returns SVG text.
pub fn render(t: &Trend) -> String {
    let mut svg = String::new();
    // Drawing into a String cannot fail for I/O; a plotting error only loses the picture.
    let _ = draw(t, &mut svg);
    finish(svg, t.title)
}

/// Values on the chart's scale: percent for rates, counts otherwise.
fn scaled(t: &Trend, v: f64) -> f64 {
    if t.ind.is_rate() {
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
        return if t.ind.is_rate() {
            (0.0, 100.0)
        } else {
            (0.0, 5.0)
        };
    }
    if t.ind.is_rate() {
        let lo = ((lo - 5.0) / 10.0).floor() * 10.0;
        (lo.clamp(0.0, 90.0), 100.0)
    } else {
        (0.0, (hi * 1.15).max(5.0).ceil())
    }
}

fn draw(t: &Trend, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (t.width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let n = t.points.len().max(1);
    let (y0, y1) = y_range(t);
    let narrow = t.width < 480;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(if t.target.is_some() { 12 } else { 16 })
        .x_label_area_size(34)
        .y_label_area_size(if narrow { 44 } else { 56 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)?;

    let first = t.points.first().map(|p| p.0);
    let every = (n as f64 / (t.width as f64 / 90.0).floor().max(3.0))
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
    let is_rate = t.ind.is_rate();
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
    let label = (FONT, if narrow { 15 } else { 16 }).into_font().color(&INK);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(40))
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(1))
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

    if let Some(target) = t.target.map(|v| scaled(t, v)) {
        let line = [(-0.5, target), (n as f64 - 0.5, target)];
        chart.draw_series(DashedLineSeries::new(line, 8, 6, TARGET.stroke_width(2)))?;
        let text = format!(
            "{} {}",
            Ui::Target.get(lang),
            fmt_target(t.ind, t.target, lang)
        );
        let (x, y) = chart.backend_coord(&(n as f64 - 0.5, target));
        // Label below the line when it is high on the chart, above otherwise.
        let below = target > (y0 + y1) / 2.0;
        let pos = Pos::new(HPos::Right, if below { VPos::Top } else { VPos::Bottom });
        let gap = if below { 5 } else { -5 };
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
            PRIMARY.stroke_width(3),
        ))?;
    }
    chart.draw_series(
        coords
            .iter()
            .flatten()
            .map(|&p| Circle::new(p, 4, PRIMARY.filled())),
    )?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::hex;

    fn months(values: &[Option<f64>]) -> Vec<(Month, Option<f64>)> {
        let first = Month::parse("2023-11").unwrap();
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (first.plus(i as i32), *v))
            .collect()
    }

    fn chart(points: &[(Month, Option<f64>)], ind: Indicator, target: Option<f64>) -> String {
        let m = Month::parse("2024-01").unwrap();
        render(&Trend {
            points,
            target,
            highlight: (m, m),
            ind,
            lang: Lang::Vi,
            title: "Xu hướng",
            width: 720,
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
        // A dashed line is many short strokes in the target colour.
        assert!(svg.matches(&format!("stroke=\"{}\"", hex(TARGET))).count() > 5);
        assert!(svg.contains("Chỉ tiêu 100 %"));
        assert!(svg.contains(&format!("fill=\"{}\"", hex(HIGHLIGHT))));
        assert!(svg.contains("<title>Xu hướng</title>"));
        assert!(svg.contains("1/2024"));
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
    fn counts_use_a_zero_based_axis() {
        let pts = months(&[Some(3.0), Some(0.0), Some(12.0)]);
        let svg = chart(&pts, Indicator::Overdue, Some(0.0));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("Chỉ tiêu 0"));
    }
}
