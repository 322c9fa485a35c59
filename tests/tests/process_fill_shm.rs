//! process-fill-shm, an answer to the course's exercise (« mémoire qui ne grossit pas »): the
//! children write into a mapping shared with the parent. Its tests are a file of their own: a
//! handout that assigns exercise 10 leaves the program out, and this file with it.

use course_tests::fill::*;
use course_tests::*;

const NAME: &str = "process-fill-shm";

#[test]
fn process_fill_shm_every_slot_filled() {
    for (n, procs) in SIZES {
        check_fill(NAME, n, procs);
    }
    check_fill(NAME, 1_000_000, 3);
    assert_eq!(parse_list(run(NAME, &[]).ok()).len(), 10);
}

#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: /dev/full")]
fn a_list_that_cannot_be_written_is_an_error() {
    check_list_that_cannot_be_written(NAME);
}

#[test]
fn process_fill_shm_command_line() {
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
