//! The run loop: how a run ended, in words and in numbers, and that nothing of a program's
//! process group outlives its run.

use harness::{Run, run_command};
#[cfg(target_os = "linux")]
use harness::{TIMEOUT, read::running, run_watched};
use std::process::Command;
#[cfg(target_os = "linux")]
use std::time::{Duration, Instant};

/// `sh -c SCRIPT`, run by the harness.
fn sh(script: &str) -> Run {
    run_command(Command::new("sh").args(["-c", script]), format!("sh -c '{script}'"))
}

#[test]
fn an_exit_status_is_reported_as_it_is() {
    let r = sh("echo done; echo oops >&2; exit 3");
    assert_eq!((r.code(), r.signal()), (Some(3), None), "{r:?}");
    assert_eq!(r.ended(), "exit status 3 (stderr: oops)");
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("done\n", "oops\n"));
    assert!(!r.succeeded() && !r.blocked() && !r.left_behind, "{r:?}");
    assert!(sh("exit 0").succeeded());
    // A Rust panic caught by the program, which then exits 0, is no success.
    let r = sh("echo \"thread 'main' panicked at src/main.rs:1:1:\" >&2; exit 0");
    assert_eq!(r.code(), Some(0));
    assert!(!r.succeeded(), "{r:?}");
}

#[test]
fn a_program_killed_by_a_signal_is_reported_so() {
    for (signal, name) in [(9, "SIGKILL"), (15, "SIGTERM")] {
        let r = sh(&format!("kill -{signal} $$"));
        assert_eq!((r.code(), r.signal()), (None, Some(signal)), "{r:?}");
        assert_eq!(r.ended(), format!("killed by signal {signal} ({name})"));
        assert!(!r.succeeded() && !r.blocked(), "{r:?}");
    }
}

/// Waits until process `pid` no longer runs, for [`TIMEOUT`] at most: whether it ended. (A
/// killed process ends as soon as it is scheduled again, not at the `kill`.) Still running
/// then, it is killed, so that a failed test leaves nothing behind.
#[cfg(target_os = "linux")]
fn ends(pid: i32) -> bool {
    let start = Instant::now();
    while running(pid) && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(10));
    }
    let ended = !running(pid);
    if !ended {
        use nix::sys::signal::{Signal, kill};
        let _ = kill(nix::unistd::Pid::from_raw(pid), Signal::SIGKILL);
    }
    ended
}

/// A child that the program did not wait for is killed with its group once the program has
/// ended, and the run says it was left behind.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: /proc/PID/stat")]
fn a_child_left_running_is_killed_with_the_group() {
    #[cfg(target_os = "linux")]
    {
        let r = sh("sleep 1000 >/dev/null 2>&1 & echo $!");
        let child: i32 = r.stdout.trim().parse().expect("the child's pid");
        assert!(r.succeeded() && r.left_behind, "{r:?}");
        assert!(ends(child), "the child {child} of `{}` still runs after the run", r.command);
        let r = sh("exit 0");
        assert!(!r.left_behind, "{r:?}");
    }
}

/// At the time-out, the whole group is stopped, a child that ignores SIGTERM included
/// (SIGKILL follows), and the run says it was blocked.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux: /proc/PID/stat")]
fn a_blocked_program_is_stopped_with_its_group() {
    #[cfg(target_os = "linux")]
    {
        let script = "trap '' TERM; sleep 1000 >/dev/null 2>&1 & echo $!; wait";
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script]);
        let r = run_watched(&mut cmd, "blocked", Duration::from_secs(1), |_| {});
        assert!(r.blocked() && r.status.is_none(), "{r:?}");
        assert_eq!(r.ended(), "still running after 1 s: stopped");
        let child: i32 = r.stdout.trim().parse().expect("the child's pid");
        assert!(ends(child), "the child {child} still runs after the time-out");
    }
}
