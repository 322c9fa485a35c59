//! When each thread computed: pi-threads' and pi-gil's `--timeline` (in the terminal) and
//! `--svg FILE` (the course's picture gil.png, from real runs). The spans are known only inside
//! the program, so the program draws them itself.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use course_support::{fail, machine, program};
use plotters::prelude::*;

/// A time a thread spent computing, counted from the creation of the timeline.
#[derive(Clone, Copy, Debug)]
struct Event {
    tid: i64,
    start: Duration,
    end: Duration,
}

/// When each thread computed: the threads record, the main thread draws after the result.
/// Cloned into each thread; recording costs nothing when the timeline is off.
#[derive(Clone)]
pub struct Timeline {
    on: bool,
    terminal: bool,
    svg: Option<String>,
    t0: Instant,
    events: Arc<Mutex<Vec<Event>>>,
}

impl Timeline {
    /// Records when `terminal` (`--timeline`: drawn in the terminal) or `svg` (`--svg FILE`: an
    /// SVG figure, whose path is tried at once, so that a bad path is told before any work)
    /// asks for it.
    pub fn new(terminal: bool, svg: Option<String>) -> Timeline {
        if let Some(path) = &svg
            && let Err(e) = std::fs::File::create(path)
        {
            fail(&format!("svg {path}: {e}"));
        }
        let on = terminal || svg.is_some();
        Timeline { on, terminal, svg, t0: Instant::now(), events: Arc::default() }
    }

    /// The time since the timeline was created: the start of an event to [`record`](Self::record).
    pub fn now(&self) -> Duration {
        self.t0.elapsed()
    }

    /// Thread `tid` computed from `start` until now.
    pub fn record(&self, tid: i64, start: Duration) {
        if self.on {
            let end = self.now();
            self.events.lock().expect("timeline").push(Event { tid, start, end });
        }
    }

    /// Runs `work` as thread `tid` and records when it ran.
    pub fn span<T>(&self, tid: i64, work: impl FnOnce() -> T) -> T {
        let start = self.now();
        let result = work();
        self.record(tid, start);
        result
    }

    /// The figures asked for: with `--timeline`, one row per thread of 60 columns, a column
    /// full (█) when the thread computed during all of it, ░▒▓ during a part of it; with
    /// `--svg FILE`, the same as an SVG figure.
    pub fn draw(&self, nbthread: i64, nbpoint: i64) {
        let events = self.events.lock().expect("timeline");
        if let Some(path) = &self.svg {
            let title = format!("{}: {nbthread} threads, {nbpoint} points", program());
            let svg = svg(&events, nbthread, &title, &machine());
            let written = svg.and_then(|text| Ok(std::fs::write(path, text)?));
            written.unwrap_or_else(|e| fail(&format!("svg {path}: {e}")));
        }
        if self.terminal {
            terminal(&events, nbthread);
        }
    }
}

fn terminal(events: &[Event], nbthread: i64) {
    const WIDTH: usize = 60;
    let span = events.iter().map(|e| e.end).max().unwrap_or_default();
    let column = span.as_secs_f64() / WIDTH as f64;
    let ms = column * 1e3;
    println!("timeline: {WIDTH} columns of {ms:.2} ms, █ computing, ░▒▓ part of the column");
    for tid in 0..nbthread {
        let row: String = (0..WIDTH)
            .map(|c| {
                let (from, to) = (c as f64 * column, (c + 1) as f64 * column);
                let overlap =
                    |e: &Event| e.end.as_secs_f64().min(to) - e.start.as_secs_f64().max(from);
                let mine = events.iter().filter(|e| e.tid == tid);
                let busy: f64 = mine.map(|e| overlap(e).max(0.0)).sum();
                [' ', '░', '▒', '▓', '█'][((4.0 * busy / column).ceil() as usize).min(4)]
            })
            .collect();
        println!("thread {tid:>4} |{row}|");
    }
}

/// One row per thread along the time axis, a bar for each time it computed.
fn svg(
    events: &[Event],
    nbthread: i64,
    title: &str,
    machine: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut text = String::new();
    {
        let span = 1.02 * events.iter().map(|e| e.end.as_secs_f64() * 1e3).fold(1e-3, f64::max);
        let height = 170 + 30 * nbthread.min(32) as u32;
        let root = SVGBackend::with_string(&mut text, (crate::WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = crate::title_machine(root, machine)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(10)
            .margin_right(30)
            .x_label_area_size(45)
            .y_label_area_size(90)
            .build_cartesian_2d(0.0..span, -0.5..nbthread as f64 - 0.5)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(nbthread.min(32) as usize)
            .y_label_formatter(&|y| format!("thread {}", y.round()))
            .x_labels(6)
            .label_style(("sans-serif", crate::TEXT))
            .axis_desc_style(("sans-serif", crate::TEXT))
            .x_desc("ms since the start")
            .draw()?;
        let bar = |e: &Event| {
            let (row, color) = (e.tid as f64, Palette99::pick(e.tid as usize).filled());
            let (from, to) = (e.start.as_secs_f64() * 1e3, e.end.as_secs_f64() * 1e3);
            Rectangle::new([(from, row - 0.35), (to, row + 0.35)], color)
        };
        chart.draw_series(events.iter().map(bar))?;
        root.present()?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeline_records_only_when_on() {
        let (on, off) = (Timeline::new(true, None), Timeline::new(false, None));
        assert_eq!(on.span(3, || 7), 7);
        off.span(0, || ());
        let events = on.events.lock().unwrap();
        assert_eq!(events.len(), 1);
        assert!(events[0].tid == 3 && events[0].start <= events[0].end);
        assert!(off.events.lock().unwrap().is_empty());
    }
}
