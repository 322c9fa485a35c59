//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » →
//! « Retour sur le calcul de $\pi$ »
//!
//! The course's timing tables in one command: runs pi-threads (or `--program pi-processes`,
//! `pi-gil`, `pi-sequential`, or `pi-mpi` under `mpirun -n W`) with 1, 2, … W workers, times each run as `/usr/bin/time` does
//! (wall clock; CPU time of the finished child from `getrusage(RUSAGE_CHILDREN)`), and prints the
//! course's lines `4 process => 0:00.52elapsed 355%CPU` with the speedup and the efficiency.
//!
//! Run:     cargo run --release -p pi-scaling        (or `-- --program pi-gil --workers 1,2,4`)
//! Observe: up to the number of cores the time falls as the workers grow (efficiency near 100 %),
//!          beyond it nothing more is gained; with pi-gil nothing is gained at all.
//! Exercises: 15, 16, 17 (EXERCISES.md).

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::{SigHandler, Signal, signal};
use nix::sys::time::TimeValLike;
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

const USAGE: &str = "usage: pi-scaling [--program NAME] [--workers W|LIST] [--points N] [--csv FILE]    NAME: pi-threads (default), pi-processes, pi-gil, pi-sequential or pi-mpi (run by `mpirun -n W`); W: 1 to 1024, for 1, 2, … W workers (default: twice the logical cores), or a list such as 1,2,4,8; N: 1 to 10^13, as 1000000000, 1_000_000_000 or 1e9 (default 1e9; 1e8 in a dev build)";
const PROGRAMS: [&str; 5] = [
    "pi-threads",
    "pi-processes",
    "pi-gil",
    "pi-sequential",
    "pi-mpi",
];

struct Options {
    program: String,
    workers: Vec<u64>,
    points: u64,
    csv: Option<PathBuf>,
}

/// Runs `program args` to its end; returns its wall-clock and CPU seconds, as `/usr/bin/time`.
fn time_run(program: &str, args: &[String]) -> (f64, f64) {
    let path = std::env::current_exe()
        .expect("path of pi-scaling")
        .with_file_name(program);
    if !path.exists() {
        let build = match (program, cfg!(debug_assertions)) {
            ("pi-mpi", true) => "cd examples-mpi && cargo build` (it needs MPI: see the README",
            ("pi-mpi", false) => {
                "cd examples-mpi && cargo build --release` (it needs MPI: see the README"
            }
            (_, true) => "cargo build --workspace",
            (_, false) => "cargo build --release --workspace",
        };
        fail(&format!(
            "{program} not found next to pi-scaling ({}): run `{build}`",
            path.display()
        ));
    }
    let cpu_before = children_cpu_time();
    let start = Instant::now();
    let mut command = Command::new(&path);
    if program == "pi-mpi" {
        // `mpirun -n W pi-mpi POINTS`; the variables let OpenMPI run as root and run more ranks
        // than cores, as `--allow-run-as-root --oversubscribe` would (other MPIs ignore them).
        command = Command::new("mpirun");
        command.args(["-n", &args[0]]).arg(&path).arg(&args[1]);
        command.env("OMPI_ALLOW_RUN_AS_ROOT", "1");
        command.env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        command.env("OMPI_MCA_rmaps_base_oversubscribe", "1");
    } else {
        command.args(args);
    }
    let run = command.stderr(Stdio::inherit()).output();
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = children_cpu_time() - cpu_before;
    match run {
        Ok(out) if out.status.success() && out.stdout.starts_with(b"PI = ") => (elapsed, cpu),
        Ok(out) => fail(&format!(
            "{program} {} failed: {}",
            args.join(" "),
            out.status
        )),
        Err(e) if program == "pi-mpi" => fail(&format!(
            "cannot run mpirun: {e} (install MPI: see the README)"
        )),
        Err(e) => fail(&format!("cannot run {}: {e}", path.display())),
    }
}

/// CPU time (user + system) of the children that have ended so far, in seconds.
fn children_cpu_time() -> f64 {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    (usage.user_time() + usage.system_time()).num_microseconds() as f64 / 1e6
}

fn main() {
    let mut options = command_line();
    // Created before the runs, so that a bad path is told at once, not after minutes.
    let csv = options.csv.as_ref().map(|path| match File::create(path) {
        Ok(file) => (path, file),
        Err(e) => fail(&format!("{}: {e}", path.display())),
    });
    if cfg!(debug_assertions) {
        // On stdout, so that it stays with the table wherever the table goes.
        println!(
            "WARNING: dev build (debug assertions on): these figures are not the course's; use `cargo run --release -p pi-scaling`"
        );
    }
    let (unit, units) = match options.program.as_str() {
        "pi-threads" | "pi-gil" => ("thread", "threads"),
        "pi-mpi" => ("rank", "ranks"),
        _ => ("process", "processes"),
    };
    if options.program == "pi-sequential" {
        options.workers = vec![1]; // it takes no worker count: one row, the reference
    }
    print_header(&options, units);

    let width = options
        .workers
        .iter()
        .map(|w| format!("{w} {unit}").len())
        .max()
        .unwrap_or(0);
    let mut rows = Vec::new(); // (workers, elapsed, cpu, speedup)
    for &workers in &options.workers {
        let mut args = vec![options.points.to_string()];
        if options.program != "pi-sequential" {
            args.insert(0, workers.to_string());
        }
        let (elapsed, cpu) = time_run(&options.program, &args);
        let speedup = rows.first().map_or(elapsed, |r: &(u64, f64, f64, f64)| r.1) / elapsed;
        let efficiency = speedup * options.workers[0] as f64 / workers as f64;
        let course = format!(
            "{:<width$} => {}elapsed {:.0}%CPU",
            format!("{workers} {unit}"),
            clock(elapsed),
            100.0 * cpu / elapsed
        );
        println!(
            "{course:<width2$}  speedup {speedup:>6.2}  efficiency {:>4.0}%",
            100.0 * efficiency,
            width2 = width + 27
        );
        rows.push((workers, elapsed, cpu, speedup));
    }

    draw_speedup(&rows, units);
    if let Some((path, mut file)) = csv {
        let mut text =
            String::from("program,workers,points,elapsed_s,cpu_percent,speedup,efficiency\n");
        for &(w, elapsed, cpu, speedup) in &rows {
            let efficiency = speedup * rows[0].0 as f64 / w as f64;
            text += &format!(
                "{},{w},{},{elapsed:.4},{:.0},{speedup:.3},{efficiency:.3}\n",
                options.program,
                options.points,
                100.0 * cpu / elapsed
            );
        }
        file.write_all(text.as_bytes())
            .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        println!("CSV written to {}", path.display());
    }
}

/// What was run, and on which machine: the tables mean nothing without it.
fn print_header(options: &Options, units: &str) {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1));
    // The rustc on PATH: the toolchain that `cargo` uses to build this workspace.
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    let rustc = rustc.map_or("unknown".into(), |o| {
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    });
    let build = if cfg!(debug_assertions) {
        "dev build (debug assertions on)"
    } else {
        "release build"
    };
    println!(
        "{}: N = {} points, {units} {:?}",
        options.program, options.points, options.workers
    );
    println!(
        "machine: {}, {} logical cores, {} physical cores; {rustc}; {build}",
        model.map_or("unknown CPU", str::trim),
        num_cpus::get(),
        num_cpus::get_physical()
    );
}

/// `/usr/bin/time`'s %E: minutes:seconds.hundredths.
fn clock(seconds: f64) -> String {
    let cs = (seconds * 100.0).round() as u64;
    format!("{}:{:02}.{:02}", cs / 6000, cs / 100 % 60, cs % 100)
}

/// One bar per row: the measured speedup (█) against the ideal one, as many as workers (|).
fn draw_speedup(rows: &[(u64, f64, f64, f64)], units: &str) {
    let top = rows.iter().map(|r| r.3.max(r.0 as f64)).fold(1.0, f64::max);
    let scale = 50.0 / top; // columns per unit of speedup
    println!("speedup: █ measured, | ideal (as many times faster as there are {units})");
    for &(workers, _, _, speedup) in rows {
        let (bar, ideal) = (
            (speedup * scale).round() as usize,
            (workers as f64 * scale).round() as usize,
        );
        let mut line: Vec<char> = vec![' '; bar.max(ideal) + 1];
        line[..bar].fill('█');
        line[ideal] = '|';
        println!(
            "{workers:>5} {} {speedup:.2}",
            line.iter().collect::<String>()
        );
    }
}

/// Reads the options; `--help` prints the usage, bad input exits with status 2.
fn command_line() -> Options {
    // A closed stdout (`| head -1`) then ends the program quietly, as it would a C program.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.expect("reset SIGPIPE");
    let mut args = std::env::args().skip(1);
    if std::env::args().skip(1).any(|a| a == "-h" || a == "--help") {
        println!(
            "{USAGE}\nTimes a pi program for each worker count, as the course's tables, with speedup and efficiency.\npi-sequential takes no worker count: its table has one row, the reference.\n\
             The pi programs are taken from the directory of pi-scaling itself."
        );
        std::process::exit(0);
    }
    let workers = 2 * num_cpus::get().min(512) as u64;
    let points = if cfg!(debug_assertions) {
        100_000_000
    } else {
        1_000_000_000
    };
    let mut options = Options {
        program: "pi-threads".into(),
        workers: (1..=workers).collect(),
        points,
        csv: None,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| usage_error(&format!("'{flag}' needs a value")));
        match flag.as_str() {
            "--program" if PROGRAMS.contains(&value.as_str()) => options.program = value,
            "--program" => usage_error(&format!(
                "NAME must be one of {}, got '{value}'",
                PROGRAMS.join(", ")
            )),
            "--workers" => options.workers = parse_workers(&value),
            "--points" => options.points = points_arg(&value),
            "--csv" if value.is_empty() => usage_error("FILE must not be empty, got ''"),
            "--csv" => options.csv = Some(value.into()),
            _ => usage_error(&format!("unexpected argument '{flag}'")),
        }
    }
    options
}

/// `4` means 1, 2, 3, 4; `1,2,4,8` means those.
fn parse_workers(text: &str) -> Vec<u64> {
    let count = |t: &str| match t.parse::<u64>() {
        Ok(n) if (1..=1024).contains(&n) => n,
        _ => usage_error(&format!(
            "workers must be integers from 1 to 1024, got '{text}'"
        )),
    };
    match text.contains(',') {
        true => text.split(',').map(count).collect(),
        false => (1..=count(text)).collect(),
    }
}

fn points_arg(text: &str) -> u64 {
    match parse_points(text) {
        Some(n) if (1..=10_000_000_000_000).contains(&n) => n,
        _ => usage_error(&format!(
            "N must be an integer from 1 to 10^13 (1000000000, 1_000_000_000 or 1e9), got '{text}'"
        )),
    }
}

/// `1000000000`, `1_000_000_000` or `1e9`; `1.5e3` is 1500, but `2.5` and `1e-3` are no integers.
fn parse_points(text: &str) -> Option<u64> {
    let text = text.replace('_', "");
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let shift = exponent
        .parse::<i64>()
        .ok()?
        .checked_sub(frac.len() as i64)?;
    let scale = 10u64.checked_pow(u32::try_from(shift.unsigned_abs()).ok()?)?;
    let n: u64 = digits.parse().ok()?;
    match shift >= 0 {
        true => n.checked_mul(scale),
        false => n.is_multiple_of(scale).then(|| n / scale),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("pi-scaling: {message}");
    std::process::exit(1);
}

fn usage_error(message: &str) -> ! {
    eprintln!("pi-scaling: {message}\n{USAGE}");
    std::process::exit(2);
}
