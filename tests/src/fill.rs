//! What the fill programs of the processes chapter print, read and checked: the final array of
//! process-fill-queue and of the programs that answer the course's exercise, its parts and their
//! owners.

use crate::{assert_bad_counts_refused, assert_help, assert_usage_error, command, finished};
use crate::{assert_quiet_when_stdout_closed, assert_quiet_when_stdout_closed_at_start};
use crate::{owner, parse_list, run_reaped, spawn_with_stdout};

/// Checks that slot `i` of `n`, split among `procs`, holds its owner's `tid*100 + [0, 1)`.
pub fn check_slot(i: usize, n: usize, procs: usize, v: f64) {
    let k = owner(i, n, procs) as f64;
    assert!(v >= k * 100.0 && v < k * 100.0 + 1.0, "slot {i} of {n} = {v}, owner {k}");
}

/// The children drew different numbers: with equal parts, process 1's slot `j` is not always
/// exactly 100 + process 0's slot `j` (it would be if they shared one random sequence).
pub fn assert_children_differ(first: &[f64], second: &[f64]) {
    assert!(!first.is_empty() && first.len() == second.len());
    assert!(
        first.iter().zip(second).any(|(a, b)| *b != 100.0 + *a),
        "processes 0 and 1 drew the same numbers: {first:?} {second:?}"
    );
}

/// Checks the final array printed by one of the three working fill programs (and by
/// shared-fill, whose workers are threads) and returns it.
pub fn check_fill_output(name: &str, n: usize, procs: usize, out: &str) -> Vec<f64> {
    let last = out.lines().last().expect("an output line");
    let last = last.strip_prefix("Final tab: ").unwrap_or(last);
    let tab: Vec<f64> = parse_list(last)
        .into_iter()
        .map(|slot| slot.expect("no None in the final array"))
        .collect();
    assert_eq!(tab.len(), n, "{name} {n} {procs}");
    for (i, v) in tab.iter().enumerate() {
        check_slot(i, n, procs, *v);
    }
    if procs >= 2 && n >= 2 * procs && n.is_multiple_of(procs) {
        let part = n / procs;
        assert_children_differ(&tab[..part], &tab[part..2 * part]);
    }
    tab
}

/// Runs `name N PROCS` and checks its one line, the final array; a child left unreaped fails.
pub fn check_fill(name: &str, n: usize, procs: usize) {
    let r = run_reaped(name, &[&n.to_string(), &procs.to_string()]);
    let out = r.ok();
    assert_eq!(out.lines().count(), 1, "{name} {n} {procs}");
    check_fill_output(name, n, procs, out);
}

/// The sizes every fill program is checked with: (N, PROCESSES), parts equal and unequal.
pub const SIZES: [(usize, usize); 7] =
    [(10, 2), (11, 3), (3, 5), (1, 1), (1000, 7), (100_000, 4), (99_999, 2)];

/// The command line of a fill program that takes `N PROCESSES`: `--help`, bad counts, the
/// usage errors, a closed stdout; `too_large`, the first N it refuses.
pub fn check_fill_command_line(name: &str, too_large: &str) {
    assert_help(name);
    assert_bad_counts_refused(name, &["10", "2"]);
    assert_usage_error(name, &["10", "0"], "'0'");
    assert_usage_error(name, &["10", "257"], "'257'");
    assert_usage_error(name, &[too_large], &format!("'{too_large}'"));
    assert_quiet_when_stdout_closed(name, &["100000", "2"]);
    assert_quiet_when_stdout_closed_at_start(name, &["10", "2"]);
}

/// A list that cannot be written is an error, its last part included: with stdout on
/// `/dev/full` (Linux), where every write fails with "No space left on device", the program
/// prints one line naming the failed write and ends with exit status 1, no panic. Ten values
/// fit in the buffer of `print_list`: only its last write sends them.
pub fn check_list_that_cannot_be_written(name: &str) {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let child = spawn_with_stdout(command(name, &["10", "2"]), full);
    let r = finished(child, format!("{name} 10 2 >/dev/full"));
    assert_eq!(r.code(), Some(1), "{}: {}", r.command, r.ended());
    assert_eq!(r.stderr, format!("{name}: write: No space left on device (os error 28)\n"));
}
