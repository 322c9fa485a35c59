//! pi-scaling's figure: the SVG of time and speedup against the workers (`figures scaling`,
//! from pi-scaling's printed tables).

use plotters::prelude::*;

/// One table of pi-scaling: a program (or one of the course's tables), its worker counts, and
/// for each count the seconds the run took and the speedup against the first count.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub name: String,
    pub workers: Vec<u64>,
    pub seconds: Vec<f64>,
    pub speedups: Vec<f64>,
}

/// Time (above) and speedup (below) against the workers, a line per program of `ours`, the
/// ideal speedup as a grey line, and the `reference` tables (the course's, measured elsewhere)
/// as lines of the speedup only; `machine` is the first line.
pub fn svg(
    ours: &[Series],
    reference: &[Series],
    machine: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut text = String::new();
    {
        let most = |tables: &[Series]| tables.iter().flat_map(|s| s.workers.clone()).max();
        let ours_top = most(ours).unwrap_or(1);
        let top = ours_top.max(most(reference).unwrap_or(1));
        let slowest = ours.iter().flat_map(|s| s.seconds.iter().copied()).fold(0.01, f64::max);
        let root = SVGBackend::with_string(&mut text, (crate::WIDTH, 900)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = crate::title_machine(root, machine)?;
        let (above, below) = root.split_vertically(380);
        let font = ("sans-serif", crate::TEXT);
        let mut time = ChartBuilder::on(&above)
            .caption("time (s)", ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(0..ours_top + 1, 0.0..slowest * 1.1)?;
        time.configure_mesh().label_style(font).axis_desc_style(font).x_desc("workers").draw()?;
        let mut speedup = ChartBuilder::on(&below)
            .caption("speedup against the first count", ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(0..top + 1, 0.0..top as f64 + 0.5)?;
        speedup
            .configure_mesh()
            .label_style(font)
            .axis_desc_style(font)
            .x_desc("workers")
            .draw()?;
        let key = |color: RGBColor| {
            move |(x, y): (i32, i32)| Rectangle::new([(x, y - 4), (x + 14, y + 4)], color.filled())
        };
        let grey = RGBColor(150, 150, 150);
        let ideal = (1..=top).map(|w| (w, w as f64));
        speedup.draw_series(LineSeries::new(ideal, grey))?.label("ideal").legend(key(grey));
        for (k, s) in ours.iter().enumerate() {
            let color = Palette99::pick(k).to_rgba();
            let color = RGBColor(color.0, color.1, color.2);
            let times = s.workers.iter().copied().zip(s.seconds.iter().copied());
            time.draw_series(LineSeries::new(times, color.stroke_width(2)))?;
            let gains = s.workers.iter().copied().zip(s.speedups.iter().copied());
            let line = LineSeries::new(gains, color.stroke_width(2));
            speedup.draw_series(line)?.label(&s.name).legend(key(color));
        }
        let colors = [RGBColor(200, 120, 0), RGBColor(120, 60, 160)];
        for (s, &color) in reference.iter().zip(colors.iter().cycle()) {
            let gains = s.workers.iter().copied().zip(s.speedups.iter().copied());
            speedup.draw_series(LineSeries::new(gains, color))?.label(&s.name).legend(key(color));
        }
        let mut labels = speedup.configure_series_labels();
        labels
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(font)
            .background_style(WHITE)
            .border_style(BLACK);
        labels.draw()?;
        root.present()?;
    }
    Ok(text)
}
