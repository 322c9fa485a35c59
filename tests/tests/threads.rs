//! The threads chapter: two-threads, io-thread, shared-fill.

use course_tests::fill::check_fill_output;
use course_tests::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn two_threads_default_is_two_threads_and_takes_a_count() {
    for (n, args) in [(2, &[][..]), (5, &["5"])] {
        check_started_then_joined(
            run("two-threads", args).ok(),
            n,
            "thread",
            "Threads are started",
        );
    }
}

/// The threads run at the same time: `two-threads 1000` prints about 170 kB, more than a pipe
/// holds, and this test reads nothing until it has counted more than 2 threads in the process.
/// Started together, the threads that have not printed yet wait on the full pipe, hundreds at
/// once, until the pipe is read. Each joined before the next starts, there would never be more
/// than the main thread and one worker: the count stays at 2 until the deadline (the only
/// use of a time here: a right program reaches hundreds as soon as its threads are spawned).
#[test]
fn two_threads_run_at_the_same_time() {
    let child = spawn_with_stdout(command("two-threads", &["1000"]), Stdio::piped());
    let start = Instant::now();
    let mut most = 0;
    while most <= 2 && start.elapsed() < Duration::from_secs(20) {
        most = most.max(read::threads_of(child.id() as i32));
        std::thread::sleep(Duration::from_millis(1));
    }
    // Read now, to its end or the time-out.
    let r = finished(child, "two-threads 1000".into());
    let out = r.ok();
    assert!(most > 2, "at most {most} threads at once (main included): one after the other");
    check_started_then_joined(out, 1000, "thread", "Threads are started");
}

#[test]
fn two_threads_command_line() {
    assert_help("two-threads");
    assert_bad_counts_refused("two-threads", &["2"]);
    assert_usage_error("two-threads", &["1001"], "'1001'");
    assert_quiet_when_stdout_closed("two-threads", &["1000"]);
}

#[test]
fn io_thread_default_file_is_read_back_and_removed() {
    check_io_default_file("io-thread", "thread");
}

#[test]
fn io_thread_two_runs_at_once_do_not_clash() {
    check_io_runs_at_once("io-thread", "thread");
}

#[test]
fn io_thread_does_not_follow_a_planted_link() {
    check_io_planted_links("io-thread", "thread");
}

#[test]
fn io_thread_explicit_path_is_kept() {
    check_io_explicit_path("io-thread", "thread");
}

#[test]
fn io_thread_command_line() {
    assert_help("io-thread");
    assert_usage_error("io-thread", &["a.txt", "b.txt"], "'b.txt'");
    assert_usage_error("io-thread", &["-3"], "'-3'");
    assert_usage_error("io-thread", &[""], "''");
    let path = "/nonexistent-dir/file.txt";
    assert_fails_naming("io-thread", &[path], path);
}

/// Every slot written (no `None`) by its owner, as the fill programs of the processes chapter.
#[test]
fn shared_fill_every_slot_written_by_its_owner() {
    for (n, threads) in [(10, 2), (11, 3), (3, 5), (1, 1), (1000, 7)] {
        let r = run("shared-fill", &[&n.to_string(), &threads.to_string()]);
        check_fill_output("shared-fill", n, threads, r.ok());
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
