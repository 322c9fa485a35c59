//! A failed system call, made to fail from outside the program: run as under `ulimit -u`, the
//! `fork` or thread `spawn` beyond the limit fails with EAGAIN. Every example then prints one
//! line naming the call and the reason, exits with status 1, and leaves no child behind. (The
//! programs that answer an exercise have this test in their own file, named after them.)
//! These tests need root, on Linux: they run the program as a user of its own (see
//! `run_with_process_limit`), and only Linux counts threads under `RLIMIT_NPROC`. Elsewhere, or
//! built by another user (`tests/build.rs`), `cargo test` reports them as ignored.

use course_tests::*;

/// The program itself counts as one process: `limit` 1 lets no thread or child start; 2 lets
/// one start and refuses the second. For threads the limit is 1: a thread that has ended is no
/// longer counted, so with 2 a short first thread may end before the second is spawned. (A child
/// process that has ended still counts until it is reaped, so 2 is exact for `fork`; a refused
/// `fork` is told after the children already made are reaped.)
#[test]
#[cfg_attr(
    any(not_root, not(target_os = "linux")),
    ignore = "needs root on Linux: it runs the program as a user of its own under RLIMIT_NPROC"
)]
fn a_refused_thread_or_fork_is_one_line_and_status_1() {
    for (name, args, limit, call) in [
        ("two-threads", &["3"][..], 1, "spawn"),
        ("io-thread", &[][..], 1, "spawn"),
        ("shared-fill", &["10", "3"][..], 1, "spawn"),
        ("mutex-counter", &["3", "100"][..], 1, "spawn"),
        ("racy-counter", &["3", "100"][..], 1, "spawn"),
        ("pi-threads", &["3", "1e6"][..], 1, "spawn"),
        ("pi-gil", &["3", "1e6"][..], 1, "spawn"),
        ("pi-simd", &["3", "1e6"][..], 1, "spawn"),
        ("pi-rayon", &["3", "1e6"][..], 1, "spawn"),
        ("two-processes", &["3"][..], 2, "fork"),
        ("process-fill", &["10", "3"][..], 2, "fork"),
        ("pi-processes", &["3", "1e8"][..], 2, "fork"),
        ("file-counter", &["3", "100"][..], 2, "fork"),
    ] {
        let (r, uid) = run_with_process_limit(name, args, limit);
        assert_failed_call(name, &r, uid, call);
        assert!(!r.stdout.contains("PI ="), "{name}: a result was printed: {}", r.stdout);
    }
}

/// Two children each write 8 MB into their pipe and wait for the parent to read it; the third
/// `fork` fails. The parent must not wait for them forever: it closes its ends of the pipes,
/// the children stop, and it reaps them.
#[test]
#[cfg_attr(
    any(not_root, not(target_os = "linux")),
    ignore = "needs root on Linux: it runs the program as a user of its own under RLIMIT_NPROC"
)]
fn a_refused_fork_does_not_wait_for_children_blocked_on_a_pipe() {
    let (r, uid) = run_with_process_limit("process-fill-queue", &["1000000", "4"], 3);
    assert_failed_call("process-fill-queue", &r, uid, "fork");
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

/// The temporary file is removed on this way out too (`run_with_process_limit` checks that the
/// program's `TMPDIR` is left empty).
#[test]
#[cfg_attr(
    any(not_root, not(target_os = "linux")),
    ignore = "needs root on Linux: it runs the program as a user of its own under RLIMIT_NPROC"
)]
fn a_refused_fork_leaves_no_temporary_file() {
    let name = "locked-append";
    let (r, uid) = run_with_process_limit(name, &["4"], 3);
    assert_failed_call(name, &r, uid, "fork");
}
