//! The threads chapter: two-threads, io-thread, shared-fill.

use course_tests::*;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn check_two_threads(n: usize, args: &[&str]) {
    let r = run("two-threads", args);
    check_two_threads_output(n, r.ok());
}

fn check_two_threads_output(n: usize, out: &str) {
    let lines: Vec<&str> = out.lines().collect();
    for tid in 0..n {
        let mine = lines.iter().filter(|l| **l == format!("In the thread {tid}")).count();
        assert_eq!(mine, 10, "thread {tid} printed {mine} lines:\n{out}");
    }
    let started: Vec<usize> = positions(&lines, "Threads are started");
    let joins: Vec<usize> = positions(&lines, "Join thread");
    assert_eq!(started.len(), 1, "{out}");
    assert_eq!(joins.len(), n, "{out}");
    assert!(started[0] < joins[0], "'Threads are started' after a 'Join thread':\n{out}");
    assert_eq!(lines.len(), 10 * n + 1 + n, "unexpected lines:\n{out}");
}

fn positions(lines: &[&str], text: &str) -> Vec<usize> {
    (0..lines.len()).filter(|&i| lines[i] == text).collect()
}

#[test]
fn two_threads_default_is_two_threads() {
    check_two_threads(2, &[]);
}

#[test]
fn two_threads_with_five_threads() {
    check_two_threads(5, &["5"]);
}

/// The threads run at the same time: `two-threads 1000` prints about 170 kB, more than a pipe
/// holds, and this test reads nothing until it has counted more than 2 threads in the process.
/// Started together, the threads that have not printed yet wait on the full pipe, hundreds at
/// once, until the pipe is read. Each joined before the next starts, there would never be more
/// than the main thread and one worker: the count stays at 2 until the deadline (the only
/// use of a time here: a right program reaches hundreds as soon as its threads are spawned).
#[test]
fn two_threads_run_at_the_same_time() {
    use std::os::unix::process::CommandExt;
    let child = Command::new(bin("two-threads"))
        .arg("1000")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("start two-threads");
    let start = Instant::now();
    let mut most = 0;
    while most <= 2 && start.elapsed() < Duration::from_secs(20) {
        most = most.max(read::threads_of(child.id() as i32));
        std::thread::sleep(Duration::from_millis(1));
    }
    // Read now, to its end or the time-out.
    let r = harness::finish(child, "two-threads 1000", TIMEOUT, |_| {});
    let out = r.ok();
    assert!(most > 2, "at most {most} threads at once (main included): one after the other");
    check_two_threads_output(1000, out);
}

#[test]
fn two_threads_command_line() {
    assert_help("two-threads");
    assert_bad_counts_refused("two-threads", &["2"]);
    assert_usage_error("two-threads", &["1001"], "'1001'");
    assert_quiet_when_stdout_closed("two-threads", &["1000"]);
}

const WRITTEN: &str = "I am the second thread";

#[test]
fn io_thread_default_file_is_read_back_and_removed() {
    let tmp = std::env::temp_dir().join(format!("io-thread-test-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let r = run_command(std::process::Command::new(bin("io-thread")).env("TMPDIR", &tmp));
    let out = r.ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.iter().filter(|l| **l == "I am the first thread I do nothing").count(), 10);
    assert_eq!(lines.last(), Some(&format!("File content : {WRITTEN}").as_str()), "{out}");
    assert_eq!(lines.len(), 11, "{out}");
    let left: Vec<PathBuf> = std::fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    std::fs::remove_dir(&tmp).unwrap();
}

#[test]
fn io_thread_two_runs_at_once_do_not_clash() {
    let runs: Vec<_> = (0..4).map(|_| std::thread::spawn(|| run("io-thread", &[]))).collect();
    for r in runs {
        let r = r.join().unwrap();
        assert!(r.ok().ends_with(&format!("File content : {WRITTEN}\n")));
    }
}

#[test]
fn io_thread_does_not_follow_a_planted_link() {
    // Links planted at the names the program picks first (`sh` keeps its pid through `exec`):
    // it must choose another name and leave the link's target alone.
    let tmp = std::env::temp_dir().join(format!("io-thread-link-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("target.txt"), "precious").unwrap();
    let script = r#"for a in 0 1 2; do ln -s "$TMPDIR/target.txt" "$TMPDIR/io-thread-$$-$a.txt"; done; exec "$0""#;
    let r = run_command(
        std::process::Command::new("sh")
            .args(["-c", script])
            .arg(bin("io-thread"))
            .env("TMPDIR", &tmp),
    );
    assert!(r.ok().ends_with(&format!("File content : {WRITTEN}\n")));
    assert_eq!(std::fs::read_to_string(tmp.join("target.txt")).unwrap(), "precious");
    let links = std::fs::read_dir(&tmp)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_symlink())
        .count();
    assert_eq!(
        (links, std::fs::read_dir(&tmp).unwrap().count()),
        (3, 4),
        "the links stay, the fresh file is gone"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn io_thread_explicit_path_is_kept() {
    let path = std::env::temp_dir().join(format!("io-thread-explicit-{}.txt", std::process::id()));
    let r = run("io-thread", &[path.to_str().unwrap()]);
    assert!(r.ok().ends_with(&format!("File content : {WRITTEN}\n")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), WRITTEN);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn io_thread_command_line() {
    assert_help("io-thread");
    assert_usage_error("io-thread", &["a.txt", "b.txt"], "'b.txt'");
    assert_usage_error("io-thread", &["-3"], "'-3'");
    assert_usage_error("io-thread", &[""], "''");
    let r = run("io-thread", &["/nonexistent-dir/file.txt"]);
    assert_eq!(r.code(), Some(1));
    assert!(
        r.stderr.contains("/nonexistent-dir/file.txt") && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
}

fn check_shared_fill(n: usize, threads: usize) {
    let r = run("shared-fill", &[&n.to_string(), &threads.to_string()]);
    let tab = parse_list(r.ok());
    assert_eq!(tab.len(), n);
    for (i, slot) in tab.iter().enumerate() {
        let v = slot.unwrap_or_else(|| panic!("slot {i} of {n} not written"));
        let k = owner(i, n, threads) as f64;
        assert!(v >= k * 100.0 && v < k * 100.0 + 1.0, "slot {i} = {v}, owner {k}");
    }
}

#[test]
fn shared_fill_every_slot_written_by_its_owner() {
    for (n, threads) in [(10, 2), (11, 3), (3, 5), (1, 1), (1000, 7)] {
        check_shared_fill(n, threads);
    }
    let default = parse_list(run("shared-fill", &[]).ok());
    assert_eq!(default.len(), 10);
}

/// The threads fill their parts at the same time: under ptrace (Linux), every thread that
/// shared-fill creates is held stopped before it runs, and the main thread must still create
/// all 8 of them (and two-threads all of its 5). Spawned together, they are all created at once (a right program, however
/// slow or busy its machine); a thread joined before the next is spawned never ends here, so
/// only one would be created before the main thread waits for it, until the time-out.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: ptrace")]
fn shared_fill_creates_every_thread_before_one_runs() {
    #[cfg(target_os = "linux")]
    {
        let created = threads_created_while_none_runs("shared-fill", &["1000", "8"], 8);
        assert_eq!(created, 8, "shared-fill 1000 8: one thread after the other");
        let created = threads_created_while_none_runs("two-threads", &["5"], 5);
        assert_eq!(created, 5, "two-threads 5: one thread after the other");
    }
}

/// Runs `name args` under ptrace and returns how many threads it creates while none of them
/// runs (each is held stopped from its start), counting up to `wanted`, for [`TIMEOUT`] at
/// most. The program is killed then.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes, reason = "reaped by `waitpid`, thread by thread")]
fn threads_created_while_none_runs(name: &str, args: &[&str], wanted: usize) -> usize {
    use nix::sys::ptrace::{self, Event, Options};
    use nix::sys::signal::{Signal, kill};
    use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
    use nix::unistd::Pid;
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(bin(name));
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    // SAFETY: between fork and exec, one system call: this test process becomes the tracer.
    unsafe { cmd.pre_exec(|| ptrace::traceme().map_err(std::io::Error::from)) };
    let child = cmd.spawn().expect("start the program");
    let pid = Pid::from_raw(child.id() as i32);
    let all = WaitPidFlag::__WALL;
    let stop = waitpid(pid, Some(all));
    assert!(matches!(stop, Ok(WaitStatus::Stopped(_, Signal::SIGTRAP))), "{name}: {stop:?}");
    // From its exec on: the threads it creates start stopped, and stay so.
    ptrace::setoptions(pid, Options::PTRACE_O_TRACECLONE | Options::PTRACE_O_EXITKILL)
        .expect("ptrace options");
    ptrace::cont(pid, None).expect("ptrace cont");
    let mut threads = Vec::new();
    let start = Instant::now();
    while threads.len() < wanted && start.elapsed() < TIMEOUT {
        match waitpid(pid, Some(all | WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) => std::thread::sleep(Duration::from_millis(1)),
            Ok(WaitStatus::PtraceEvent(_, _, event))
                if event == Event::PTRACE_EVENT_CLONE as i32 =>
            {
                let thread = ptrace::getevent(pid).expect("the new thread's id");
                threads.push(Pid::from_raw(thread as i32));
                ptrace::cont(pid, None).expect("ptrace cont");
            }
            Ok(WaitStatus::Stopped(_, signal)) => ptrace::cont(pid, signal).expect("ptrace cont"),
            other => panic!("{name} {args:?} ended before its threads ran: {other:?}"),
        }
    }
    kill(pid, Signal::SIGKILL).expect("kill the program");
    // Each thread is reaped by its tracer, then the process.
    for tid in threads.iter().chain([&pid]) {
        while let Ok(status) = waitpid(*tid, Some(all)) {
            if matches!(status, WaitStatus::Exited(..) | WaitStatus::Signaled(..)) {
                break;
            }
        }
    }
    threads.len()
}

#[test]
fn shared_fill_command_line() {
    assert_help("shared-fill");
    assert_bad_counts_refused("shared-fill", &["10", "2"]);
    assert_usage_error("shared-fill", &["10", "0"], "'0'");
    assert_usage_error("shared-fill", &["10", "x"], "'x'");
    assert_quiet_when_stdout_closed("shared-fill", &["1000000", "2"]);
}
