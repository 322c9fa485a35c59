//! `check grade` and the run loop, where no answer is needed: bad arguments are refused, and a
//! process that left the program's group does not hold the run (the class graded is the
//! answer key's test, `exercises/answer-key/tests/grade.rs`: its copies are the answers).

use harness::{LONG_TIMEOUT, Run, Scratch, run_watched};
use std::path::Path;
use std::process::Command;

/// `check ARGS` with `TMPDIR` set to `tmp`.
fn check(args: &[&str], tmp: &Path) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_check"));
    cmd.args(args).env("TMPDIR", tmp).current_dir(check::workspace::root());
    run_watched(&mut cmd, format!("check {}", args.join(" ")), LONG_TIMEOUT, |_| {})
}

#[test]
fn grade_refuses_bad_arguments() {
    let tmp = Scratch::new("check-test-grade-args-tmp");
    let empty = Scratch::new("check-test-grade-empty");
    let missing = empty.0.join("missing");
    for (args, code, says) in [
        (&["grade"][..], 2, "N is missing"),
        (&["grade", "6"], 2, "DIR is missing"),
        (&["grade", "abc", "x"], 2, "N must be an integer"),
        (&["grade", "6", missing.to_str().unwrap()], 2, "is not a folder"),
        (&["6", "--out", "x"], 2, "'--out' goes with grade only"),
        (&["4", "--program", empty.0.to_str().unwrap()], 2, "a main.rs (FILE.rs)"),
        (&["grade", "6", empty.0.to_str().unwrap(), "--memory", "0"], 2, "--memory must be"),
        (&["grade", "6", empty.0.to_str().unwrap()], 1, "holds no copy"),
    ] {
        let r = check(args, &tmp.0);
        assert_eq!(r.code(), Some(code), "check {args:?}: {}: {}", r.ended(), r.stderr);
        assert!(r.stderr.contains(says), "check {args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    let left: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
}

/// A child that made a process group of its own outlives the run and holds its stdout: the run
/// still ends (what was read is kept) and says that something was left behind.
#[test]
fn a_child_of_another_group_holding_the_output_does_not_hold_the_run() {
    // perl: a child that makes a process group of its own (`setpgrp`), then becomes `sleep 60`;
    // the parent prints its pid once it is in that group, and ends.
    let mut cmd = Command::new("perl");
    cmd.args([
        "-e",
        "my $pid = fork(); if ($pid == 0) { setpgrp(0, 0); exec 'sleep', '60'; } \
         while (getpgrp($pid) != $pid) { select(undef, undef, undef, 0.01); } print \"$pid\\n\";",
    ]);
    let r = harness::run_command(&mut cmd, "perl");
    let child = r.stdout.trim().parse::<i32>().expect("the background sleep's pid");
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(child), nix::sys::signal::SIGKILL);
    assert!(r.succeeded(), "{}", r.ended());
    assert!(r.left_behind, "the sleep holding stdout is not reported");
}
