//! The answer key of EXERCISES.md: each exercise with a checkable outcome runs its solution
//! and asserts what the exercise says the student will observe. Solutions written as code are
//! the binaries of `tests/solutions/` (package course-tests); the course's own two exercises
//! are answered by examples (process-fill-slices, process-fill-shm, io-processes).
//! No timing is asserted anywhere: the timing exercises are observe-only.

use course_tests::*;
use std::f64::consts::PI;
use std::path::PathBuf;
use std::process::Command;

// ---- Exercise 1: the lines counted through `join` (two-threads-count) ----

fn check_total_lines(args: &[&str], n: usize) {
    let r = run("two-threads-count", args);
    let out = r.ok();
    let lines: Vec<&str> = out.lines().collect();
    for tid in 0..n {
        let mine = lines.iter().filter(|l| **l == format!("In the thread {tid}")).count();
        assert_eq!(mine, 10, "thread {tid}:\n{out}");
    }
    assert_eq!(lines.last(), Some(&format!("Total lines = {}", 10 * n).as_str()));
    assert_eq!(lines.len(), 10 * n + 1 + n + 1, "{out}");
}

#[test]
fn exercise_1_total_lines_is_ten_times_threads() {
    check_total_lines(&[], 2);
    for n in [1, 5, 64] {
        check_total_lines(&[&n.to_string()], n);
    }
    assert_help("two-threads-count");
    assert_bad_counts_refused("two-threads-count", &["2"]);
    assert_usage_error("two-threads-count", &["1001"], "'1001'");
    assert_quiet_when_stdout_closed("two-threads-count", &["1000"]);
}

// ---- Exercise 2: shared-fill made reproducible (shared-fill-seeded) ----

fn seeded(args: &[&str]) -> Vec<f64> {
    let r = run("shared-fill-seeded", args);
    parse_list(r.ok()).into_iter().map(|slot| slot.expect("every slot written")).collect()
}

#[test]
fn exercise_2_same_seed_same_array_other_seed_other_array() {
    for (n, threads) in [(10, 2), (11, 3), (1000, 7), (3, 5)] {
        let (n_arg, t_arg) = (n.to_string(), threads.to_string());
        let first = seeded(&[&n_arg, &t_arg, "7"]);
        assert_eq!(first.len(), n);
        for (i, v) in first.iter().enumerate() {
            let k = owner(i, n, threads) as f64;
            assert!(*v >= k * 100.0 && *v < k * 100.0 + 1.0, "slot {i} = {v}");
        }
        for _ in 0..5 {
            assert_eq!(seeded(&[&n_arg, &t_arg, "7"]), first, "{n} {threads} 7");
        }
        assert_ne!(seeded(&[&n_arg, &t_arg, "8"]), first, "{n} {threads}: 7 and 8");
    }
    // Each thread has its own sequence: thread 1's values are not thread 0's plus 100.
    let tab = seeded(&["10", "2", "1"]);
    assert!((0..5).any(|j| tab[5 + j] != 100.0 + tab[j]), "{tab:?}");
    // The default seed is reproducible too; the largest seed works (SEED + tid must not
    // overflow: a panic in this dev build) and is reproducible.
    assert_eq!(seeded(&[]), seeded(&[]));
    let largest = seeded(&["4", "2", "18446744073709551615"]);
    assert_eq!(largest.len(), 4);
    assert_eq!(seeded(&["4", "2", "18446744073709551615"]), largest);
}

#[test]
fn exercise_2_command_line() {
    assert_help("shared-fill-seeded");
    assert_bad_counts_refused("shared-fill-seeded", &["10", "2", "7"]);
    assert_usage_error("shared-fill-seeded", &["10", "2", "0"], "'0'");
    assert_usage_error("shared-fill-seeded", &["10", "2", "-1"], "'-1'");
    assert_usage_error("shared-fill-seeded", &["10", "2", "abc"], "'abc'");
    assert_usage_error(
        "shared-fill-seeded",
        &["10", "2", "18446744073709551616"],
        "'18446744073709551616'",
    );
    assert_quiet_when_stdout_closed("shared-fill-seeded", &["1000000", "2"]);
}

// ---- Exercise 4: the counter without the lock does not compile ----

/// Compiles `tests/solutions/compile_fail/<file>` alone with rustc (`RUSTC` if set) and
/// returns its stderr; asserts that the compilation failed with exactly one error.
fn refusal(file: &str) -> String {
    let source =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("solutions/compile_fail").join(file);
    let out_dir =
        std::env::temp_dir().join(format!("course-compile-fail-{}-{file}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let r = run_command(
        Command::new(rustc)
            .args(["--edition", "2024", "--crate-type", "bin", "-o"])
            .arg(out_dir.join("program"))
            .arg(&source)
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    );
    std::fs::remove_dir_all(&out_dir).unwrap();
    assert!(!r.status.success(), "{file} compiled: it must be refused");
    assert!(
        r.stderr.contains("aborting due to 1 previous error"),
        "{file}: not exactly one error:\n{}",
        r.stderr
    );
    r.stderr
}

#[test]
fn exercise_4_the_compiler_refuses_the_unlocked_counter() {
    let stderr = refusal("unlocked_counter.rs");
    assert!(stderr.contains("error[E0596]: cannot borrow data in an `Arc` as mutable"), "{stderr}");
    let stderr = refusal("mutex_counter_without_lock.rs");
    assert!(
        stderr.contains("error[E0599]: no method named `incr` found for reference"),
        "{stderr}"
    );
}

// ---- Exercise 5: racy-counter fixed with fetch_add (racy-counter-fixed) ----

/// The program does not check itself: with `fetch_add` no update can be lost. This check reads
/// the 0 it prints.
#[test]
fn exercise_5_no_update_lost_in_20_runs() {
    for _ in 0..20 {
        let r = run("racy-counter-fixed", &[]);
        assert_eq!(
            r.ok(),
            "Counter = 4000000\nexpected = 4000000, actual = 4000000, lost updates = 0\n"
        );
    }
    let out = run("racy-counter-fixed", &["16", "10000"]).ok().to_string();
    assert!(out.ends_with("lost updates = 0\n"), "{out}");
    assert_help("racy-counter-fixed");
    assert_bad_counts_refused("racy-counter-fixed", &["4", "100"]);
}

// ---- Exercise 6: one lock per worker (mutex-counter-coarse) ----

/// With the lock taken once per worker, each thread's increments are contiguous: the counter
/// passes from one thread to another exactly THREADS − 1 times, on every run, whatever the order
/// in which the threads got the lock. (The fine lock of mutex-counter hands it over many times.)
#[test]
fn exercise_6_coarse_lock_hands_over_threads_minus_one_times() {
    for (threads, increments) in [(4, 100), (4, 1_000_000), (8, 100_000), (1, 1), (64, 1000)] {
        let args = [threads.to_string(), increments.to_string()];
        for _ in 0..20 {
            let r = run("mutex-counter-coarse", &[&args[0], &args[1]]);
            assert_eq!(
                r.ok(),
                format!("Counter = {}\nHand-overs = {}\n", threads * increments, threads - 1),
                "{threads} threads, {increments} increments"
            );
        }
    }
    assert_eq!(run("mutex-counter-coarse", &[]).ok(), "Counter = 400\nHand-overs = 3\n");
    assert_help("mutex-counter-coarse");
    assert_bad_counts_refused("mutex-counter-coarse", &["4", "100"]);
}

// ---- Exercise 10, the course's Exercice: memory that does not grow with the processes ----

/// N = 2 000 000 values in 4 processes; one array of N f64 is 15 625 KiB.
#[test]
fn exercise_10_slices_and_shm_hold_one_array_queue_holds_five() {
    const N: &str = "2000000";
    let array_kib = 2_000_000.0 * 8.0 / 1024.0;
    // What a run holds besides the array: the program, its libraries, the stdout buffer.
    let baseline = ["process-fill-queue", "process-fill-slices", "process-fill-shm"]
        .map(|name| peak_rss_kib(name, &["1", "1"]))
        .into_iter()
        .max()
        .unwrap() as f64;
    let queue = peak_rss_kib("process-fill-queue", &[N, "4"]) as f64;
    let slices = peak_rss_kib("process-fill-slices", &[N, "4"]) as f64;
    let shm = peak_rss_kib("process-fill-shm", &[N, "4"]) as f64;
    println!(
        "peak RSS (KiB), N = {N}, 4 processes: queue {queue}, slices {slices}, shm {shm}; \
         baseline {baseline}; one array {array_kib}"
    );
    for (name, peak) in [("slices", slices), ("shm", shm)] {
        assert!(
            peak <= 1.2 * array_kib + baseline,
            "process-fill-{name}: {peak} KiB > 1.2 × {array_kib} + {baseline}"
        );
        assert!(
            peak >= array_kib,
            "process-fill-{name}: {peak} KiB, less than the array it prints"
        );
        assert!(
            3.0 * peak < queue,
            "process-fill-{name}: {peak} KiB, not well under queue's {queue}"
        );
    }
    // The queue version holds the 4 arrays received and their sum: about 5 arrays.
    assert!(queue >= 4.5 * array_kib, "process-fill-queue: {queue} KiB");
}

// ---- Exercise 13: pi-threads with the parts sent through a channel (pi-threads-channel) ----

fn pi_line(program: &str, args: &[&str]) -> String {
    let r = run(program, args);
    let out = r.ok();
    let line = out.lines().next().unwrap_or_default();
    assert!(line.starts_with("PI = "), "{program} {args:?}:\n{out}");
    line.to_string()
}

fn pi_of(program: &str, args: &[&str]) -> f64 {
    pi_line(program, args)["PI = ".len()..].parse().unwrap()
}

#[test]
fn exercise_13_channel_gives_the_pi_of_pi_threads() {
    for n in ["1", "7", "1000", "1234567", "1e7"] {
        let sequential = pi_of("pi-sequential", &[n]);
        for t in ["1", "2", "3", "16"] {
            let line = pi_line("pi-threads-channel", &[t, n]);
            assert_eq!(line, pi_line("pi-threads", &[t, n]), "{t} threads, {n} points");
            let pi: f64 = line["PI = ".len()..].parse().unwrap();
            assert!((pi - sequential).abs() < 1e-9, "{t} {n}: {pi} {sequential}");
        }
    }
    assert_help("pi-threads-channel");
    assert_bad_counts_refused("pi-threads-channel", &["2", "1000"]);
    assert_usage_error("pi-threads-channel", &["2", "1000", "--timeline"], "'--timeline'");
}

// ---- Exercise 14: a compensated sum (pi-kahan) ----

#[test]
fn exercise_14_kahan_error_is_hundreds_of_times_smaller() {
    let sequential = (pi_of("pi-sequential", &["1e7"]) - PI).abs();
    let kahan = (pi_of("pi-kahan", &["1e7"]) - PI).abs();
    assert!(
        kahan * 100.0 < sequential && kahan < 1e-14,
        "10^7 points: pi-kahan error {kahan:e}, pi-sequential {sequential:e}"
    );
    // With one point there is nothing to round away: the same digits.
    assert_eq!(pi_line("pi-kahan", &["1"]), pi_line("pi-sequential", &["1"]));
    assert_help("pi-kahan");
    assert_usage_error("pi-kahan", &["0"], "'0'");
    assert_usage_error("pi-kahan", &["2.5"], "'2.5'");
    assert_usage_error("pi-kahan", &["10", "7"], "'7'");
}

// ---- Exercises 19 and 20: the number of partial sums (pi-simd-lanes) ----

/// The instruction sets of pi-simd that this CPU has (`baseline` always).
fn simd_sets_here() -> Vec<&'static str> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let flags = cpuinfo.lines().find(|l| l.starts_with("flags")).unwrap_or_default().to_string();
    let has = |all: &[&str]| all.iter().all(|f| flags.split_whitespace().any(|g| g == *f));
    let mut sets = vec!["baseline"];
    if cfg!(target_arch = "x86_64") && has(&["avx2", "fma"]) {
        sets.push("avx2");
    }
    if cfg!(target_arch = "x86_64") && has(&["avx512f", "avx512dq", "avx512vl"]) {
        sets.push("avx512");
    }
    sets
}

#[test]
fn exercise_19_every_number_of_sums_gives_pi() {
    for n in ["1", "7", "1000", "1234567"] {
        let expected = pi_of("pi-sequential", &[n]);
        for t in ["1", "3", "16"] {
            for lanes in ["1", "2", "4", "8", "16"] {
                for set in simd_sets_here() {
                    let got = pi_of("pi-simd-lanes", &[t, n, lanes, "--simd", set]);
                    assert!((got - expected).abs() < 1e-10, "{t} {n} {lanes} {set}: {got}");
                }
            }
        }
    }
    let r = run("pi-simd-lanes", &["1", "1000", "16"]);
    assert!(r.ok().ends_with("(16 partial sums per thread)\n"), "{}", r.stdout);
    assert_help("pi-simd-lanes");
    assert_bad_counts_refused("pi-simd-lanes", &["2", "1000", "8"]);
    for bad in ["3", "32", "0", "abc"] {
        assert_usage_error("pi-simd-lanes", &["2", "1000", bad], &format!("'{bad}'"));
        assert_usage_error("pi-simd-lanes", &["2", "1000", bad], "LANES");
    }
    assert_usage_error("pi-simd-lanes", &["2", "1000", "8", "--simd", "sse9"], "'sse9'");
}

#[test]
fn exercise_20_one_sum_is_pi_threads_eight_are_not() {
    let mut differ = 0;
    for args in [["1", "1234567"], ["3", "1000003"], ["2", "10000000"]] {
        let threads = pi_line("pi-threads", &args);
        for set in simd_sets_here() {
            let one = pi_line("pi-simd-lanes", &[args[0], args[1], "1", "--simd", set]);
            assert_eq!(one, threads, "{args:?} {set}: LANES = 1 adds in pi-threads' order");
        }
        let eight = pi_of("pi-simd-lanes", &[args[0], args[1], "8"]);
        assert!((eight - pi_of("pi-threads", &args)).abs() < 1e-12, "{args:?}: {eight}");
        differ += usize::from(pi_line("pi-simd-lanes", &[args[0], args[1], "8"]) != threads);
    }
    assert!(differ > 0, "8 sums gave pi-threads' digits every time");
}

// ---- Exercise 21: fold and reduce (pi-rayon-fold) ----

#[test]
fn exercise_21_fold_and_reduce_give_pi() {
    for n in ["1", "7", "1000", "1234567", "10000000"] {
        let expected = pi_of("pi-sequential", &[n]);
        for t in ["1", "2", "3", "16"] {
            let got = pi_of("pi-rayon-fold", &[t, n]);
            assert!((got - expected).abs() < 1e-10, "pi-rayon-fold {t} {n}: {got}");
        }
    }
    assert_help("pi-rayon-fold");
    assert_bad_counts_refused("pi-rayon-fold", &["2", "1000"]);
    assert_usage_error("pi-rayon-fold", &["1025"], "'1025'");
    for bad in ["0", "2.5", "1e14"] {
        assert_usage_error("pi-rayon-fold", &["2", bad], &format!("'{bad}'"));
    }
    assert_usage_error("pi-rayon-fold", &["2", "1000", "--simd", "avx2"], "'--simd'");
}

// ---- EXERCISES.md and the examples' headers agree ----

/// Each example's `//!` header ends with `//! Exercises: 4, 6 (EXERCISES.md).` (or says that
/// none start there); each number is an exercise of EXERCISES.md that names the example, and
/// every exercise is named by some header.
#[test]
fn headers_name_the_exercises_that_start_from_them() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("EXERCISES.md")).unwrap();
    let (body, solutions) = text.split_once("## Solutions").expect("a solutions part");
    // "**N. Title.** …" up to the next exercise.
    let exercises: Vec<(usize, &str)> = body
        .split("\n**")
        .skip(1)
        .filter_map(|part| {
            let (number, _) = part.split_once(". ")?;
            Some((number.parse().ok()?, part))
        })
        .collect();
    let numbers: Vec<usize> = exercises.iter().map(|e| e.0).collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "numbering");
    let mut named = vec![false; numbers.len() + 1];
    for chapter in ["threads", "locks", "processes", "pi"] {
        for entry in std::fs::read_dir(root.join(format!("examples-{chapter}"))).unwrap() {
            let dir = entry.unwrap().path();
            let package = dir.file_name().unwrap().to_str().unwrap().to_string();
            let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
            let header: Vec<&str> = main.lines().take_while(|l| l.starts_with("//!")).collect();
            assert!(header.len() <= 13, "{package}: header of {} lines", header.len());
            let last = header.last().unwrap();
            let list = last
                .strip_prefix("//! Exercises: ")
                .and_then(|l| l.strip_suffix(" (EXERCISES.md)."))
                .unwrap_or_else(|| panic!("{package}: last header line {last}"));
            if let Some((_, n)) = list.split_once("it answers ") {
                // A solution: the solutions part names it on the exercise's row.
                let row = format!("\n| {n} | ");
                let row = solutions.split(&row).nth(1).expect("a row per exercise");
                let row = row.lines().next().unwrap();
                assert!(row.contains(&format!("`{package}`")), "{package}: row {n}: {row}");
                continue;
            }
            for n in list.split(", ") {
                let n: usize = n.parse().unwrap_or_else(|_| panic!("{package}: {last}"));
                let (_, exercise) = exercises[n - 1];
                assert!(
                    exercise.contains(&format!("`{package}`")),
                    "{package}: exercise {n} does not name it"
                );
                named[n] = true;
            }
        }
    }
    let orphans: Vec<usize> = (1..named.len()).filter(|&n| !named[n]).collect();
    assert!(orphans.is_empty(), "exercises in no header: {orphans:?}");
}
