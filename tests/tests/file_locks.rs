//! The locks of the processes chapter: locked-append, file-counter.

use course_tests::*;
use std::process::Command;

/// Checks the output of `locked-append PROCS … --lines LINES` and returns the file's lines.
fn check_locked_append(out: &str, procs: usize, lines: usize) -> Vec<String> {
    let (header, content) = out.split_once('\n').expect("a header line");
    assert_eq!(header, "File content : ");
    let content: Vec<String> = content.lines().map(String::from).collect();
    assert_eq!(content.len(), procs * lines, "line count");
    let mut per_process = vec![0; procs];
    for line in &content {
        let fields: Vec<&str> = line.split(' ').collect();
        let well_formed = fields.len() == 5
            && fields[0] == "Process"
            && fields[2] == "count"
            && fields[3] == "="
            && fields[4].parse::<u64>().is_ok();
        assert!(well_formed, "bad line {line:?}");
        let pid: usize = fields[1].parse().expect("a process number");
        per_process[pid] += 1;
    }
    assert_eq!(per_process, vec![lines; procs], "lines per process");
    content
}

#[test]
fn locked_append_course_defaults() {
    let tmp = Scratch::new("locked-append-default");
    let r = run_command(Command::new(bin("locked-append")).env("TMPDIR", &tmp.0));
    check_locked_append(r.ok(), 2, 1);
    assert_empty_dir(&tmp.0);
}

/// An explicit file is emptied first, then kept, holding what was printed: with 16 processes
/// of 10 000 lines each, and with the option before the arguments.
#[test]
fn locked_append_empties_an_explicit_file_first_and_keeps_it() {
    let tmp = Scratch::new("locked-append-explicit");
    let path = tmp.0.join("out.txt");
    let file = path.to_str().unwrap();
    for (args, procs, lines) in
        [(["16", file, "--lines", "10000"], 16, 10_000), (["--lines", "3", "4", file], 4, 3)]
    {
        std::fs::write(&path, "old line 1\nold line 2\nold line 3\n").unwrap();
        let printed = check_locked_append(run("locked-append", &args).ok(), procs, lines);
        let kept = std::fs::read_to_string(&path).unwrap();
        assert_eq!(kept.lines().collect::<Vec<_>>(), printed, "{args:?}");
    }
}

#[test]
fn locked_append_children_draw_different_counts() {
    // 8 processes × 20 counts each: identical sequences would mean a shared random generator.
    let r = run("locked-append", &["8", "--lines", "20"]);
    let lines = check_locked_append(r.ok(), 8, 20);
    let counts = |pid: usize| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("Process {pid} ")))
            .map(|l| l.rsplit(' ').next().unwrap().to_string())
            .collect()
    };
    let all: Vec<Vec<String>> = (0..8).map(counts).collect();
    assert!(all.windows(2).any(|w| w[0] != w[1]), "{all:?}");
}

/// Each line is written under the lock: `strace` (Linux) records every worker's `flock` and
/// `write` calls, and each line's `write(2)` must come while its process holds the exclusive
/// lock, between its `flock(FD, LOCK_EX)` and the `LOCK_UN` (or `close`) that releases it. A
/// lock released before the write would let another process hold it while the line is
/// written, and the file would not show it: whole lines all the same (one `write` each).
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: strace")]
#[cfg_attr(no_strace, ignore = "needs strace, to see the order of the system calls")]
fn locked_append_writes_each_line_while_holding_the_lock() {
    let scratch = Scratch::new("locked-append-strace");
    let path = scratch.0.join("out.txt");
    let trace = scratch.0.join("trace");
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-ff", "-qq", "-e", "trace=flock,write,close", "-e", "signal=none", "-o"])
        .arg(&trace)
        .arg(bin("locked-append"))
        .args(["4", path.to_str().unwrap(), "--lines", "25"]);
    check_locked_append(run_command(&mut cmd).ok(), 4, 25);
    let mut lines_written = 0;
    for file in std::fs::read_dir(&scratch.0).unwrap() {
        let file = file.unwrap().path();
        if !file.file_name().unwrap().to_string_lossy().starts_with("trace.") {
            continue; // out.txt
        }
        let mut locked: Vec<String> = Vec::new(); // the descriptors this process locked
        for call in std::fs::read_to_string(&file).unwrap().lines() {
            let Some((name, rest)) = call.split_once('(') else { continue };
            let fd = rest.split([',', ')']).next().unwrap_or_default().to_string();
            let succeeded = call.rsplit_once(" = ").is_some_and(|(_, result)| result == "0");
            match name {
                "flock" if rest.contains("LOCK_EX") && succeeded => locked.push(fd),
                "flock" if rest.contains("LOCK_UN") => locked.retain(|l| *l != fd),
                "close" => locked.retain(|l| *l != fd),
                "write" if fd != "1" && fd != "2" => {
                    assert!(
                        locked.contains(&fd),
                        "{}: a line written without the lock: {call}",
                        file.display()
                    );
                    lines_written += 1;
                }
                _ => {}
            }
        }
    }
    assert_eq!(lines_written, 4 * 25, "the lines written by the workers, in the trace");
}

#[test]
fn locked_append_command_line() {
    assert_help("locked-append");
    assert_bad_counts_refused("locked-append", &["2", "out.txt"]);
    assert_usage_error("locked-append", &["257"], "'257'");
    assert_usage_error("locked-append", &["2", "-x"], "'-x'");
    assert_usage_error("locked-append", &["2", ""], "''");
    assert_usage_error("locked-append", &["2", "--lines", "0"], "'0'");
    assert_usage_error("locked-append", &["2", "--lines", "abc"], "'abc'");
    assert_usage_error("locked-append", &["2", "--lines", "1000001"], "'1000001'");
    assert_usage_error("locked-append", &["2", "--lines"], "'--lines'");
    assert_quiet_when_stdout_closed("locked-append", &["4", "--lines", "10000"]);
    assert_quiet_when_stdout_closed_at_start("locked-append", &[]);
    let path = "/nonexistent-dir/out.txt";
    assert_fails_naming("locked-append", &["2", path], path);
}

/// `expected = E, actual = A, lost updates = L` after `Counter = A`, consistent (see
/// `unlocked_count`) → (E, A, L)
fn unlocked(args: &[&str]) -> (u64, u64, u64) {
    unlocked_count("file-counter", &[args, &["--no-lock"]].concat())
}

#[test]
fn file_counter_with_the_lock_is_exact() {
    for _ in 0..5 {
        assert_eq!(run("file-counter", &["8", "1000"]).ok(), "Counter = 8000\n");
    }
    assert_eq!(run("file-counter", &[]).ok(), "Counter = 4000\n");
    assert_eq!(run("file-counter", &["1", "1"]).ok(), "Counter = 1\n");
    assert_eq!(run("file-counter", &["7", "3"]).ok(), "Counter = 21\n");
}

#[test]
fn file_counter_without_the_lock_output_is_consistent() {
    for args in [&[][..], &["8", "1000"], &["2", "10000"]] {
        unlocked(args);
    }
    assert_eq!(unlocked(&[]).0, 4000);
    // One process alone can lose nothing.
    assert_eq!(unlocked(&["1", "1000"]), (1000, 1000, 0));
}

/// Without the lock, the defaults lose updates on every run in class: on the book's machine,
/// 100 of 100 runs idle and 100 of 100 with both cores busy (at 1 run in 1000 without a loss,
/// 3 such runs of 20 would come about once in 10^6). A `--no-lock` that took the lock all the
/// same would lose nothing, in any run.
#[test]
fn file_counter_without_the_lock_loses_updates_on_almost_every_run() {
    let lost = (0..20).filter(|_| unlocked(&[]).2 > 0).count();
    assert!(lost >= 18, "updates lost in only {lost} of 20 runs");
}

#[test]
fn file_counter_explicit_path_is_kept_and_default_leaves_nothing() {
    let tmp = Scratch::new("file-counter-paths");
    let r = run_command(command("file-counter", &["3", "100"]).env("TMPDIR", &tmp.0));
    assert_eq!(r.ok(), "Counter = 300\n");
    assert_empty_dir(&tmp.0);
    let path = tmp.0.join("counter.txt");
    std::fs::write(&path, "99999999999999999999\n").unwrap(); // reset to 0 by the program
    let r = run("file-counter", &["3", "100", path.to_str().unwrap()]);
    assert_eq!(r.ok(), "Counter = 300\n");
    let kept = std::fs::read_to_string(&path).unwrap();
    assert_eq!(kept.trim_end().parse::<u64>().unwrap(), 300, "{kept:?}");
}

#[test]
fn file_counter_reports_killed_children() {
    // Children with 10^9 increments each are still busy when they are killed.
    let tmp = Scratch::new("file-counter-killed");
    let mut cmd = command("file-counter", &["2", "1000000000"]);
    let (r, kids) = run_and_kill_children(cmd.env("TMPDIR", &tmp.0), 2, 2);
    assert_eq!(r.code(), Some(1), "{r:?}");
    for kid in kids {
        assert!(r.stderr.contains(&format!("process {kid} killed by SIGKILL")), "{}", r.stderr);
    }
    assert!(r.stdout.is_empty(), "printed a result: {}", r.stdout);
    assert_empty_dir(&tmp.0);
}

#[test]
fn file_counter_command_line() {
    assert_help("file-counter");
    assert_bad_counts_refused("file-counter", &["4", "100", "counter.txt"]);
    assert_usage_error("file-counter", &["257"], "'257'");
    assert_usage_error("file-counter", &["4", "0"], "'0'");
    assert_usage_error("file-counter", &["4", "1000000001"], "'1000000001'");
    assert_usage_error("file-counter", &["4", "10", "-x"], "'-x'");
    assert_usage_error("file-counter", &["--no-lock", "abc"], "'abc'");
    assert_quiet_when_stdout_closed_at_start("file-counter", &[]);
    assert_quiet_when_stdout_closed_at_start("file-counter", &["--no-lock"]);
    let path = "/nonexistent-dir/counter.txt";
    assert_fails_naming("file-counter", &["2", "10", path], path);
}
