//! The `check` command itself: bad input gets one clear line and the right exit status (`grade`
//! too), a hanging or killed program is reported, a student's broken copy stops its own
//! exercise only, `reset` keeps the student's work, and `watch` checks again after a save; and
//! the run loop: a process that left the program's group does not hold the run. The commands
//! that make copies run in a course tree of their own (a scratch folder whose files are links
//! to this one's), never in this tree. (The teachers' tests need the answers: that the handout
//! holds none, `exercises/answer-key/tests/handout.rs`; a class graded,
//! `exercises/answer-key/tests/grade.rs`.)

use check::exercises::{self, Kind};
use check::{Check, workspace};
use harness::{LONG_TIMEOUT, Scratch, run_watched};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// A fresh folder in the temporary directory, removed when dropped (a failed test too).
fn scratch(what: &str) -> Scratch {
    Scratch::new(&format!("check-test-{what}"))
}

/// A course tree: links to this tree's files, but `exercises/` a folder of its own (its
/// exercise folders links too), where copies are made.
fn tree(what: &str) -> Scratch {
    let s = scratch(what);
    let root = workspace::root();
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let name = entry.file_name();
        if name == "exercises" || name == "target" || name == ".git" {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), s.0.join(&name)).unwrap();
    }
    std::fs::create_dir(s.0.join("exercises")).unwrap();
    for entry in std::fs::read_dir(root.join("exercises")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("ex") {
            std::os::unix::fs::symlink(entry.path(), s.0.join("exercises").join(&name)).unwrap();
        }
    }
    s
}

/// `check ARGS` run in `dir`.
fn check_in(dir: &Path, args: &[&str]) -> check::Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_check"));
    cmd.args(args).current_dir(dir);
    run_watched(&mut cmd, format!("check {}", args.join(" ")), LONG_TIMEOUT, |_| {})
}

fn check(args: &[&str]) -> check::Run {
    check_in(&workspace::root(), args)
}

/// A checked exercise that is not on MPI.
fn checked() -> exercises::Exercise {
    exercises::all().into_iter().find(|e| e.kind == Kind::Checked && !e.mpi()).unwrap()
}

/// A course tree of its own where `check start N` made the copy of [`checked`]'s exercise N:
/// the tree, the exercise, N, and the copy's folder.
fn started(what: &str) -> (Scratch, exercises::Exercise, String, PathBuf) {
    let tree = tree(what);
    let e = checked();
    let n = e.number.to_string();
    assert!(check_in(&tree.0, &["start", &n]).succeeded());
    let copy = tree.0.join(format!("exercises/{}", e.package()));
    (tree, e, n, copy)
}

#[test]
fn bad_arguments_are_refused_with_the_usage_line() {
    let last = exercises::all().last().unwrap().number;
    let past = (last + 1).to_string();
    for args in [
        &["0"][..],
        &[&past],
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
        &["hint", "0"],
        &["reset", "99"],
        &["watch", "abc"],
        &["hint", "1", "--program", "x"],
        &["reset", "1", "--program", "x"],
        &["watch", "1", "--program", "x"],
        &["1", "--exercises", "1-3"],
    ] {
        let r = check(args);
        assert_eq!(r.code(), Some(2), "check {args:?}: {}", r.ended());
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "check {args:?}: {}", r.stderr);
        assert!(lines[1].starts_with("usage: check "), "check {args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
    let r = check(&[&past]);
    assert!(
        r.stderr.contains(&format!("N must be an integer from 1 to {last}, got '{past}'")),
        "{}",
        r.stderr
    );
    // `reset N` of an exercise not started, in a tree of its own.
    let tree = tree("reset-none");
    let r = check_in(&tree.0, &["reset", "1"]);
    assert_eq!(r.code(), Some(2), "{}", r.ended());
    assert!(r.stderr.contains("'1' is not started"), "{}", r.stderr);
}

#[test]
fn a_program_that_is_not_there_or_not_executable_is_one_line() {
    let dir = scratch("program");
    let text = dir.0.join("notes.txt");
    std::fs::write(&text, "not a program").unwrap();
    for (path, says) in [
        (dir.0.join("missing"), "No such file"),
        (text.clone(), "not executable"),
        (dir.0.clone(), "not a file"),
    ] {
        let r = check(&["1", "--program", path.to_str().unwrap()]);
        assert_eq!(r.code(), Some(2), "{path:?}: {}", r.ended());
        assert_eq!(r.stderr.lines().count(), 1, "{path:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{path:?}: {}", r.stderr);
    }
}

/// A shell script as the program under check.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_killed_panicking_or_blocked_program_fails_with_how_it_ended() {
    let dir = scratch("killed");
    let n = checked().number.to_string();
    for (body, says) in [
        ("kill -9 $$", "killed by signal 9 (SIGKILL)"),
        (
            "echo \"thread 'main' panicked at src/main.rs:3:5:\" >&2; echo 'assertion failed: 0 <= r' >&2; echo 'note: run with `RUST_BACKTRACE=1`' >&2; exit 101",
            "exit status 101 (stderr: thread 'main' panicked at src/main.rs:3:5:\n          assertion failed: 0 <= r)",
        ),
        ("sleep 60", "blocked: still running after 10 s: stopped\n      usually: "),
        (
            "echo \"thread 'main' (7) panicked at src/main.rs:9:1:\" >&2; echo 'the reason' >&2; sleep 60",
            "      stderr:\n          thread 'main' (7) panicked at src/main.rs:9:1:\n          the reason\n",
        ),
    ] {
        let program = script(&dir.0, "program.sh", body);
        let r = check(&[&n, "--program", program.to_str().unwrap()]);
        assert_eq!(r.code(), Some(1), "{body}: {}\n{}", r.ended(), r.stdout);
        let fail = failure(&r.stdout);
        assert!(fail.contains(says), "{body}: {fail}");
        assert!(fail.lines().last().unwrap().starts_with("      rerun: "), "{fail}");
        assert!(r.stdout.contains("FAILED: 0 passed"), "{}", r.stdout);
        assert!(r.stdout.contains(&format!("cargo run -p check -- hint {n}")), "{}", r.stdout);
    }
}

/// A check's failure: its `FAIL  …` line and the indented lines below it, up to `rerun: …`.
fn failure(stdout: &str) -> String {
    let mut lines = stdout.lines().skip_while(|l| !l.starts_with("FAIL  "));
    let mut block: Vec<&str> = lines.next().into_iter().collect();
    block.extend(lines.take_while(|l| l.starts_with("      ")));
    assert!(!block.is_empty(), "no FAIL line in:\n{stdout}");
    block.join("\n")
}

/// The shared helpers' assertions, each shown able to fail by a program that breaks its rule
/// (the answer key's test leaves these to this one).
#[test]
fn the_shared_helpers_fail_on_the_rule_they_check() {
    use check::helpers::{help, refused};
    let dir = scratch("helpers");
    let good_usage = "case $1 in --help) echo 'usage: p [N]'; echo 'More.';; *) echo \"p: N must be an integer, got '$1'\" >&2; echo 'usage: p [N]' >&2; exit 2;; esac";
    let p = script(&dir.0, "good", good_usage);
    let mut c = Check::new(&p, None);
    assert!(help(&mut c).is_ok() && refused(&mut c, &["abc"], "abc").is_ok(), "the good program");
    for (name, body, bad_help) in [
        ("help-exit-1", "echo 'usage: p'; exit 1", true),
        ("help-no-usage", "echo 'p [N]'", true),
        ("help-on-stderr", "echo 'usage: p' >&2", true),
        ("refused-exit-1", "echo \"p: got 'abc'\" >&2; echo 'usage: p' >&2; exit 1", false),
        ("refused-no-usage", "echo \"p: got 'abc'\" >&2; exit 2", false),
        ("refused-not-named", "echo 'p: bad value' >&2; echo 'usage: p' >&2; exit 2", false),
        (
            "refused-more-lines",
            "echo \"p: got 'abc'\" >&2; echo 'usage: p' >&2; echo 'More.' >&2; exit 2",
            false,
        ),
        ("refused-on-stdout", "echo \"p: got 'abc'\"; echo 'usage: p' >&2; exit 2", false),
        (
            "refused-panics",
            "echo \"thread 'main' panicked: got 'abc'\" >&2; echo 'usage: p' >&2; echo more >&2; exit 101",
            false,
        ),
    ] {
        let p = script(
            &dir.0,
            name,
            &format!(
                "case $1 in --help) {};; *) {body};; esac",
                if bad_help { body } else { "echo 'usage: p'" }
            ),
        );
        let mut c = Check::new(&p, None);
        let ok =
            if bad_help { help(&mut c).is_ok() } else { refused(&mut c, &["abc"], "abc").is_ok() };
        assert!(!ok, "{name}: the helper let it pass");
    }
    // `succeeded`: exit status 0, and no panic.
    for (name, body) in
        [("exit-1", "echo out; exit 1"), ("panicked", "echo \"thread 'main' panicked\" >&2")]
    {
        let p = script(&dir.0, name, body);
        let mut c = Check::new(&p, None);
        let r = c.run(&[]);
        assert!(c.succeeded(&r).is_err(), "{name}: succeeded");
        assert_eq!(c.failed_label(), Some("`…` ends well"));
    }
}

#[test]
fn an_exercise_not_started_says_how_to_start_it() {
    let tree = tree("not-started");
    let n = checked().number.to_string();
    let r = check_in(&tree.0, &[&n]);
    assert_eq!(r.code(), Some(1), "{}", r.ended());
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("cargo run -p check -- start {n}")), "{}", r.stderr);
}

/// Two copies, one broken in its source and one in its manifest: `list` still lists every
/// exercise and says which do not build, and the other commands still work.
#[test]
fn a_broken_copy_stops_its_own_exercise_only() {
    let tree = tree("broken");
    let all = exercises::all();
    let plain: Vec<&exercises::Exercise> =
        all.iter().filter(|e| e.kind == Kind::Checked && !e.mpi()).collect();
    let (a, b, other) = (plain[0].number, plain[1].number, plain[2].number);
    for n in [a, b] {
        let r = check_in(&tree.0, &["start", &n.to_string()]);
        assert!(r.succeeded(), "start {n}: {}: {}", r.ended(), r.stderr);
    }
    let copy = |n: usize| tree.0.join(format!("exercises/ex{n:02}"));
    let main = copy(a).join("src/main.rs");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("{text}\nfn broken(\n")).unwrap();
    let manifest = copy(b).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text =
        text.replace("[dependencies]\n", "[dependencies]\ncrossbeam_channel.workspace = true\n");
    std::fs::write(&manifest, text).unwrap();
    let r = check_in(&tree.0, &["list"]);
    assert!(r.succeeded(), "{}: {}", r.ended(), r.stderr);
    assert_eq!(r.lines().len(), all.len() + 3, "every exercise listed:\n{}", r.stdout);
    for n in [a, b] {
        let row =
            r.lines().into_iter().find(|l| l.trim_start().starts_with(&format!("{n} "))).unwrap();
        assert!(row.contains("does not build: error"), "{row}");
    }
    let r = check_in(&tree.0, &["hint", &other.to_string()]);
    assert!(r.succeeded(), "{}", r.ended());
    let r = check_in(&tree.0, &["start", &other.to_string()]);
    assert!(r.succeeded(), "start {other} beside two broken copies: {}: {}", r.ended(), r.stderr);
    let r = check_in(&tree.0, &[&a.to_string()]);
    assert_eq!(r.code(), Some(1), "{}", r.ended());
    assert!(r.stderr.contains("does not build"), "{}", r.stderr);
    // Checked once, it is still a copy that does not build, not one that fails.
    let r = check_in(&tree.0, &["list"]);
    let row = r.lines().into_iter().find(|l| l.trim_start().starts_with(&format!("{a} "))).unwrap();
    assert!(row.contains("does not build: error"), "{row}");
    // A refusal exercise is said to be one: its check reads the compiler's error.
    for e in all.iter().filter(|e| e.kind == Kind::Refused) {
        let row =
            r.lines().into_iter().find(|l| l.trim_start().starts_with(&format!("{} ", e.number)));
        assert!(row.unwrap().contains(" compile error "), "{}", r.stdout);
    }
    assert!(
        std::fs::read_to_string(&main).unwrap().ends_with("fn broken(\n"),
        "the copy is left as it is"
    );
}

/// `reset N` keeps the student's file aside and says where; the copy is the example again.
#[test]
fn reset_keeps_the_students_work() {
    let (tree, e, n, copy) = started("reset");
    let first = std::fs::read_to_string(copy.join("src/main.rs")).unwrap();
    std::fs::write(copy.join("src/main.rs"), format!("{first}// my work\n")).unwrap();
    let r = check_in(&tree.0, &["reset", &n]);
    assert!(r.succeeded(), "{}: {}", r.ended(), r.stderr);
    let saved = format!("exercises/{}.saved-1", e.package());
    assert!(r.stdout.contains(&saved), "{}", r.stdout);
    let kept = std::fs::read_to_string(tree.0.join(&saved).join("src/main.rs")).unwrap();
    assert!(kept.ends_with("// my work\n"), "the student's file is kept");
    assert_eq!(
        std::fs::read_to_string(copy.join("src/main.rs")).unwrap(),
        first,
        "the example again"
    );
}

/// `watch N`, its output a pipe: a check at the start, another after a save, and Ctrl-C ends
/// it (exit status 130) with the program under check stopped.
#[test]
fn watch_checks_again_after_a_save() {
    let (tree, _, n, copy) = started("watch");
    let mut child = Command::new(env!("CARGO_BIN_EXE_check"))
        .args(["watch", &n])
        .current_dir(&tree.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |what: &str| {
        for line in lines.by_ref() {
            let line = line.unwrap();
            if line.contains(what) {
                return line;
            }
        }
        panic!("watch ended before {what:?}");
    };
    wait_for("waiting for a change");
    let main = copy.join("src/main.rs");
    let text = std::fs::read_to_string(&main).unwrap();
    let saved = Instant::now();
    std::fs::write(&main, format!("{text}// saved\n")).unwrap();
    wait_for("a change was saved");
    let result = wait_for("waiting for a change");
    println!("from the save to the result: {:.1} s ({result})", saved.elapsed().as_secs_f64());
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "watch after Ctrl-C: {status}");
}

/// Exercise 8's rerun line, pasted in the folder where the check ran, runs the program again on
/// a file there (not on the check's temporary file, removed by then): the file the check read,
/// made again. The program, in that folder, is named so that the shell finds it (`./NAME`).
#[test]
fn a_rerun_line_runs_as_printed() {
    let dir = scratch("rerun");
    let body = "case $1 in --help) echo 'usage: p';; *) printf 'Process 0 count = 1\\nbroken line\\n' > \"$2\";; esac";
    let program = script(&dir.0, "program.sh", body);
    let r = check_in(&dir.0, &["8", "--program", program.to_str().unwrap()]);
    assert_eq!(r.code(), Some(1), "{}\n{}", r.ended(), r.stdout);
    let fail = failure(&r.stdout);
    let seen = "      seen:\n          2 lines, such as this one:\n          broken line\n";
    assert!(fail.contains(seen), "{fail}");
    let rerun = fail.lines().last().unwrap().trim_start().strip_prefix("rerun: ").unwrap();
    assert_eq!(rerun, "./program.sh 16 out.txt --lines 10000");
    let out = dir.0.join("out.txt");
    assert!(!out.exists(), "the check wrote in the folder it ran in");
    let mut cmd = Command::new("sh");
    cmd.args(["-c", rerun]).current_dir(&dir.0);
    let again = run_watched(&mut cmd, rerun, LONG_TIMEOUT, |_| {});
    assert!(again.succeeded(), "{rerun}: {}", again.ended());
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text, "Process 0 count = 1\nbroken line\n", "{rerun}");
}

/// `cargo run -p check -- N` typed inside a copy says where `check` runs (not cargo's "package
/// `check` not found"); `cargo run` there still runs the copy.
#[test]
fn check_typed_inside_a_copy_says_where_to_run_it() {
    let (tree, e, n, copy) = started("inside");
    let cargo = |args: &[&str]| {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        // The course's target/, as in a course's tree (a linked `.cargo/` would not say so).
        cmd.args(args).current_dir(&copy).env("CARGO_TARGET_DIR", workspace::root().join("target"));
        run_watched(&mut cmd, format!("cargo {}", args.join(" ")), LONG_TIMEOUT, |_| {})
    };
    let r = cargo(&["run", "-q", "-p", "check", "--", &n]);
    assert_eq!(r.code(), Some(2), "{}", r.ended());
    let said = format!("  cd ../.. && cargo run -p check -- {n}\n");
    assert!(r.stderr.ends_with(&said), "{}", r.stderr);
    // Run from there, the line it gives reaches the course's check, which checks this copy.
    let line = r.stderr.lines().last().unwrap().trim();
    let line = line.replace("cargo run -p check -- ", &format!("{} ", env!("CARGO_BIN_EXE_check")));
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &line]).current_dir(&copy);
    let again = run_watched(&mut cmd, line.clone(), LONG_TIMEOUT, |_| {});
    let checked = format!("Exercise {n}. {}\n", e.title);
    let ok = again.stdout.starts_with(&checked) && again.stdout.contains("\nchecking ");
    assert!(ok, "{line}: {}", again.stdout);
    let r = cargo(&["run", "-q", "--", "--help"]);
    if let Err(wrong) = harness::read::help(&r, Some(&e.package())) {
        panic!("the copy's --help: {wrong}");
    }
    // The course's own `check` is not replaced by the copy's (both build into target/).
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_check"));
    cmd.args(["hint", &n]).current_dir(&tree.0);
    let r = run_watched(&mut cmd, "check hint", LONG_TIMEOUT, |_| {});
    assert!(r.succeeded() && r.stdout.starts_with(&format!("Exercise {n}.")), "{}", r.stdout);
}

#[test]
fn grade_refuses_bad_arguments() {
    let tmp = scratch("grade-args-tmp");
    let empty = scratch("grade-empty");
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
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_check"));
        cmd.args(args).env("TMPDIR", &tmp.0).current_dir(workspace::root());
        let r = run_watched(&mut cmd, format!("check {}", args.join(" ")), LONG_TIMEOUT, |_| {});
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
