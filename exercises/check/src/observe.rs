//! The observe-only exercises (timings): `check N` runs the commands the exercise names,
//! several times, and prints the medians in the course's format. It asserts nothing: what to
//! compare is said, the judgement is the student's.

use std::process::Command;

use course_support::{clock, machine};

use crate::run::{TIMEOUT, run_command};
use crate::workspace;

/// How many times each measure is taken; the median is shown.
const RUNS: usize = 5;

/// Runs the observation of exercise `n` (an `Observed` one); false if a command failed.
pub fn observe(n: usize) -> bool {
    println!("machine: {}", machine());
    if cfg!(debug_assertions) {
        println!(
            "dev build: for figures to compare with the course, `cargo run --release -p check -- {n}`"
        );
    }
    match n {
        15 => ex15(),
        16 => ex16(),
        17 => ex17(),
        18 => ex18(),
        _ => panic!("exercise {n} is not observe-only"),
    }
}

/// One row of pi-scaling's table: median wall-clock seconds and %CPU for a worker count.
struct Row {
    workers: u64,
    seconds: f64,
    cpu: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// `pi-scaling --program PROGRAM --points POINTS --workers WORKERS`, `runs` times: the median
/// of each row. `None` (after saying why) if a run failed.
fn scaling(program: &str, points: &str, workers: &str, runs: usize) -> Option<Vec<Row>> {
    let scaling = workspace::example("pi-scaling");
    workspace::example(program); // pi-scaling runs the one next to it
    let csv = std::env::temp_dir().join(format!("check-scaling-{}.csv", std::process::id()));
    let args = ["--program", program, "--points", points, "--workers", workers, "--csv"];
    let mut rows: Vec<(u64, Vec<f64>, Vec<f64>)> = Vec::new();
    for _ in 0..runs {
        let mut cmd = Command::new(&scaling);
        cmd.args(args).arg(&csv);
        let r = run_command(&mut cmd, format!("pi-scaling {}", args.join(" ")), TIMEOUT * 10);
        let table = std::fs::read_to_string(&csv).unwrap_or_default();
        let _ = std::fs::remove_file(&csv);
        if !r.succeeded() {
            println!("`{}` failed: {}", r.command, r.ended());
            return None;
        }
        for line in table.lines().skip(1) {
            // program,workers,points,elapsed_s,cpu_percent,speedup,efficiency
            let cells: Vec<&str> = line.split(',').collect();
            let w: u64 = cells[1].parse().ok()?;
            let (s, cpu): (f64, f64) = (cells[3].parse().ok()?, cells[4].parse().ok()?);
            match rows.iter_mut().find(|row| row.0 == w) {
                Some(row) => {
                    row.1.push(s);
                    row.2.push(cpu);
                }
                None => rows.push((w, vec![s], vec![cpu])),
            }
        }
    }
    let rows = rows.into_iter().map(|(workers, s, cpu)| Row {
        workers,
        seconds: median(s),
        cpu: median(cpu),
    });
    Some(rows.collect())
}

/// The course's line: `2 process => 0:00.64elapsed 198%CPU`, and the time in ms.
fn course_line(row: &Row, unit: &str) -> String {
    let who = format!("{} {unit}", row.workers);
    format!(
        "{who:<12} => {}elapsed {:.0}%CPU   ({:.2} ms)",
        clock(row.seconds),
        row.cpu,
        1000.0 * row.seconds
    )
}

fn unit(program: &str) -> &'static str {
    if program == "pi-threads" { "thread" } else { "process" }
}

fn ex15() -> bool {
    for program in ["pi-threads", "pi-processes"] {
        println!("\n{program}, 1000 points: medians of {RUNS} runs of pi-scaling");
        let Some(rows) = scaling(program, "1000", "1,16,64,256", RUNS) else { return false };
        for row in &rows {
            println!("{}", course_line(row, unit(program)));
        }
        let (first, last) = (&rows[0], &rows[rows.len() - 1]);
        let slope = (last.seconds - first.seconds) / (last.workers - first.workers) as f64;
        println!(
            "cost of one {}: about {:.3} ms (the slope from 1 to {})",
            unit(program),
            1000.0 * slope,
            last.workers
        );
    }
    println!(
        "\nCompare: the time grows in a straight line with the workers; its slope is what one"
    );
    println!(
        "worker costs (thread: spawn + join; process: fork + waitpid). EXERCISES.md gives the"
    );
    println!("README's machine: about 0.05 ms per thread, 0.2 ms per process.");
    true
}

fn ex16() -> bool {
    for program in ["pi-threads", "pi-processes"] {
        let units = if program == "pi-threads" { "threads" } else { "processes" };
        println!("\n{program}, 1 and 2 {units}: medians of {RUNS} runs of pi-scaling");
        for points in ["1e8", "1e7", "1e6", "1e5", "1e4"] {
            let Some(rows) = scaling(program, points, "1,2", RUNS) else { return false };
            let speedup = rows[0].seconds / rows[1].seconds;
            println!(
                "{points:>4} points: 1 => {:.3} ms, 2 => {:.3} ms, speedup {speedup:.2}",
                1000.0 * rows[0].seconds,
                1000.0 * rows[1].seconds
            );
        }
    }
    println!("\nCompare: the speedup is near 2 with many points and falls towards 1 as the work");
    println!(
        "shrinks to the cost of starting the workers (exercise 15); where, for threads and for"
    );
    println!("processes? Give it as an order of magnitude.");
    true
}

fn ex17() -> bool {
    let workers = (2 * num_cores()).to_string();
    for (points, runs) in [("1e7", RUNS), ("1e9", 3)] {
        println!("\npi-processes, {points} points: medians of {runs} runs of pi-scaling");
        let Some(rows) = scaling("pi-processes", points, &workers, runs) else { return false };
        for row in &rows {
            let speedup = rows[0].seconds / row.seconds;
            println!("{}   speedup {speedup:.2}", course_line(row, "process"));
        }
    }
    println!(
        "\nCompare with the course's two tables (README, Timings): up to the number of cores the"
    );
    println!(
        "time halves when the processes double, beyond it nothing is gained; at 10^7 points the"
    );
    println!(
        "gain is smaller. Explain both with exercise 15's costs against the work per process."
    );
    true
}

fn num_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The course's cell, timed in a Python build with 1, 2 and 4 threads.
const COURSE_CELL: &str = r#"
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

/// The first of `names` found on the PATH.
fn find_python(names: &[&str]) -> Option<String> {
    let ok = |name: &&str| {
        Command::new(name).arg("-c").arg("pass").output().is_ok_and(|o| o.status.success())
    };
    names.iter().find(|n| ok(n)).map(|n| n.to_string())
}

fn ex18() -> bool {
    let default = find_python(&["python3.14", "python3.13"]);
    let free = find_python(&["python3.14t", "python3.13t"]);
    let (Some(default), Some(free)) = (default, free) else {
        println!(
            "This exercise needs CPython 3.13 or later in both builds on the PATH: the default one"
        );
        println!(
            "(python3.13) and the free-threaded one (python3.13t, PEP 703). Not found here; install"
        );
        println!("both (e.g. from python.org or `uv python install 3.13t`) and run this again.");
        return true;
    };
    let script = std::env::temp_dir().join(format!("check-gil-{}.py", std::process::id()));
    if std::fs::write(&script, COURSE_CELL).is_err() {
        println!("could not write {}", script.display());
        return false;
    }
    for python in [default, free] {
        println!("\n{python}: compute_pi_thread(10000000, T), medians of {RUNS} runs");
        for threads in ["1", "2", "4"] {
            let mut seconds = Vec::new();
            let mut gil = String::new();
            for _ in 0..RUNS {
                let mut cmd = Command::new(&python);
                cmd.arg(&script).arg(threads);
                let r = run_command(&mut cmd, format!("{python} pi.py {threads}"), TIMEOUT * 10);
                let mut words = r.stdout.split_whitespace();
                match (r.succeeded(), words.next().and_then(|s| s.parse::<f64>().ok())) {
                    (true, Some(s)) => seconds.push(s),
                    _ => {
                        println!("`{}` failed: {}", r.command, r.ended());
                        let _ = std::fs::remove_file(&script);
                        return false;
                    }
                }
                gil = words.next().unwrap_or_default().to_string();
            }
            println!(
                "{threads} threads => {:.3} s   (sys._is_gil_enabled() = {gil})",
                median(seconds)
            );
        }
    }
    let _ = std::fs::remove_file(&script);
    println!(
        "\nCompare: with the GIL the time stays the same whatever the threads (as pi-gil); without"
    );
    println!("it, it falls with the threads up to the number of cores (as pi-threads).");
    true
}
