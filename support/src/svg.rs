//! The figures as SVG files, drawn with plotters: when each thread computed (`--svg` of
//! pi-threads and pi-gil: the course's picture gil.png, from real runs), and the time and the
//! speedup against the number of workers (`pi-scaling --svg`).

use plotters::prelude::*;

use crate::figures::Event;
use crate::{fail, machine, program};

/// One program's row of pi-scaling: the worker counts and the seconds each run took.
pub struct Series {
    pub name: String,
    pub workers: Vec<u64>,
    pub seconds: Vec<f64>,
}

/// The course's cluster tables (« Retour sur le calcul de $\pi$ »): Python `multiprocessing`
/// on a node of two 12-core Intel processors, speedup against 1 process, from its elapsed times.
const COURSE: [(&str, [f64; 13]); 2] = [
    (
        "course, Python, 24-core node, 10^7 points",
        [1.83, 1.00, 0.52, 0.39, 0.31, 0.28, 0.24, 0.22, 0.20, 0.20, 0.19, 0.18, 0.17],
    ),
    (
        "course, Python, 24-core node, 10^9 points",
        [
            175.53, 87.95, 46.03, 31.34, 23.84, 20.61, 17.20, 14.77, 12.94, 12.29, 11.08, 10.14,
            10.05,
        ],
    ),
];
const COURSE_WORKERS: [u64; 13] = [1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];

/// Creates `path` at once, so that a path that cannot be written is told before any work.
pub(crate) fn check_writable(path: &str) {
    if let Err(e) = std::fs::File::create(path) {
        fail(&format!("svg {path}: {e}"));
    }
}

/// One row per thread along the time axis, a bar for each time it computed.
pub(crate) fn timeline(path: &str, events: &[Event], nbthread: i64, nbpoint: i64) {
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        let span = 1.02 * events.iter().map(|e| e.end.as_secs_f64() * 1e3).fold(1e-3, f64::max);
        let height = 140 + 30 * nbthread.min(32) as u32;
        let root = SVGBackend::new(path, (1000, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(&machine(), ("sans-serif", 14))?;
        let title = format!("{}: {nbthread} threads, {nbpoint} points", program());
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(10)
            .margin_right(30)
            .x_label_area_size(40)
            .y_label_area_size(90)
            .build_cartesian_2d(0.0..span, -0.5..nbthread as f64 - 0.5)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(nbthread.min(32) as usize)
            .y_label_formatter(&|y| format!("thread {}", y.round()))
            .x_desc("ms since the start")
            .draw()?;
        let bar = |e: &Event| {
            let (row, color) = (e.tid as f64, Palette99::pick(e.tid as usize).filled());
            let (from, to) = (e.start.as_secs_f64() * 1e3, e.end.as_secs_f64() * 1e3);
            Rectangle::new([(from, row - 0.35), (to, row + 0.35)], color)
        };
        chart.draw_series(events.iter().map(bar))?;
        root.present()?;
        Ok(())
    };
    draw().unwrap_or_else(|e| fail(&format!("svg {path}: {e}")));
}

/// Time (left) and speedup (right) against the workers, a line per program, the ideal speedup
/// as a grey line, and with `course` the course's two cluster tables as reference lines.
pub fn scaling(path: &str, series: &[Series], course: bool) {
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        let ours = series.iter().flat_map(|s| s.workers.iter().copied()).max().unwrap_or(1);
        let top = if course { ours.max(24) } else { ours };
        let slowest = series.iter().flat_map(|s| s.seconds.iter().copied()).fold(0.0, f64::max);
        let root = SVGBackend::new(path, (1200, 520)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(&machine(), ("sans-serif", 14))?;
        let (left, right) = root.split_horizontally(600);
        let mut time = ChartBuilder::on(&left)
            .caption("time (s)", ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(35)
            .y_label_area_size(55)
            .build_cartesian_2d(0..ours + 1, 0.0..slowest * 1.1)?;
        time.configure_mesh().x_desc("workers").draw()?;
        let mut speedup = ChartBuilder::on(&right)
            .caption("speedup against the first count", ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(35)
            .y_label_area_size(45)
            .build_cartesian_2d(0..top + 1, 0.0..top as f64 + 0.5)?;
        speedup.configure_mesh().x_desc("workers").draw()?;
        let ideal = (1..=top).map(|w| (w, w as f64));
        let grey = RGBColor(150, 150, 150);
        speedup
            .draw_series(LineSeries::new(ideal, grey))?
            .label("ideal")
            .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 14, y + 4)], grey.filled()));
        for (k, s) in series.iter().enumerate() {
            let color = Palette99::pick(k);
            let points = || s.workers.iter().copied().zip(s.seconds.iter().copied());
            time.draw_series(LineSeries::new(points(), color.stroke_width(2)))?;
            let gain = points().map(|(w, t)| (w, s.seconds[0] / t));
            speedup
                .draw_series(LineSeries::new(gain, color.stroke_width(2)))?
                .label(&s.name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 4), (x + 14, y + 4)], color.filled())
                });
        }
        for (k, (name, times)) in COURSE.iter().enumerate().filter(|_| course) {
            let color = [RGBColor(200, 120, 0), RGBColor(120, 60, 160)][k];
            let gain = COURSE_WORKERS.iter().zip(times).map(|(&w, &t)| (w, times[0] / t));
            speedup.draw_series(LineSeries::new(gain, color))?.label(*name).legend(
                move |(x, y)| Rectangle::new([(x, y - 4), (x + 14, y + 4)], color.filled()),
            );
        }
        let mut labels = speedup.configure_series_labels();
        labels.position(SeriesLabelPosition::UpperLeft).background_style(WHITE).border_style(BLACK);
        labels.draw()?;
        root.present()?;
        Ok(())
    };
    draw().unwrap_or_else(|e| fail(&format!("svg {path}: {e}")));
}

/// The values of every rank before and after a collective call: one row per rank, wrapped into
/// blocks as long as the shortest row (the unit the call moves: rank 0's array of a Scatter,
/// one row per rank after a Gather), each value in a box (3 decimals), before on the left, after on the right
/// (`--svg` of the MPI collectives: the course's pictures bcast.png, scatter_gather.png … from
/// real runs). A value keeps its colour on both sides: the colour of the rank that held it
/// before the call, or, when all the values started on one rank (Scatter), of the rank it
/// went to; grey for a zero or a value that no rank held before (a sum).
#[cfg(feature = "mpi")]
pub(crate) fn collective(path: &str, title: &str, before: &[Vec<f64>], after: &[Vec<f64>]) {
    let rows = || before.iter().chain(after).map(Vec::len).filter(|&len| len > 0);
    let wrap = rows().min().unwrap_or(1);
    let ranks = before.len().max(after.len());
    let lines = |r: usize| {
        let len = |rows: &[Vec<f64>]| rows.get(r).map_or(0, Vec::len);
        len(before).max(len(after)).div_ceil(wrap).max(1) as u32
    };
    let one_source = before.iter().filter(|row| row.iter().any(|&v| v != 0.0)).count() == 1;
    let color_of = |v: f64, own: Option<usize>| {
        let holders = |rows: &[Vec<f64>]| -> Vec<usize> {
            (0..rows.len()).filter(|&r| v != 0.0 && rows[r].contains(&v)).collect()
        };
        let (from, to) = (holders(before), holders(after));
        let rank = match (one_source, to.as_slice()) {
            (true, [dest]) => Some(*dest),
            _ => own.filter(|_| v != 0.0).or(from.first().copied()),
        };
        match rank {
            Some(r) => Palette99::pick(r).mix(0.35).filled(),
            None => RGBColor(220, 220, 220).filled(),
        }
    };
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        let widest = rows().max().unwrap_or(1).min(wrap);
        let (cell, line) = (58u32, 30u32);
        let panel = 90 + cell * widest as u32;
        let height = 110 + (0..ranks).map(|r| lines(r) * line + 6).sum::<u32>();
        let width = (2 * panel + 40).max(820); // the machine's line fits
        let root = SVGBackend::new(path, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(&machine(), ("sans-serif", 14))?;
        let root = root.titled(title, ("sans-serif", 20))?;
        let text = |s: String, x: u32, y: u32, size: u32| {
            Text::new(s, (x as i32, y as i32), ("sans-serif", size).into_font())
        };
        for (k, (name, rows)) in [("before", before), ("after", after)].into_iter().enumerate() {
            let x0 = 20 + k as u32 * panel;
            root.draw(&text(name.to_string(), x0 + 80, 8, 16))?;
            let mut y = 36;
            for rank in 0..ranks {
                root.draw(&text(format!("rank {rank}"), x0, y + 8, 14))?;
                let values = rows.get(rank).map_or(&[][..], Vec::as_slice);
                for (j, &v) in values.iter().enumerate() {
                    let (x, y) = (x0 + 70 + (j % wrap) as u32 * cell, y + (j / wrap) as u32 * line);
                    let own = (k == 0).then_some(rank);
                    let corners =
                        [(x as i32, y as i32), ((x + cell - 4) as i32, (y + line - 4) as i32)];
                    root.draw(&Rectangle::new(corners, color_of(v, own)))?;
                    root.draw(&text(format!("{v:.3}"), x + 6, y + 7, 13))?;
                }
                y += lines(rank) * line + 6;
            }
        }
        root.present()?;
        Ok(())
    };
    draw().unwrap_or_else(|e| fail(&format!("svg {path}: {e}")));
}
