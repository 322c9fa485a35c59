//! The processes chapter: two-processes, process-fill, process-fill-queue, process-fill-slices,
//! process-fill-shm, io-processes.

use course_tests::*;
use std::path::PathBuf;
use std::process::Command;

fn check_two_processes(n: usize, args: &[&str]) {
    let r = run("two-processes", args);
    let out = r.ok();
    let lines: Vec<&str> = out.lines().collect();
    for tid in 0..n {
        let mine = lines.iter().filter(|l| **l == format!("In the process {tid}")).count();
        assert_eq!(mine, 10, "process {tid} printed {mine} lines:\n{out}");
    }
    let started = positions(&lines, "Process are started");
    let joins = positions(&lines, "Join process");
    assert_eq!(started.len(), 1, "{out}");
    assert_eq!(joins.len(), n, "{out}");
    assert!(started[0] < joins[0], "'Process are started' after a 'Join process':\n{out}");
    assert_eq!(lines.len(), 10 * n + 1 + n, "unexpected lines:\n{out}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

fn positions(lines: &[&str], text: &str) -> Vec<usize> {
    (0..lines.len()).filter(|&i| lines[i] == text).collect()
}

#[test]
fn two_processes_default_is_two_processes() {
    check_two_processes(2, &[]);
}

#[test]
fn two_processes_with_more_processes() {
    check_two_processes(1, &["1"]);
    check_two_processes(5, &["5"]);
    check_two_processes(64, &["64"]);
}

#[test]
fn two_processes_command_line() {
    assert_help("two-processes");
    assert_bad_counts_refused("two-processes", &["2"]);
    assert_usage_error("two-processes", &["257"], "'257'");
    assert_quiet_when_stdout_closed("two-processes", &["256"]);
    assert_quiet_when_stdout_closed_at_start("two-processes", &["3"]);
}

/// Checks that slot `i` of `n`, split among `procs`, holds its owner's `tid*100 + [0, 1)`.
fn check_slot(i: usize, n: usize, procs: usize, v: f64) {
    let k = owner(i, n, procs) as f64;
    assert!(v >= k * 100.0 && v < k * 100.0 + 1.0, "slot {i} of {n} = {v}, owner {k}");
}

/// The children drew different numbers: with equal parts, process 1's slot `j` is not always
/// exactly 100 + process 0's slot `j` (it would be if they shared one random sequence).
fn assert_children_differ(first: &[f64], second: &[f64]) {
    assert!(!first.is_empty() && first.len() == second.len());
    assert!(
        first.iter().zip(second).any(|(a, b)| *b != 100.0 + *a),
        "processes 0 and 1 drew the same numbers: {first:?} {second:?}"
    );
}

fn check_process_fill(n: usize, procs: usize) {
    let r = run("process-fill", &[&n.to_string(), &procs.to_string()]);
    let out = r.ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), procs + 1, "{out}");
    // The parent's array, printed last, is still all empty.
    let parent = parse_list(lines[procs]);
    assert_eq!(parent, vec![None; n], "{out}");
    // Each child's copy has its own part filled, and only that part.
    let mut copies = Vec::new();
    for tid in 0..procs {
        let prefix = format!("Proc {tid} tab = ");
        let mine: Vec<&&str> = lines.iter().filter(|l| l.starts_with(&prefix)).collect();
        assert_eq!(mine.len(), 1, "process {tid}:\n{out}");
        let tab = parse_list(&mine[0][prefix.len()..]);
        assert_eq!(tab.len(), n);
        for (i, slot) in tab.iter().enumerate() {
            match slot {
                Some(v) => {
                    assert_eq!(owner(i, n, procs), tid, "process {tid} wrote slot {i}");
                    check_slot(i, n, procs, *v);
                }
                None => assert_ne!(owner(i, n, procs), tid, "slot {i} not written"),
            }
        }
        copies.push(tab.into_iter().flatten().collect::<Vec<f64>>());
    }
    if procs >= 2 && n >= 2 * procs && n.is_multiple_of(procs) {
        assert_children_differ(&copies[0], &copies[1]);
    }
}

#[test]
fn process_fill_parent_array_stays_empty() {
    for (n, procs) in [(10, 2), (11, 3), (3, 5), (1, 1), (60, 4)] {
        check_process_fill(n, procs);
    }
    let default = run("process-fill", &[]);
    assert_eq!(default.lines().len(), 3);
}

#[test]
fn process_fill_command_line() {
    assert_help("process-fill");
    assert_bad_counts_refused("process-fill", &["10", "2"]);
    assert_usage_error("process-fill", &["10", "0"], "'0'");
    assert_usage_error("process-fill", &["10", "257"], "'257'");
    assert_usage_error("process-fill", &["1000001"], "'1000001'");
    assert_quiet_when_stdout_closed("process-fill", &["100000", "2"]);
    assert_quiet_when_stdout_closed_at_start("process-fill", &["10", "2"]);
}

/// Checks the final array printed by one of the three working fill programs and returns it.
fn check_fill_output(name: &str, n: usize, procs: usize, out: &str) -> Vec<f64> {
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

fn check_fill(name: &str, n: usize, procs: usize) {
    let r = run(name, &[&n.to_string(), &procs.to_string()]);
    let out = r.ok();
    assert_eq!(out.lines().count(), 1, "{name} {n} {procs}");
    check_fill_output(name, n, procs, out);
}

const SIZES: [(usize, usize); 7] =
    [(10, 2), (11, 3), (3, 5), (1, 1), (1000, 7), (100_000, 4), (99_999, 2)];

#[test]
fn process_fill_queue_every_slot_filled() {
    for (n, procs) in SIZES {
        let r = run("process-fill-queue", &[&n.to_string(), &procs.to_string()]);
        let out = r.ok();
        let tab = check_fill_output("process-fill-queue", n, procs, out);
        // The arrays "From process", one per child: zeros outside its part; they add up to tab.
        let froms: Vec<Vec<f64>> = out
            .lines()
            .filter_map(|l| l.strip_prefix("From process : "))
            .map(|l| parse_list(l).into_iter().map(Option::unwrap).collect())
            .collect();
        assert_eq!(froms.len(), procs);
        assert_eq!(out.lines().count(), procs + 1);
        for from in &froms {
            assert_eq!(from.len(), n);
            let owners: Vec<usize> =
                (0..n).filter(|&i| from[i] != 0.0).map(|i| owner(i, n, procs)).collect();
            assert!(owners.windows(2).all(|w| w[0] == w[1]), "{owners:?}");
        }
        let sum: Vec<f64> = (0..n).map(|i| froms.iter().map(|f| f[i]).sum()).collect();
        assert_eq!(sum, tab);
    }
}

#[test]
fn process_fill_slices_every_slot_filled() {
    for (n, procs) in SIZES {
        check_fill("process-fill-slices", n, procs);
    }
    check_fill("process-fill-slices", 1_000_000, 3);
    assert_eq!(parse_list(run("process-fill-slices", &[]).ok()).len(), 10);
}

#[test]
fn process_fill_shm_every_slot_filled() {
    for (n, procs) in SIZES {
        check_fill("process-fill-shm", n, procs);
    }
    check_fill("process-fill-shm", 1_000_000, 3);
    assert_eq!(parse_list(run("process-fill-shm", &[]).ok()).len(), 10);
}

#[test]
fn process_fill_pipes_and_shm_command_line() {
    for name in ["process-fill-queue", "process-fill-slices", "process-fill-shm"] {
        assert_help(name);
        assert_bad_counts_refused(name, &["10", "2"]);
        assert_usage_error(name, &["10", "0"], "'0'");
        assert_usage_error(name, &["10", "257"], "'257'");
        assert_quiet_when_stdout_closed(name, &["100000", "2"]);
        assert_quiet_when_stdout_closed_at_start(name, &["10", "2"]);
    }
    assert_usage_error("process-fill-queue", &["10000001"], "'10000001'");
    assert_usage_error("process-fill-slices", &["100000001"], "'100000001'");
    assert_usage_error("process-fill-shm", &["100000001"], "'100000001'");
}

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
    assert_eq!(r.status.code(), Some(1));
    assert!(
        r.stderr.contains("/nonexistent-dir/file.txt")
            && r.stderr.contains("exited with status 1")
            && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("File content"), "{}", r.stdout);
}
