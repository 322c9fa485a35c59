//! process-fill-slices, an answer to the course's exercise (« mémoire qui ne grossit pas »):
//! each child sends only its part through its pipe. Its tests are a file of their own: a handout
//! that assigns exercise 10 leaves the program out, and this file with it.

use course_tests::fill::*;
use course_tests::*;
use std::process::Command;

const NAME: &str = "process-fill-slices";

#[test]
fn process_fill_slices_every_slot_filled() {
    for (n, procs) in SIZES {
        check_fill(NAME, n, procs);
    }
    check_fill(NAME, 1_000_000, 3);
    assert_eq!(parse_list(run(NAME, &[]).ok()).len(), 10);
}

/// The book's table (processes chapter): `process-fill-slices 10000000 4` holds one array of N f64 (78 125 KiB)
/// besides what any run needs (the peak of `1 1`), 1.02 arrays in all. Measured (Xeon KVM,
/// 2 cores, release): 79 992 to 80 072 KiB in 5 runs, `1 1` 2 088 KiB: 1.00 array above it.
/// The bound, 1.1 arrays above `1 1`, fails a process that holds a second array or a copy:
/// `res` allocated before the forks makes each child peak at 1.25 arrays (a copy and its part).
#[test]
fn process_fill_slices_peak_memory_is_one_array() {
    let peak = |args: &[&str]| -> f64 {
        let r = run_command(Command::new(bin("peak-rss")).arg(bin(NAME)).args(args));
        let out = r.ok().trim_end();
        let kib = out.strip_prefix("Maximum resident set size (kbytes): ");
        kib.and_then(|k| k.parse().ok()).unwrap_or_else(|| panic!("peak-rss printed {out}"))
    };
    let (baseline, kib) = (peak(&["1", "1"]), peak(&["10000000", "4"]));
    let array = 10_000_000.0 * 8.0 / 1024.0;
    let arrays = (kib - baseline) / array;
    assert!(
        arrays <= 1.1,
        "process-fill-slices 10000000 4: peak {kib} KiB, {arrays:.2} arrays of N f64 above the \
         {baseline} KiB of `1 1`: more than 1.1"
    );
}

/// Each child sends only its part: the parent reads N values through the pipes, not
/// PROCESSES × N. The peak memory cannot show a child that sends its whole array, zeros
/// outside its part: measured, it peaks as the right program does (79 896 to 80 060 KiB),
/// since no process holds more than one array. What the parent reads shows it: `rchar` of
/// `/proc/PID/io` of a shell that ran and reaped the program (Linux only). Measured for
/// `1000000 4`: 8 011 625 bytes, 8 N and 11 625 read by the loader (the `1 1` run reads as
/// much); with whole arrays, 32 011 625. The bound: 1.1 × 8 N above `1 1`.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "reads /proc/PID/io, which only Linux has")]
fn process_fill_slices_parent_reads_each_value_once() {
    let read = |args: &[&str]| -> u64 {
        let script = r#""$0" "$@" > /dev/null && cat /proc/$$/io"#;
        let mut sh = Command::new("sh");
        sh.args(["-c", script]).arg(bin(NAME)).args(args);
        let r = run_command(&mut sh);
        let out = r.ok();
        let rchar = out.lines().find_map(|l| l.strip_prefix("rchar: "));
        rchar.and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no rchar in {out}"))
    };
    let (baseline, bytes) = (read(&["1", "1"]), read(&["1000000", "4"]));
    let values = 8 * 1_000_000;
    assert!(
        bytes >= values && bytes - baseline <= values * 11 / 10,
        "process-fill-slices 1000000 4: the parent read {bytes} bytes, {baseline} for `1 1`; \
         8 N = {values}: a child sent more than its part"
    );
}

#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: /dev/full")]
fn a_list_that_cannot_be_written_is_an_error() {
    check_list_that_cannot_be_written(NAME);
}

#[test]
fn process_fill_slices_command_line() {
    check_fill_command_line(NAME, "100000001");
}

/// A refused `fork` (see `failures.rs`): one line, status 1, the children already made reaped.
#[test]
#[cfg_attr(
    any(not_root, not(target_os = "linux")),
    ignore = "needs root on Linux: it runs the program as a user of its own under RLIMIT_NPROC"
)]
fn a_refused_fork_is_one_line_and_status_1_after_the_children_are_reaped() {
    let (r, uid) = run_with_process_limit(NAME, &["10", "3"], 2);
    assert_failed_call(NAME, &r, uid, "fork");
    assert!(r.stdout.is_empty(), "{NAME}: a result was printed: {}", r.stdout);
}
