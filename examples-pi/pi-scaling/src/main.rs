//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` » →
//! « Retour sur le calcul de π »
//!
//! The course's timing tables in one command: runs pi-threads (or `--program pi-processes`,
//! `pi-gil`, `pi-sequential`, `pi-simd`, `pi-rayon`, or `pi-mpi` under `mpirun -n W`) with 1,
//! 2, … W workers, times each run as `/usr/bin/time` does (wall clock, and the CPU time of the
//! finished child), and prints the course's lines `4 process => 0:00.52elapsed 355%CPU`, with
//! the speedup and the efficiency. Its figure: `… | cargo run -p figures -- scaling > f.svg`.
//!
//! Run:     cargo run --release -p pi-scaling        (or `-- --program pi-gil --workers 1,2,4`)
//! Observe: up to the number of cores the time falls as the workers grow (efficiency near 100 %),
//!          beyond it nothing more is gained; with pi-gil nothing is gained at all.
//! Exercises: 15, 16, 17 (EXERCISES.md).

mod course;

use course_support::{Args, Clock, OrExit, clock, fail, machine};
use std::fs::File;
use std::io::Write;
use std::process::{Command, Stdio};

const USAGE: &str = "usage: pi-scaling [--program NAME]... [--workers W|LIST] [--points N] [--csv FILE] [--course]    NAME: pi-threads (default), pi-processes, pi-gil, pi-sequential, pi-simd, pi-rayon or pi-mpi (run by `mpirun -n W`); W: 1 to 1024, for 1, 2, … W workers (default: twice the logical cores), or a list such as 1,2,4,8; N: 1 to 10^13, as 1000000000, 1_000_000_000 or 1e9 (default 1e9; 1e8 in a dev build)
Times a pi program for each worker count, as the course's tables, with speedup and efficiency.
--program may be given several times: one table per program. --course first prints the course's two cluster tables (Python, 24-core node).
The figure of the tables: pi-scaling … | figures scaling > FILE.svg (time and speedup against the workers).
pi-sequential takes no worker count: its table has one row, the reference.
The pi programs are taken from the directory of pi-scaling itself.";
const PROGRAMS: [&str; 7] =
    ["pi-threads", "pi-processes", "pi-gil", "pi-sequential", "pi-simd", "pi-rayon", "pi-mpi"];

/// Runs `program args` to its end; returns its wall-clock and CPU seconds, as `/usr/bin/time`.
fn time_run(program: &str, args: &[String]) -> (f64, f64) {
    let path = std::env::current_exe().or_exit("current_exe").with_file_name(program);
    let mpi = program == "pi-mpi";
    let needs = if mpi { " (it needs MPI: see the README)" } else { "" };
    if !path.exists() {
        let build = if mpi { "cd examples-mpi && cargo build" } else { "cargo build --workspace" };
        let release = if cfg!(debug_assertions) { "" } else { " --release" };
        let found = format!("{program} not found next to pi-scaling ({})", path.display());
        fail(&format!("{found}: run `{build}{release}`{needs}"));
    }
    let mut command = Command::new(&path);
    if mpi {
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
    let clock = Clock::start(); // its CPU time counts the child once it has ended
    let out = command.stderr(Stdio::inherit()).output();
    let out = out.or_exit(format_args!("cannot run {}{needs}", command.get_program().display()));
    if !out.status.success() || !out.stdout.starts_with(b"PI = ") {
        fail(&format!("{program} {} failed: {}", args.join(" "), out.status));
    }
    (clock.elapsed(), clock.cpu())
}

/// `4` means 1, 2, 3, 4; `1,2,4,8` means those.
fn parse_workers(args: &Args, text: &str) -> Vec<u64> {
    let count = |t: &str| t.parse().ok().filter(|n| (1..=1024).contains(n));
    match text.split(',').map(count).collect::<Option<Vec<u64>>>() {
        Some(list) if list.len() > 1 => list,
        Some(w) => (1..=w[0]).collect(),
        None => args.error(&format!("workers must be integers from 1 to 1024, got '{text}'")),
    }
}

/// The header of a table: what was run, and on which machine (the tables mean nothing without
/// it).
fn print_header(name: &str, nbpoint: i64, units: &str, workers: &[u64], machine: &str) {
    println!("{name}: N = {nbpoint} points, {units} {workers:?}");
    println!("machine: {machine}");
}

/// `/usr/bin/time`'s `%E` to the millisecond: `0:00.123`.
fn clock_ms(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as u64;
    format!("{}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000)
}

/// A row of a table: the course's `4 process => 0:00.52elapsed 355%CPU` (`elapsed` as
/// written), the speedup against the first row and the efficiency.
fn print_row(
    count: String,
    width: usize,
    elapsed: &str,
    cpu_percent: f64,
    speedup: f64,
    efficiency: f64,
) {
    let course = format!("{count:<width$} => {elapsed}elapsed {cpu_percent:.0}%CPU");
    println!(
        "{course:<width2$}  speedup {speedup:>6.2}  efficiency {:>4.0}%",
        100.0 * efficiency,
        width2 = width + 28
    );
}

/// The course's two cluster tables (`--course`), printed as this program prints its own.
fn print_course() {
    for (name, nbpoint, times, cpu) in course::TABLES {
        print_header(name, nbpoint, "processes", &course::WORKERS, course::MACHINE);
        for ((&w, &elapsed), &cpu) in course::WORKERS.iter().zip(&times).zip(&cpu) {
            let speedup = times[0] / elapsed;
            let (count, elapsed) = (format!("{w} process"), clock(elapsed)); // as the course wrote it
            print_row(count, 10, &elapsed, cpu as f64, speedup, speedup / w as f64);
        }
    }
}

/// The course's table for one program: a line per worker count, its time to the millisecond;
/// the CSV rows go into `table`.
fn scale(program: &str, workers: &[u64], nbpoint: i64, table: &mut String) {
    let (unit, units) = match program {
        "pi-threads" | "pi-gil" | "pi-simd" | "pi-rayon" => ("thread", "threads"),
        "pi-mpi" => ("rank", "ranks"),
        _ => ("process", "processes"),
    };
    // pi-sequential takes no worker count: one row, the reference.
    let workers = if program == "pi-sequential" { vec![1] } else { workers.to_vec() };
    print_header(program, nbpoint, units, &workers, &machine());

    let width = workers.iter().map(|w| format!("{w} {unit}").len()).max().unwrap_or(0);
    let mut seconds = Vec::new();
    for &w in &workers {
        let mut run_args = vec![nbpoint.to_string()];
        if program != "pi-sequential" {
            run_args.insert(0, w.to_string());
        }
        let (elapsed, cpu) = time_run(program, &run_args);
        let speedup = seconds.first().unwrap_or(&elapsed) / elapsed; // against the first row
        let efficiency = speedup * workers[0] as f64 / w as f64;
        let cpu_percent = 100.0 * cpu / elapsed;
        let count = format!("{w} {unit}");
        print_row(count, width, &clock_ms(elapsed), cpu_percent, speedup, efficiency);
        *table += &format!(
            "{program},{w},{nbpoint},{elapsed:.4},{cpu_percent:.0},{speedup:.3},{efficiency:.3}\n"
        );
        seconds.push(elapsed);
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let mut programs = Vec::new();
    while let Some(program) = args.option("--program") {
        if !PROGRAMS.contains(&program.as_str()) {
            args.error(&format!("NAME must be one of {}, got '{program}'", PROGRAMS.join(", ")));
        }
        programs.push(program);
    }
    if programs.is_empty() {
        programs.push("pi-threads".to_string());
    }
    let workers = args.option("--workers").unwrap_or((2 * num_cpus::get().min(512)).to_string());
    let workers = parse_workers(&args, &workers);
    let default = if cfg!(debug_assertions) { 100_000_000 } else { 1_000_000_000 };
    let nbpoint = args.option("--points").map_or(default, |text| args.points_in("N", &text));
    let (csv, course) = (args.option("--csv"), args.flag("--course"));
    if csv.as_deref() == Some("") {
        args.error("--csv FILE must not be empty, got ''");
    }
    args.end();
    // Created before the runs, so that a bad path is told at once, not after minutes.
    let csv = csv.map(|path| (File::create(&path).or_exit(&path), path));

    if cfg!(debug_assertions) {
        // On stdout, so that it stays with the table wherever the table goes.
        println!(
            "WARNING: dev build (debug assertions on): these figures are not the course's; use `cargo run --release -p pi-scaling`"
        );
    }
    let mut table =
        String::from("program,workers,points,elapsed_s,cpu_percent,speedup,efficiency\n");
    if course {
        print_course();
    }
    for program in &programs {
        scale(program, &workers, nbpoint, &mut table);
    }
    if let Some((mut file, path)) = csv {
        file.write_all(table.as_bytes()).or_exit(&path);
        println!("CSV written to {path}");
    }
}
