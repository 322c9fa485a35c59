//! The figures drawn in the terminal: when each thread computed (`--timeline`), and the speedup
//! bars of pi-scaling.

use std::sync::{Arc, Mutex};

use crate::svg;
use std::time::{Duration, Instant};

/// A time a thread spent computing, counted from the creation of the timeline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Event {
    pub(crate) tid: i64,
    pub(crate) start: Duration,
    pub(crate) end: Duration,
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
    /// SVG figure, whose path is tried at once) asks for it.
    pub fn new(terminal: bool, svg: Option<String>) -> Timeline {
        if let Some(path) = &svg {
            svg::check_writable(path);
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
            svg::timeline(path, &events, nbthread, nbpoint);
        }
        if !self.terminal {
            return;
        }
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
}

/// One bar per row: the measured speedup (█) against the ideal one, as many as workers (|).
pub fn draw_speedup(workers: &[u64], speedups: &[f64], units: &str) {
    let top = workers.iter().zip(speedups).map(|(&w, &s)| s.max(w as f64)).fold(1.0, f64::max);
    let scale = 50.0 / top; // columns per unit of speedup
    println!("speedup: █ measured, | ideal (as many times faster as there are {units})");
    for (&w, &speedup) in workers.iter().zip(speedups) {
        let (bar, ideal) =
            ((speedup * scale).round() as usize, (w as f64 * scale).round() as usize);
        let mut line: Vec<char> = vec![' '; bar.max(ideal) + 1];
        line[..bar].fill('█');
        line[ideal] = '|';
        println!("{w:>5} {} {speedup:.2}", line.iter().collect::<String>());
    }
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
