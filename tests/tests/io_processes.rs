//! io-processes, the course's « Vous pouvez pour vous entraîner » done with processes: one child
//! prints, the other writes a file that the parent reads back. Its tests are a file of their
//! own: a handout that assigns exercise 9 leaves the program out, and this file with it.

use course_tests::*;

const NAME: &str = "io-processes";

#[test]
fn io_processes_default_file_is_read_back_and_removed() {
    check_io_default_file(NAME, "process");
}

#[test]
fn io_processes_runs_at_once_do_not_clash() {
    check_io_runs_at_once(NAME, "process");
}

#[test]
fn io_processes_does_not_follow_a_planted_link() {
    check_io_planted_links(NAME, "process");
}

#[test]
fn io_processes_explicit_path_is_kept() {
    check_io_explicit_path(NAME, "process");
}

#[test]
fn io_processes_command_line() {
    assert_help("io-processes");
    assert_usage_error("io-processes", &["a.txt", "b.txt"], "'b.txt'");
    assert_usage_error("io-processes", &["-3"], "'-3'");
    assert_usage_error("io-processes", &[""], "''");
    assert_quiet_when_stdout_closed_at_start("io-processes", &[]);
    // The child that writes the file fails: reported with the path, then by the parent.
    let path = "/nonexistent-dir/file.txt";
    let r = assert_fails_naming(NAME, &[path], path);
    assert!(r.stderr.contains("exited with status 1"), "{}", r.stderr);
    assert!(!r.stdout.contains("File content"), "{}", r.stdout);
}

/// A refused `fork` (see `failures.rs`): one line, status 1, the children already made reaped.
#[test]
#[cfg_attr(
    any(not_root, not(target_os = "linux")),
    ignore = "needs root on Linux: it runs the program as a user of its own under RLIMIT_NPROC"
)]
fn a_refused_fork_is_one_line_and_status_1_after_the_children_are_reaped() {
    let (r, uid) = run_with_process_limit(NAME, &[], 2);
    assert_failed_call(NAME, &r, uid, "fork");
    assert!(!r.stdout.contains("File content"), "{NAME}: a result was printed: {}", r.stdout);
}
