//! The pi chapter: pi-sequential, pi-threads, pi-processes, pi-gil, pi-scaling.

use course_tests::*;
use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The programs that split the points among workers: `NAME WORKERS POINTS`.
const PARALLEL: [&str; 3] = ["pi-threads", "pi-processes", "pi-gil"];
const WORKERS: [&str; 5] = ["1", "2", "3", "7", "16"];
const POINTS: [&str; 5] = ["1", "7", "10", "1000", "1000000"];

/// The `PI = …` line of a successful run, first, every digit as Python prints a float.
fn pi_line(r: &Run) -> String {
    pi_first(r).0
}

/// Every point of 0..N is counted exactly once, to 1e-9 (see `check_split`). POINTS < WORKERS
/// is allowed (N = 1, 7, 10 with 16 workers): the first workers get no point, the last takes
/// them all.
#[test]
fn pi_threads_processes_and_gil_split_covers_every_point_once() {
    for program in PARALLEL {
        check_split(program, &[], &WORKERS, &POINTS, 1e-9);
    }
}

/// Each program has its own copy of the 5-line loop: with one worker they must print the very
/// same digits as pi-sequential, and with two workers the same digits as one another.
#[test]
fn the_copies_of_the_loop_agree_to_every_digit() {
    for n in ["1234567", "10000000"] {
        let reference = pi_line(&run("pi-sequential", &[n]));
        for program in PARALLEL {
            assert_eq!(pi_line(&run(program, &["1", n])), reference, "{program} 1 {n}");
        }
        // a + b is b + a, whichever part arrives first.
        let two = pi_line(&run("pi-threads", &["2", n]));
        for program in ["pi-processes", "pi-gil"] {
            assert_eq!(pi_line(&run(program, &["2", n])), two, "{program} 2 {n}");
        }
        // Both thread programs add the parts in thread order, however many there are.
        assert_eq!(pi_line(&run("pi-threads", &["7", n])), pi_line(&run("pi-gil", &["7", n])));
    }
}

/// `PI = …` (as Python prints a float: the shortest digits that read back as the same
/// number), the error line, the `/usr/bin/time`-style line, and in a dev build the line that
/// says so; at ten million points, PI is within 1e-10 of π, for every count of workers.
#[test]
fn every_program_prints_the_course_lines_and_pi_within_1e_10_at_ten_million_points() {
    check_course_lines(&run("pi-sequential", &["1e6"]), 1e-6, 0);
    check_course_lines(&run("pi-sequential", &["10000000"]), 1e-10, 0);
    for program in PARALLEL {
        check_course_lines(&run(program, &["2", "1e6"]), 1e-6, 0);
        for t in WORKERS {
            check_course_lines(&run(program, &[t, "1e7"]), 1e-10, 0);
        }
    }
}

/// Runs `program args` and returns its stdout and the CPU seconds (user + system) the kernel
/// charged to it and to the children it reaped, as `wait4` reports them. Still running at the
/// time-out, its group is killed and the test fails.
#[allow(clippy::zombie_processes, reason = "reaped by `wait4`, which also gives its rusage")]
fn run_charged(program: &str, args: &[&str]) -> (String, f64) {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut child = Command::new(bin(program))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("start the program");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let id = child.id() as i32;
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<nix::libc::rusage>() });
    let start = Instant::now();
    // SAFETY (each `wait4`): the child is ours and not reaped yet; `status` and `usage` may be
    // written.
    loop {
        let got = unsafe { nix::libc::wait4(id, &mut status, nix::libc::WNOHANG, &mut usage) };
        if got == id {
            break;
        }
        assert_eq!(got, 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > TIMEOUT {
            let _ = kill(Pid::from_raw(-id), Signal::SIGKILL);
            unsafe { nix::libc::wait4(id, &mut status, 0, &mut usage) };
            panic!("{program} {args:?}: still running after {TIMEOUT:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let out = reader.join().expect("the reader").expect("read its output");
    assert_eq!(status, 0, "{program} {args:?}: wait status {status}\n{out}");
    let seconds = |t: nix::libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (out, seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

/// The time line's %CPU counts each CPU second once; neither check is a timing. With W workers
/// at most W threads or processes compute at once: %CPU ≤ 100 W + 5 (start-up and rounding).
/// And whatever the load, the CPU seconds that the line stands for, elapsed × %CPU, are at
/// most those the kernel charged to the program: 10 % more at most, and the rounding of the
/// line (10 ms, and half a percent of the elapsed time). Measured with `/usr/bin/time` (10 ms
/// steps) on 2 cores, loaded by other work (load average 13 to 70) and with `yes` besides: 0.91
/// to 1.06 of them, in 120 runs. A %CPU doubled by a bug (× 200, or the children's CPU counted
/// twice) fails the first check on a quiet machine; on a busy one, where it stays under 100 %
/// (17 % for 8.5 % with 6 × `yes`), the second.
#[test]
fn the_time_line_counts_each_cpu_second_once() {
    let runs: [(&str, &[&str]); 6] = [
        ("pi-sequential", &["2e8"]),
        ("pi-threads", &["1", "2e8"]),
        ("pi-processes", &["1", "2e8"]),
        ("pi-gil", &["1", "2e8"]),
        ("pi-threads", &["2", "2e8"]),
        ("pi-processes", &["2", "2e8"]),
    ];
    for (program, args) in runs {
        let workers: f64 = if args.len() == 2 { args[0].parse().unwrap() } else { 1.0 };
        let (out, charged) = run_charged(program, args);
        let line = out.lines().find(|l| l.contains(" elapsed ")).expect("a time line");
        let (elapsed, percent) = read::time_line(line).expect("a time line");
        let shown = elapsed * percent / 100.0;
        let what = format!("{program} {args:?}: `{line}`: {shown:.3} CPU s, {charged:.3} charged");
        assert!(percent <= 100.0 * workers + 5.0, "{what}: more %CPU than workers");
        let rounding = 0.01 + 0.005 * elapsed;
        assert!(shown <= 1.1 * charged + rounding, "{what}: more CPU seconds than were charged");
    }
}

#[test]
fn points_accept_plain_underscores_and_exponent() {
    let reference = pi_line(&run("pi-sequential", &["1000000"]));
    for form in ["1_000_000", "1e6", "1E6", "0.001e9", "1.000e6"] {
        assert_eq!(pi_line(&run("pi-sequential", &[form])), reference, "{form}");
    }
    assert_eq!(
        pi_line(&run("pi-threads", &["2", "1.5e3"])),
        pi_line(&run("pi-threads", &["2", "1500"]))
    );
    let refused =
        ["0", "0e5", "2.5", "1e-3", "1e14", "10000000000001", "e9", "1e", "abc", "-5", "+5", ""];
    for bad in refused {
        assert_usage_error("pi-sequential", &[bad], &format!("'{bad}'"));
    }
    for program in PARALLEL {
        for bad in ["0", "2.5", "1e-3", "1e14"] {
            assert_usage_error(program, &["2", bad], &format!("'{bad}'"));
        }
    }
}

#[test]
fn command_lines() {
    assert_help("pi-sequential");
    assert_bad_counts_refused("pi-sequential", &["1000"]);
    for program in PARALLEL {
        assert_help(program);
        // THREADS = 0 is refused, as are the other bad counts.
        assert_bad_counts_refused(program, &["2", "1000"]);
        assert_usage_error(program, &["1025"], "'1025'");
        assert_usage_error(program, &["2", "1000", "--bogus"], "'--bogus'");
        let help = run(program, &["--help"]);
        assert!(help.ok().contains("POINTS may be fewer than"), "{program}");
    }
    assert_usage_error("pi-processes", &["2", "1000", "--timeline"], "'--timeline'");
}

#[test]
fn a_closed_stdout_ends_the_programs_quietly() {
    // 1024 timeline rows are more than a pipe holds.
    assert_quiet_when_stdout_closed("pi-threads", &["1024", "1e6", "--timeline"]);
    assert_quiet_when_stdout_closed("pi-gil", &["1024", "1e6", "--timeline"]);
    assert_quiet_when_stdout_closed_at_start("pi-sequential", &["1e6"]);
    assert_quiet_when_stdout_closed_at_start("pi-processes", &["4", "1e6"]);
    assert_quiet_when_stdout_closed_at_start(
        "pi-scaling",
        &["--workers", "1,2", "--points", "1000"],
    );
}

/// The rows of `--timeline`, one per thread, each `thread    N |…60 columns…|`.
fn timeline_rows(program: &str, threads: usize, points: &str) -> Vec<Vec<char>> {
    let r = run(program, &[&threads.to_string(), points, "--timeline"]);
    let lines = r.lines();
    let start = lines
        .iter()
        .position(|l| l.starts_with("timeline: "))
        .unwrap_or_else(|| panic!("{program}: no timeline:\n{}", r.stdout));
    assert!(lines[0].starts_with("PI = "), "the result comes first");
    let rows: Vec<Vec<char>> = lines[start + 1..]
        .iter()
        .enumerate()
        .map(|(tid, l)| {
            let row = l
                .strip_prefix(&format!("thread {tid:>4} |"))
                .and_then(|r| r.strip_suffix('|'))
                .unwrap_or_else(|| panic!("{program}: bad row {l}"));
            row.chars().collect()
        })
        .collect();
    assert_eq!(rows.len(), threads, "{}", r.stdout);
    for row in &rows {
        assert_eq!(row.len(), 60);
        assert!(row.iter().any(|&c| c != ' '), "{program}: an empty row");
    }
    rows
}

#[test]
fn timeline_has_one_row_per_thread() {
    timeline_rows("pi-threads", 3, "1e6");
    timeline_rows("pi-threads", 1, "1e6");
}

#[test]
fn under_the_gil_no_two_threads_compute_at_once() {
    // A full column means more than 3/4 of it spent computing: two rows cannot both have one.
    let rows = timeline_rows("pi-gil", 3, "3e7");
    for c in 0..60 {
        let full = rows.iter().filter(|r| r[c] == '█').count();
        assert!(full <= 1, "column {c} is full in {full} rows");
    }
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "needs Linux: a child subreaper, and /proc/PID/task/PID/children to find the children"
)]
fn pi_processes_reports_a_killed_child_and_reaps_all() {
    // Orphans of pi-processes would become our children: so we can see that it reaped them.
    #[cfg(target_os = "linux")]
    nix::sys::prctl::set_child_subreaper(true).expect("become a subreaper");
    // Run as every program is, under the time-out: a parent that waits for ever fails here.
    // Each child computes for a few tenths of a second: one is killed as soon as both are
    // seen (a few milliseconds at most), and the other ends well before the time-out.
    let (r, children) = run_and_kill_children(&mut command("pi-processes", &["2", "4e8"]), 2, 1);
    assert!(!r.left_behind, "pi-processes left a process of its group running");
    let victim = children[0];
    let (stdout, stderr) = (&r.stdout, &r.stderr);
    for child in children {
        // Reaped by pi-processes: it is nobody's child now, not a zombie handed over to us.
        assert_eq!(
            waitpid(Pid::from_raw(child as i32), Some(WaitPidFlag::WNOHANG)),
            Err(Errno::ECHILD),
            "child {child} was not reaped by pi-processes"
        );
    }
    assert_eq!(r.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains(&victim.to_string()) && stderr.contains("SIGKILL"),
        "stderr does not name child {victim} and SIGKILL: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stdout.contains("PI ="), "a value was printed: {stdout}");
}

/// The lines of the table: `1 thread => 0:00.00elapsed 99%CPU  speedup …  efficiency …%`.
fn table_rows(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.contains(" => ") && l.contains("elapsed") && l.contains("%CPU"))
        .collect()
}

#[test]
fn pi_scaling_table_and_csv() {
    let scratch = Scratch::new("pi-scaling-test");
    let csv = scratch.0.join("scaling.csv");
    let args = ["--workers", "1,2", "--points", "1e4", "--csv"];
    let r = run("pi-scaling", &[&args[..], &[csv.to_str().unwrap()]].concat());
    let out = r.ok();
    let rows = table_rows(out);
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].starts_with("1 thread => ") && rows[1].starts_with("2 thread => "));
    assert!(rows.iter().all(|l| l.contains("speedup") && l.contains("efficiency")));
    assert!(rows[0].contains("speedup   1.00  efficiency  100%"), "{}", rows[0]);
    assert!(
        out.lines().any(|l| l.starts_with("machine: ")
            && l.contains("logical cores")
            && l.contains("rustc")),
        "{out}"
    );
    assert_eq!(out.starts_with("WARNING: dev build"), cfg!(debug_assertions), "{out}");
    // The numbers only, no bar chart; the time to the millisecond: `0:00.123elapsed`.
    assert!(!out.contains('█') && !out.contains("speedup: "), "{out}");
    for row in &rows {
        let time = row.split(" => ").nth(1).and_then(|r| r.split("elapsed").next()).unwrap();
        let decimals = time.split('.').nth(1).unwrap_or_default();
        assert!(decimals.len() == 3 && read::clock(time).is_some(), "{row}");
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "program,workers,points,elapsed_s,cpu_percent,speedup,efficiency");
    assert!(lines[1].starts_with("pi-threads,1,10000,"), "{text}");
    assert!(lines[2].starts_with("pi-threads,2,10000,"), "{text}");
}

#[test]
fn pi_scaling_other_programs() {
    let r = run("pi-scaling", &["--program", "pi-processes", "--workers", "3", "--points", "1000"]);
    let rows = table_rows(r.ok());
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert!(rows[2].starts_with("3 process => "), "{}", rows[2]);
    for program in ["pi-gil", "pi-simd", "pi-rayon"] {
        let r = run("pi-scaling", &["--program", program, "--workers", "2", "--points", "1000"]);
        let rows = table_rows(r.ok());
        assert!(rows.len() == 2 && rows[1].starts_with("2 thread => "), "{}", r.stdout);
    }
    // pi-sequential takes no worker count: one row, the reference.
    let r = run("pi-scaling", &["--program", "pi-sequential", "--points", "1000"]);
    assert_eq!(table_rows(r.ok()).len(), 1, "{}", r.stdout);
}

#[test]
fn pi_scaling_says_how_to_build_missing_programs() {
    let dir = Scratch::new("pi-scaling-alone");
    let alone = dir.0.join("pi-scaling");
    std::fs::copy(bin("pi-scaling"), &alone).unwrap();
    let r = run_command(Command::new(&alone).args(["--workers", "1", "--points", "10"]));
    assert_eq!(r.code(), Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("pi-threads not found next to pi-scaling")
            && r.stderr.contains("cargo build"),
        "{}",
        r.stderr
    );
}

#[test]
fn pi_scaling_command_line() {
    assert_help("pi-scaling");
    for (args, bad) in [
        (&["--workers", "0"][..], "'0'"),
        (&["--workers", "1,x"], "'1,x'"),
        (&["--workers", "1025"], "'1025'"),
        (&["--workers", "1,,2"], "'1,,2'"),
        (&["--points", "0"], "'0'"),
        (&["--points", "2.5"], "'2.5'"),
        (&["--program", "pi-foo"], "'pi-foo'"),
        (&["--csv"], "'--csv'"),
        (&["--bogus", "1"], "'--bogus'"),
        (&["4"], "'4'"),
    ] {
        assert_usage_error("pi-scaling", args, bad);
    }
    let csv = "/nonexistent-dir/scaling.csv";
    let r =
        assert_fails_naming("pi-scaling", &["--workers", "1", "--points", "10", "--csv", csv], csv);
    assert!(table_rows(&r.stdout).is_empty(), "ran before failing: {}", r.stdout);
}
