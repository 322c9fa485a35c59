//! io-processes, the course's « Vous pouvez pour vous entraîner » done with processes: one child
//! prints, the other writes a file that the parent reads back. Its tests are a file of their
//! own: a handout that assigns exercise 9 leaves the program out, and this file with it.

use course_tests::*;
use std::path::PathBuf;
use std::process::Command;

const NAME: &str = "io-processes";

const WRITTEN: &str = "I am the second process";

fn check_io_processes(out: &str) {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "I am the first process I do nothing").count(),
        10,
        "{out}"
    );
    assert_eq!(lines.last(), Some(&format!("File content : {WRITTEN}").as_str()), "{out}");
    assert_eq!(lines.len(), 11, "{out}");
}

#[test]
fn io_processes_default_file_is_read_back_and_removed() {
    let tmp = std::env::temp_dir().join(format!("io-processes-test-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let r = run_command(Command::new(bin("io-processes")).env("TMPDIR", &tmp));
    check_io_processes(r.ok());
    let left: Vec<PathBuf> = std::fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    std::fs::remove_dir(&tmp).unwrap();
}

#[test]
fn io_processes_runs_at_once_do_not_clash() {
    let runs: Vec<_> = (0..4).map(|_| std::thread::spawn(|| run("io-processes", &[]))).collect();
    for r in runs {
        check_io_processes(r.join().unwrap().ok());
    }
}

#[test]
fn io_processes_does_not_follow_a_planted_link() {
    // Links planted at the names the program picks first (`sh` keeps its pid through `exec`).
    let tmp = std::env::temp_dir().join(format!("io-processes-link-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("target.txt"), "precious").unwrap();
    let script = r#"for a in 0 1 2; do ln -s "$TMPDIR/target.txt" "$TMPDIR/io-processes-$$-$a.txt"; done; exec "$0""#;
    let r = run_command(
        Command::new("sh").args(["-c", script]).arg(bin("io-processes")).env("TMPDIR", &tmp),
    );
    check_io_processes(r.ok());
    assert_eq!(std::fs::read_to_string(tmp.join("target.txt")).unwrap(), "precious");
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        4,
        "the links stay, the fresh file is gone"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn io_processes_explicit_path_is_kept() {
    let path =
        std::env::temp_dir().join(format!("io-processes-explicit-{}.txt", std::process::id()));
    std::fs::write(&path, "old content, longer than the new one").unwrap();
    let r = run("io-processes", &[path.to_str().unwrap()]);
    check_io_processes(r.ok());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), WRITTEN);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn io_processes_command_line() {
    assert_help("io-processes");
    assert_usage_error("io-processes", &["a.txt", "b.txt"], "'b.txt'");
    assert_usage_error("io-processes", &["-3"], "'-3'");
    assert_usage_error("io-processes", &[""], "''");
    assert_quiet_when_stdout_closed_at_start("io-processes", &[]);
    // The child that writes the file fails: reported with the path, then by the parent.
    let r = run("io-processes", &["/nonexistent-dir/file.txt"]);
    assert_eq!(r.code(), Some(1));
    assert!(
        r.stderr.contains("/nonexistent-dir/file.txt")
            && r.stderr.contains("exited with status 1")
            && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
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
