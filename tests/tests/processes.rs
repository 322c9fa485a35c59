//! The processes chapter: two-processes, process-fill, process-fill-queue. The programs that
//! answer the course's exercises have a file each, named after the program: a handout that
//! assigns the exercise leaves them out.

use course_tests::fill::*;
use course_tests::*;

#[test]
fn two_processes_default_is_two_processes_and_takes_a_count() {
    for (n, args) in [(2, &[][..]), (1, &["1"]), (5, &["5"]), (64, &["64"])] {
        let r = run("two-processes", args);
        check_started_then_joined(r.ok(), n, "process", "Process are started");
        assert!(r.stderr.is_empty(), "{}", r.stderr);
    }
}

/// The notebook's cell defines `process_function` but passes `target=thread_function`, so what
/// it prints (the cell run as written with Python 3.11, 2 processes) is "In the thread 0" and
/// "In the thread 1", 10 times each. two-processes calls `process_function`, as the cell meant:
/// its first line from process 0 is the course's with "process" for "thread", as the course map
/// says.
#[test]
fn two_processes_prints_in_the_process_where_the_course_slips() {
    let course = "In the thread 0"; // the first line of the course's process 0
    let r = run("two-processes", &[]);
    let out = r.ok();
    let first = out.lines().find(|l| l.starts_with("In the ")).expect("a line from a child");
    let first_of_0 = out.lines().find(|l| l.ends_with(" 0") && l.starts_with("In the "));
    assert_eq!(first_of_0, Some(course.replace("thread", "process").as_str()), "{out}");
    assert!(first.starts_with("In the process "), "{out}");
    assert!(!out.contains("thread"), "the course's slip is not reproduced:\n{out}");
}

#[test]
fn two_processes_command_line() {
    assert_help("two-processes");
    assert_bad_counts_refused("two-processes", &["2"]);
    assert_usage_error("two-processes", &["257"], "'257'");
    assert_quiet_when_stdout_closed("two-processes", &["256"]);
    assert_quiet_when_stdout_closed_at_start("two-processes", &["3"]);
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
fn process_fill_queue_every_slot_filled() {
    for (n, procs) in SIZES {
        check_queue(n, procs, &[]);
    }
}

/// `process-fill-queue N PROCS [more]`: one array "From process" per child, then their sum.
fn check_queue(n: usize, procs: usize, more: &[&str]) {
    let (n_arg, procs_arg) = (n.to_string(), procs.to_string());
    let r = run("process-fill-queue", &[&[&n_arg[..], &procs_arg][..], more].concat());
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

/// `--join-first`, the course's order (`join`, then `get`): an array that fits in the pipe
/// (64 KiB on Linux: N ≤ 8192 f64; macOS starts its pipes at 16 KiB) is written whole before
/// the parent reads, so it works.
#[test]
fn process_fill_queue_join_first_works_while_the_arrays_fit_in_the_pipe() {
    let largest = if cfg!(target_os = "linux") { 8192 } else { 2048 };
    for (n, procs) in [(10, 2), (11, 3), (1, 1), (largest, 2)] {
        check_queue(n, procs, &["--join-first"]);
    }
}

/// `--join-first` with arrays larger than the pipe: each child blocks on its full pipe while
/// the parent waits for it to end. Each child ends itself after 3 s (its `alarm`): one line
/// saying why, exit status 1, nothing printed, and no process left: the children were reaped.
#[test]
fn process_fill_queue_join_first_blocks_and_the_children_end_themselves() {
    for (n, procs) in [("8193", "1"), ("100000", "3")] {
        // Every child reaped, also those that were blocked.
        let r = run_reaped("process-fill-queue", &[n, procs, "--join-first"]);
        let what = format!("process-fill-queue {n} {procs} --join-first");
        assert_eq!(r.code(), Some(1), "{what}: {:?}, stderr: {}", r.status, r.stderr);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert!(
            lines.len() == 1
                && lines[0].starts_with("process-fill-queue: --join-first: stopped after 3 s")
                && lines[0].contains("blocked writing")
                && lines[0].contains("full pipe")
                && lines[0].contains("waited for it to end"),
            "{what}: stderr should be the line that says why: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{what}: printed {}", r.stdout);
    }
}

#[test]
fn process_fill_and_process_fill_queue_command_lines() {
    for (name, too_large) in [("process-fill", "1000001"), ("process-fill-queue", "10000001")] {
        check_fill_command_line(name, too_large);
    }
}
