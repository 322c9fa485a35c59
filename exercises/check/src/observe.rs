//! The observe-only exercises (timings): `check N` runs the commands the exercise names,
//! several times, and prints the medians in the course's format. It asserts nothing: what to
//! compare is said, the judgement is the student's.

pub use std::process::Command;

use std::collections::BTreeMap;

use course_support::clock;

use crate::workspace;
pub use harness::{LONG_TIMEOUT, run_watched};

/// How many times each measure is taken; the median is shown.
pub const RUNS: usize = 5;

/// One row of pi-scaling's table: median wall-clock seconds and %CPU for a worker count.
pub struct Row {
    pub workers: u64,
    pub seconds: f64,
    pub cpu: f64,
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// `pi-scaling --program PROGRAM --points POINTS --workers WORKERS`, `runs` times: the median
/// of each row. `None` (after saying why) if a run failed.
pub fn scaling(program: &str, points: &str, workers: &str, runs: usize) -> Option<Vec<Row>> {
    let scaling = workspace::example("pi-scaling");
    workspace::example(program); // pi-scaling runs the one next to it
    let csv = std::env::temp_dir().join(format!("check-scaling-{}.csv", std::process::id()));
    let args = ["--program", program, "--points", points, "--workers", workers, "--csv"];
    // Each worker count's times and %CPU, over the runs.
    let mut rows: BTreeMap<u64, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for _ in 0..runs {
        let mut cmd = Command::new(&scaling);
        cmd.args(args).arg(&csv);
        let shown = format!("pi-scaling {}", args.join(" "));
        let r = run_watched(&mut cmd, shown, LONG_TIMEOUT, |_| {});
        let table = std::fs::read_to_string(&csv).unwrap_or_default();
        let _ = std::fs::remove_file(&csv);
        if !r.succeeded() {
            println!("`{}` failed: {}", r.command, r.ended());
            return None;
        }
        for line in table.lines().skip(1) {
            // program,workers,points,elapsed_s,cpu_percent,speedup,efficiency
            let cells: Vec<&str> = line.split(',').collect();
            let row = rows.entry(cells[1].parse().ok()?).or_default();
            row.0.push(cells[3].parse().ok()?);
            row.1.push(cells[4].parse().ok()?);
        }
    }
    let rows = rows.into_iter().map(|(workers, (s, cpu))| Row {
        workers,
        seconds: median(s),
        cpu: median(cpu),
    });
    Some(rows.collect())
}

/// The course's line: `2 process => 0:00.64elapsed 198%CPU`, and the time in ms.
pub fn course_line(row: &Row, unit: &str) -> String {
    let who = format!("{} {unit}", row.workers);
    format!(
        "{who:<12} => {}elapsed {:.0}%CPU   ({:.2} ms)",
        clock(row.seconds),
        row.cpu,
        1000.0 * row.seconds
    )
}

/// The course's cell, timed in a Python build with 1, 2 and 4 threads.
pub const COURSE_CELL: &str = r#"
import sys, time
from threading import Thread

def pi_thread_worker(nbpoint, tid, nbthread, output):
    s = 0
    l = 1./nbpoint
    start = tid*(nbpoint//nbthread)
    stop  = (tid+1)*(nbpoint//nbthread)
    if tid == nbthread -1:
        stop += nbpoint%nbthread
    for i in range(start, stop):
        x = l * ( i + 0.5 )
        s += l * ( 4. / (1. + x**2 ) )
    output[tid] = s

def compute_pi_thread(nbpoint, nbthread):
    pi_contrib = [0]*nbthread
    threads = [Thread(target=pi_thread_worker, args=(nbpoint, i, nbthread, pi_contrib)) for i in range(nbthread)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(pi_contrib)

nbthread = int(sys.argv[1])
start = time.perf_counter()
compute_pi_thread(10000000, nbthread)
gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
print(time.perf_counter() - start, gil)
"#;
