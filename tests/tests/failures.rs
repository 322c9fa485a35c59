//! A failed system call, made to fail from outside the program: run as under `ulimit -u`, the
//! `fork` or thread `spawn` beyond the limit fails with EAGAIN. Every example then prints one
//! line naming the call and the reason, exits with status 1, and leaves no child behind.
//! (These tests need root, to run the program as a user of its own: see
//! `run_with_process_limit`; otherwise they print SKIPPED and pass.)

use course_tests::*;
use std::process::Command;

/// The program itself counts as one process: `limit` 1 lets no thread or child start; 2 lets
/// one start and refuses the second. For threads the limit is 1: a thread that has ended is no
/// longer counted, so with 2 a short first thread may end before the second is spawned. (A child
/// process that has ended still counts until it is reaped, so 2 is exact for `fork`.)
#[test]
fn a_refused_thread_is_one_line_and_status_1() {
    for (name, args) in [
        ("two-threads", &["3"][..]),
        ("io-thread", &[][..]),
        ("shared-fill", &["10", "3"][..]),
        ("mutex-counter", &["3", "100"][..]),
        ("racy-counter", &["3", "100"][..]),
        ("pi-threads", &["3", "1e6"][..]),
        ("pi-gil", &["3", "1e6"][..]),
        ("pi-simd", &["3", "1e6"][..]),
        ("pi-rayon", &["3", "1e6"][..]),
    ] {
        let Some((r, uid)) = run_with_process_limit(Command::new(bin(name)).args(args), 1) else {
            return;
        };
        assert_failed_call(name, &r, uid, "spawn");
        assert!(!r.stdout.contains("PI ="), "{name}: a result was printed: {}", r.stdout);
    }
}

#[test]
fn a_refused_fork_is_one_line_and_status_1_after_the_children_are_reaped() {
    for (name, args) in [
        ("two-processes", &["3"][..]),
        ("io-processes", &[][..]),
        ("process-fill", &["10", "3"][..]),
        ("process-fill-slices", &["10", "3"][..]),
        ("process-fill-shm", &["10", "3"][..]),
        ("pi-processes", &["3", "1e8"][..]),
        ("file-counter", &["3", "100"][..]),
    ] {
        let Some((r, uid)) = run_with_process_limit(Command::new(bin(name)).args(args), 2) else {
            return;
        };
        assert_failed_call(name, &r, uid, "fork");
        assert!(!r.stdout.contains("PI ="), "{name}: a result was printed: {}", r.stdout);
    }
}

/// Two children each write 8 MB into their pipe and wait for the parent to read it; the third
/// `fork` fails. The parent must not wait for them forever: it closes its ends of the pipes,
/// the children stop, and it reaps them.
#[test]
fn a_refused_fork_does_not_wait_for_children_blocked_on_a_pipe() {
    let mut cmd = Command::new(bin("process-fill-queue"));
    let Some((r, uid)) = run_with_process_limit(cmd.args(["1000000", "4"]), 3) else { return };
    assert_failed_call("process-fill-queue", &r, uid, "fork");
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

/// The temporary file is removed on this way out too.
#[test]
fn a_refused_fork_leaves_no_temporary_file() {
    let dir = std::env::temp_dir().join(format!("failures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The program runs as another user: it must be able to write there.
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let name = "locked-append";
    let mut cmd = Command::new(bin(name));
    let Some((r, uid)) = run_with_process_limit(cmd.arg("4").env("TMPDIR", &dir), 3) else {
        return;
    };
    assert_failed_call(name, &r, uid, "fork");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "{name} left {left:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
