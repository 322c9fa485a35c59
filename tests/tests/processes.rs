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

/// The notebook's cell defines `process_function` but passes `target=thread_function`, so what
/// it prints (the cell run as written with Python 3.11, 2 processes) is "In the thread 0" and
/// "In the thread 1", 10 times each. two-processes calls `process_function`, as the cell meant:
/// its first line from process 0 is the course's with "process" for "thread", as the README
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
    // A child the program did not reap becomes ours, still in its group: the run sees it.
    #[cfg(target_os = "linux")]
    nix::sys::prctl::set_child_subreaper(true).expect("become a subreaper");
    let r = run(name, &[&n.to_string(), &procs.to_string()]);
    assert!(!r.left_behind, "{name} {n} {procs}: a child was not reaped");
    let out = r.ok();
    assert_eq!(out.lines().count(), 1, "{name} {n} {procs}");
    check_fill_output(name, n, procs, out);
}

const SIZES: [(usize, usize); 7] =
    [(10, 2), (11, 3), (3, 5), (1, 1), (1000, 7), (100_000, 4), (99_999, 2)];

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
        let r = run_alone("process-fill-queue", &[n, procs, "--join-first"]);
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

/// Runs `name args` in a process group of its own and returns how it ended, once no process of
/// that group is left: a child the program did not reap fails the test. This test process is
/// a child subreaper (Linux), so a child left behind, running or a zombie, becomes ours and is
/// seen (elsewhere, init may reap it first). The program is killed at the harness's
/// [`TIMEOUT`] (this loop is not the harness's: it must see and reap the group's leftovers).
fn run_alone(name: &str, args: &[&str]) -> Run {
    use nix::errno::Errno;
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    use std::os::unix::process::CommandExt;
    #[cfg(target_os = "linux")]
    nix::sys::prctl::set_child_subreaper(true).expect("become a subreaper");
    let mut cmd = Command::new(bin(name));
    cmd.args(args).process_group(0).stdin(std::process::Stdio::null());
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let child = cmd.spawn().expect("start the program");
    let group = Pid::from_raw(-(child.id() as i32));
    let (done, ended) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output().expect("wait")));
    let on_time = ended.recv_timeout(TIMEOUT).ok();
    if on_time.is_none() {
        let _ = kill(group, Signal::SIGKILL);
    }
    let timed_out = on_time.is_none();
    let out = on_time.unwrap_or_else(|| ended.recv().expect("the end of the program"));
    let left = kill(group, None) != Err(Errno::ESRCH); // anyone in the group, zombies included
    if left {
        let _ = kill(group, Signal::SIGKILL);
        while nix::sys::wait::waitpid(group, None).is_ok() {} // the orphans we inherited
    }
    assert!(!timed_out, "{name} {args:?} still running after {TIMEOUT:?}: killed");
    assert!(!left, "{name} {args:?} left processes of its group behind (killed now)");
    let (stdout, stderr) = (&out.stdout, &out.stderr);
    let (stdout, stderr) = (String::from_utf8_lossy(stdout), String::from_utf8_lossy(stderr));
    Run::new(format!("{name} {args:?}"), Some(out.status), stdout.into(), stderr.into())
}

#[test]
fn process_fill_slices_every_slot_filled() {
    for (n, procs) in SIZES {
        check_fill("process-fill-slices", n, procs);
    }
    check_fill("process-fill-slices", 1_000_000, 3);
    assert_eq!(parse_list(run("process-fill-slices", &[]).ok()).len(), 10);
}

/// The README's table: `process-fill-slices 10000000 4` holds one array of N f64 (78 125 KiB)
/// besides what any run needs (the peak of `1 1`), 1.02 arrays in all. Measured (Xeon KVM,
/// 2 cores, release): 79 992 to 80 072 KiB in 5 runs, `1 1` 2 088 KiB: 1.00 array above it.
/// The bound, 1.1 arrays above `1 1`, fails a process that holds a second array or a copy:
/// `res` allocated before the forks makes each child peak at 1.25 arrays (a copy and its part).
#[test]
fn process_fill_slices_peak_memory_is_one_array() {
    let peak = |args: &[&str]| -> f64 {
        let r =
            run_command(Command::new(bin("peak-rss")).arg(bin("process-fill-slices")).args(args));
        let out = r.ok().trim_end();
        let kib = out.strip_prefix("Maximum resident set size (kbytes): ");
        kib.and_then(|k| k.parse().ok()).unwrap_or_else(|| panic!("peak-rss printed {out}"))
    };
    let (baseline, kib) = (peak(&["1", "1"]), peak(&["10000000", "4"]));
    let array = 10_000_000.0 * 8.0 / 1024.0;
    let arrays = (kib - baseline) / array;
    assert!(
        arrays <= 1.1,
        "process-fill-slices 10000000 4: peak {kib} KiB, {arrays:.2} arrays of N f64 above the \
         {baseline} KiB of `1 1`: more than 1.1"
    );
}

/// Each child sends only its part: the parent reads N values through the pipes, not
/// PROCESSES × N. The peak memory cannot show a child that sends its whole array, zeros
/// outside its part: measured, it peaks as the right program does (79 896 to 80 060 KiB),
/// since no process holds more than one array. What the parent reads shows it: `rchar` of
/// `/proc/PID/io` of a shell that ran and reaped the program (Linux only). Measured for
/// `1000000 4`: 8 011 625 bytes, 8 N and 11 625 read by the loader (the `1 1` run reads as
/// much); with whole arrays, 32 011 625. The bound: 1.1 × 8 N above `1 1`.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "reads /proc/PID/io, which only Linux has")]
fn process_fill_slices_parent_reads_each_value_once() {
    let read = |args: &[&str]| -> u64 {
        let script = r#""$0" "$@" > /dev/null && cat /proc/$$/io"#;
        let mut sh = Command::new("sh");
        sh.args(["-c", script]).arg(bin("process-fill-slices")).args(args);
        let r = run_command(&mut sh);
        let out = r.ok();
        let rchar = out.lines().find_map(|l| l.strip_prefix("rchar: "));
        rchar.and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no rchar in {out}"))
    };
    let (baseline, bytes) = (read(&["1", "1"]), read(&["1000000", "4"]));
    let values = 8 * 1_000_000;
    assert!(
        bytes >= values && bytes - baseline <= values * 11 / 10,
        "process-fill-slices 1000000 4: the parent read {bytes} bytes, {baseline} for `1 1`; \
         8 N = {values}: a child sent more than its part"
    );
}

/// A list that cannot be written is an error, its last part included: with stdout on
/// `/dev/full` (Linux), where every write fails with "No space left on device", the program
/// prints one line naming the failed write and ends with exit status 1, no panic. Ten values
/// fit in the buffer of `print_list`: only its last write sends them.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: /dev/full")]
fn a_list_that_cannot_be_written_is_an_error() {
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    for name in ["process-fill-slices", "process-fill-shm"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let mut cmd = Command::new(bin(name));
        cmd.args(["10", "2"]).stdin(Stdio::null()).stdout(full).stderr(Stdio::piped());
        let child = cmd.process_group(0).spawn().expect("start the program");
        let r = harness::finish(child, format!("{name} 10 2 >/dev/full"), TIMEOUT, |_| {});
        assert_eq!(r.code(), Some(1), "{}: {}", r.command, r.ended());
        assert_eq!(r.stderr, format!("{name}: write: No space left on device (os error 28)\n"));
    }
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
