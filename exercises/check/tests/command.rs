//! The `check` command itself: its table agrees with EXERCISES.md, bad input gets one clear
//! line and the right exit status, a hanging or killed program is reported, and the handout
//! leaves the answer key out.

use check::{EXERCISES, Kind, run_command, workspace};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn check(args: &[&str]) -> check::Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_check"));
    cmd.args(args).current_dir(workspace::root());
    run_command(&mut cmd, format!("check {}", args.join(" ")), Duration::from_secs(300))
}

/// A fresh folder in the temporary directory.
fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("check-test-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).unwrap();
    dir
}

#[test]
fn the_table_is_the_one_of_exercises_md() {
    let text = std::fs::read_to_string(workspace::root().join("EXERCISES.md")).unwrap();
    for e in &EXERCISES {
        let head = format!("\n**{}. {}", e.number, e.title);
        let at = text.find(&head).unwrap_or_else(|| panic!("EXERCISES.md has no {head:?}"));
        let paragraph = text[at..].split("\n\n").next().unwrap();
        assert!(paragraph.contains(&format!("`{}`", e.start)), "{head}: does not name {}", e.start);
        let observed = paragraph.contains("*Check:* observe-only");
        assert_eq!(observed, e.kind == Kind::Observed, "{head}: observe-only or not");
        assert!(workspace::example_dir(e.start).is_some(), "{}: no such example", e.start);
    }
    let numbers = text.matches("\n**").filter(|s| !s.is_empty()).count();
    assert!(numbers >= EXERCISES.len());
}

#[test]
fn bad_arguments_are_refused_with_the_usage_line() {
    for args in [
        &["0"][..],
        &["26"],
        &["abc"],
        &["-1"],
        &[],
        &["start"],
        &["start", "99"],
        &["list", "extra"],
        &["1", "2"],
        &["handout"],
        &["list", "--program", "x"],
        &["1", "--program"],
    ] {
        let r = check(args);
        assert_eq!(r.code(), Some(2), "check {args:?}: {}", r.ended());
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "check {args:?}: {}", r.stderr);
        assert!(lines[1].starts_with("usage: check "), "check {args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
    let r = check(&["26"]);
    assert!(r.stderr.contains("N must be an integer from 1 to 25, got '26'"), "{}", r.stderr);
}

#[test]
fn a_program_that_is_not_there_or_not_executable_is_one_line() {
    let dir = scratch("program");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a program").unwrap();
    for (path, says) in [
        (dir.join("missing"), "No such file"),
        (text.clone(), "not executable"),
        (dir.clone(), "not a file"),
    ] {
        let r = check(&["1", "--program", path.to_str().unwrap()]);
        assert_eq!(r.code(), Some(2), "{path:?}: {}", r.ended());
        assert_eq!(r.stderr.lines().count(), 1, "{path:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{path:?}: {}", r.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A shell script as the program under check.
fn script(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("program.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_killed_or_panicking_program_fails_with_how_it_ended() {
    let dir = scratch("killed");
    for (body, says) in [
        ("kill -9 $$", "killed by signal 9 (SIGKILL)"),
        (
            "echo \"thread 'main' panicked at src/main.rs:3:5:\" >&2; exit 101",
            "exit status 101 (stderr: thread 'main' panicked",
        ),
    ] {
        let program = script(&dir, body);
        let r = check(&["1", "--program", program.to_str().unwrap()]);
        assert_eq!(r.code(), Some(1), "{body}: {}\n{}", r.ended(), r.stdout);
        let fail = r.stdout.lines().find(|l| l.starts_with("FAIL")).expect("a FAIL line");
        assert!(fail.contains(says), "{body}: {fail}");
        assert!(fail.contains("rerun: "), "{fail}");
        assert!(r.stdout.contains("FAILED: 0 passed"), "{}", r.stdout);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_hanging_program_is_stopped_with_its_children() {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "sleep 60 & echo $!; sleep 60"]);
    let r = run_command(&mut cmd, "sh".into(), Duration::from_secs(1));
    assert_eq!(r.status, None);
    assert_eq!(r.ended(), "still running after 1 s: stopped");
    let child: i32 = r.stdout.trim().parse().expect("the pid of the background sleep");
    // Killed (SIGKILL takes effect when it is next scheduled): gone, or a zombie until whoever
    // adopted it reaps it.
    let running = || {
        let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
        stat.rsplit(") ").next().is_some_and(|rest| !rest.is_empty() && !rest.starts_with('Z'))
    };
    let start = std::time::Instant::now();
    while running() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!running(), "the program's child {child} is still running");
}

#[test]
fn an_exercise_not_started_says_how_to_start_it() {
    let n = (1..=21)
        .find(|&n| {
            let e = &EXERCISES[n - 1];
            e.kind == Kind::Checked && !workspace::copy_dir(n).exists()
        })
        .expect("an exercise without a copy");
    let r = check(&[&n.to_string()]);
    assert_eq!(r.code(), Some(1), "{}", r.ended());
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("cargo run -p check -- start {n}")), "{}", r.stderr);
}

#[test]
fn the_handout_leaves_the_answer_key_out() {
    let dir = scratch("handout");
    let r = check(&["handout", dir.to_str().unwrap()]);
    assert!(r.succeeded(), "{}: {}", r.ended(), r.stderr);
    let root = workspace::root();
    for kept in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "support/src/lib.rs",
        "exercises/check/src/main.rs",
    ] {
        let (a, b) =
            (std::fs::read(root.join(kept)).unwrap(), std::fs::read(dir.join(kept)).unwrap());
        assert_eq!(a, b, "{kept} differs in the handout");
    }
    for left in ["exercises/answer-key", "target", ".git", "exercises/ex01"] {
        assert!(!dir.join(left).exists(), "{left} is in the handout");
    }
    let mode = std::fs::metadata(dir.join(".ci/run")).unwrap().permissions().mode();
    assert!(mode & 0o111 != 0, ".ci/run is no longer executable");
    let exercises = std::fs::read_to_string(dir.join("EXERCISES.md")).unwrap();
    for teachers in [check::handout::TEACHERS, "*Teacher:*", "answer-key", "answer key"] {
        assert!(!exercises.contains(teachers), "the handout's EXERCISES.md has {teachers:?}");
    }
    assert!(exercises.contains("**21. Fold and reduce.**"), "the exercises are all there");
    // A second handout into the same folder is refused, and the folder is left as it is.
    let r = check(&["handout", dir.to_str().unwrap()]);
    assert_eq!(r.code(), Some(1), "{}", r.ended());
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("is not empty"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("EXERCISES.md")).unwrap(), exercises);
    std::fs::remove_dir_all(&dir).unwrap();
}
