//! Helpers for the integration tests in `tests/tests/`: they run the real example binaries.
//!
//! `cargo test --workspace` builds the examples only in test-harness form, so the first call of
//! [`bin`] runs `cargo build --workspace --bins` (same profile as the tests) once per test
//! binary; a stale example binary is therefore never tested.
//!
//! The programs run as `check` runs them, through the `harness` crate: its time-out
//! ([`TIMEOUT`]), kill policy and `mpirun`; here, a run that does not end fails its test.
//!
//! ## As root, without MPI, in CI
//!
//! The tests of `tests/tests/failures.rs` need root on Linux: each program runs as a user of its
//! own (a spare uid) with `RLIMIT_NPROC`, from a copy in a folder of the temporary directory
//! that every user can enter (`TMPDIR`, or `/tmp` when `TMPDIR` is private), removed afterwards;
//! so they also pass as root in a clone only root can enter (`/root`, a `mktemp -d` folder, a
//! container or a CI job). To run them: `sudo -E cargo test -p course-tests --test failures`, or
//! as root in a container. Built by another user, or on macOS, `cargo test` lists them as
//! ignored, with the reason; so are the MPI tests where `mpirun`, `mpicc` or libclang is missing
//! (`tests/build.rs` decides, and `COURSE_REQUIRE_MPI=1`, as in CI, makes a missing MPI fail
//! them instead).
//!
//! What CI runs, `.ci/run`: it installs MPI, then `cargo fmt --check` and
//! `cargo clippy -D warnings` on both workspaces, and `cargo test --workspace` (with
//! `COURSE_REQUIRE_MPI=1`); it builds the book, with no warning allowed, and reads it in headless
//! Chromium (`book/check-in-browser.py`); then it writes the students' handout into a temporary
//! folder and runs there both set-up commands, `check -- start 1` and `check -- 1` on the
//! unchanged copy, which must fail, breaks two copies (a source, a manifest) and runs
//! `check list` and `cargo test --workspace` again, and runs an MPI copy with the command
//! `check start 22` prints; it grades a copy in the teachers' tree and checks that `git status`
//! shows nothing; last, it runs every command the README and the book print, as printed
//! (`book/check-commands.py`).

pub mod fill;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

pub use harness::limits::processes_of;
pub use harness::{Run, Scratch, TIMEOUT, one_mpirun_at_a_time, owner, read};

/// Path of the example binary `name`, built by this workspace's cargo if needed; or, if `name`
/// is a path (holds a `/`), that program (a solution the answer key built from its patch).
pub fn bin(name: &str) -> PathBuf {
    if name.contains('/') {
        return PathBuf::from(name);
    }
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let mut dir = std::env::current_exe().expect("path of the test binary");
        dir.pop(); // <target>/<profile>/deps
        if dir.ends_with("deps") {
            dir.pop(); // <target>/<profile>
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "--workspace", "--bins"])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
        if dir.ends_with("release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("run cargo build");
        assert!(status.success(), "cargo build --workspace --bins failed");
        dir
    });
    let path = dir.join(name);
    assert!(path.exists(), "no binary {}", path.display());
    path
}

/// Runs example `name` with `args` to completion (killed after [`TIMEOUT`]).
pub fn run(name: &str, args: &[&str]) -> Run {
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    run_command(&mut cmd)
}

/// Runs any command to completion (stopped at [`TIMEOUT`]), capturing stdout and stderr. A run
/// that does not start, or is stopped, fails the test.
pub fn run_command(cmd: &mut Command) -> Run {
    ended(harness::run_command(cmd, format!("{cmd:?}")))
}

/// `run`, which must have ended by itself.
#[track_caller]
fn ended(run: Run) -> Run {
    assert!(run.status.is_some(), "{}: {}", run.command, run.ended());
    run
}

/// As [`run_command`], with `input` on the command's stdin, as `… | command` would give it.
pub fn run_with_input(cmd: &mut Command, input: &str) -> Run {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child = cmd.spawn().expect("start the command");
    let (mut stdin, input) = (child.stdin.take().expect("stdin"), input.to_owned());
    // A command that stops reading early closes the pipe: that is its answer, not an error here.
    std::thread::spawn(move || drop(std::io::Write::write_all(&mut stdin, input.as_bytes())));
    ended(harness::finish(child, format!("{cmd:?}"), TIMEOUT, |_| {}))
}

/// Bad input: exit status 2, one line naming `bad` (as `'abc'`) then the usage line on stderr,
/// no panic, nothing on stdout (the verdict: `harness::read::usage_error`).
#[track_caller]
pub fn assert_usage_error(name: &str, args: &[&str], bad: &str) {
    let r = run(name, args);
    if let Err(wrong) = harness::read::usage_error(&r, Some(program_name(name)), bad) {
        panic!("{name} {args:?}: {wrong}");
    }
}

/// The name a program calls itself in its usage line: `name`, or a path's last part.
fn program_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The usual bad values for a program whose first argument is a count: `abc`, 0, -3, a number
/// beyond 64 bits, and one argument too many (`extra` must be a full valid argument list).
pub fn assert_bad_counts_refused(name: &str, valid_args: &[&str]) {
    for bad in ["abc", "0", "-3", "99999999999999999999999", "1.5", ""] {
        assert_usage_error(name, &[bad], &format!("'{bad}'"));
    }
    let mut too_many: Vec<&str> = valid_args.to_vec();
    too_many.push("7");
    assert_usage_error(name, &too_many, "'7'");
}

/// `--help` and `-h`: exit 0, the usage line first on stdout (the verdict:
/// `harness::read::help`).
#[track_caller]
pub fn assert_help(name: &str) {
    for flag in ["--help", "-h"] {
        let r = run(name, &[flag]);
        if let Err(wrong) = harness::read::help(&r, Some(program_name(name))) {
            panic!("{name} {flag}: {wrong}");
        }
    }
}

/// `name args | head -c 1`: the program ends quietly when its stdout is closed while it still
/// writes: killed by SIGPIPE, as a C program is, with nothing on stderr. On Linux the pipe is
/// shrunk to one page (4 KiB) and closed after the first byte, so `args` must make the program
/// print more than 8 KiB: it then surely writes again after the pipe is closed. (Only Linux can
/// shrink a pipe: elsewhere it holds up to 64 KiB, and the program must print more than 128 KiB.)
pub fn assert_quiet_when_stdout_closed(name: &str, args: &[&str]) {
    let (mut reader, writer) = std::io::pipe().expect("pipe");
    #[cfg(target_os = "linux")]
    nix::fcntl::fcntl(&reader, nix::fcntl::FcntlArg::F_SETPIPE_SZ(4096)).expect("shrink the pipe");
    let mut cmd = Command::new(bin(name));
    cmd.args(args).process_group(0);
    let child =
        cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).spawn().expect("start");
    drop(cmd); // our copy of the pipe's write end: only the program holds it now
    let mut first = [0u8; 1];
    let got = reader.read(&mut first).expect("read the first byte");
    drop(reader); // the pipe is closed, as `head -c 1` does
    let r = ended(harness::finish(child, format!("{name} {args:?} | head -c 1"), TIMEOUT, |_| {}));
    assert_eq!(got, 1, "{name}: printed nothing");
    assert!(r.stderr.is_empty(), "{}: stderr not empty: {}", r.command, r.stderr);
    assert_eq!(r.signal(), Some(13), "{}: not ended by SIGPIPE", r.command);
}

/// A printed Python-style list of floats, `[0.5, 100.25]`, where `None` becomes `None`
/// (`harness::read::list`); fails the test if `text` is not one.
#[track_caller]
pub fn parse_list(text: &str) -> Vec<Option<f64>> {
    harness::read::list(text).unwrap_or_else(|| panic!("not a list of numbers: {text}"))
}

/// `name args` with a stdout nobody reads (the reading end is closed before the program starts):
/// the program and every process it forks meet the closed pipe at their first write. It must
/// end quietly: nothing on stderr, exit 0 or killed by SIGPIPE, no temporary file left behind.
pub fn assert_quiet_when_stdout_closed_at_start(name: &str, args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    // A temporary file the program makes must be gone too, although SIGPIPE ended it.
    let tmpdir =
        std::env::temp_dir().join(format!("closed-{}-{}", program_name(name), std::process::id()));
    std::fs::create_dir_all(&tmpdir).expect("make a temporary directory");
    let mut cmd = Command::new(bin(name));
    cmd.args(args).env("TMPDIR", &tmpdir).process_group(0);
    let child =
        cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).spawn().expect("start");
    drop(cmd);
    let r = ended(harness::finish(child, format!("{name} {args:?} >closed pipe"), TIMEOUT, |_| {}));
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("read the directory").collect();
    std::fs::remove_dir_all(&tmpdir).expect("remove the temporary directory");
    assert!(r.stderr.is_empty(), "{}: stderr not empty: {}", r.command, r.stderr);
    assert!(r.code() == Some(0) || r.signal() == Some(13), "{}: {}", r.command, r.ended());
    assert!(left.is_empty(), "{name} {args:?} >closed pipe: left {left:?}");
}

/// The pids of the children of process `pid` (Linux: `/proc/PID/task/PID/children`; elsewhere,
/// macOS included, `pgrep -P PID`).
pub fn children_of(pid: u32) -> Vec<u32> {
    let list = if cfg!(target_os = "linux") {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default()
    } else {
        let out = Command::new("pgrep").args(["-P", &pid.to_string()]).output();
        String::from_utf8_lossy(&out.expect("run pgrep").stdout).into_owned()
    };
    list.split_whitespace().map(|p| p.parse().expect("a pid")).collect()
}

/// Starts `cmd`, waits until it has forked `count` children, kills them all with SIGKILL and
/// returns how the program ended. `cmd` must keep its children busy until they are killed.
pub fn run_and_kill_children(cmd: &mut Command, count: usize) -> (Run, Vec<u32>) {
    use nix::sys::signal::{Signal, kill};
    let mut kids = Vec::new();
    let r = harness::run_watched(cmd, format!("{cmd:?}"), TIMEOUT, |pid| {
        let seen = if kids.is_empty() { children_of(pid as u32) } else { Vec::new() };
        if seen.len() >= count {
            for kid in &seen {
                let pid = nix::unistd::Pid::from_raw(*kid as i32);
                kill(pid, Signal::SIGKILL).unwrap_or_else(|e| panic!("kill -KILL {kid}: {e}"));
            }
            kids = seen;
        }
    });
    assert!(!kids.is_empty(), "{}: {} before {count} children were seen", r.command, r.ended());
    (ended(r), kids)
}

/// Path of `name` in this profile's target directory if it is there, without building anything
/// (for binaries of another workspace, such as `examples-mpi/`, which `bin` does not build).
/// Looks in `<target>/<profile>/` first, then in `examples-mpi/target/<profile>/`.
pub fn built(name: &str) -> Option<PathBuf> {
    let mut dir = std::env::current_exe().expect("path of the test binary");
    dir.pop(); // <target>/<profile>/deps
    if dir.ends_with("deps") {
        dir.pop(); // <target>/<profile>
    }
    let profile = dir.file_name().map(PathBuf::from).unwrap_or_default();
    let mpi_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples-mpi/target"));
    [dir.join(name), mpi_dir.join(profile).join(name)].into_iter().find(|path| path.is_file())
}

/// Runs example `name` with `args` as if under `ulimit -u LIMIT`: as a user of its own (a
/// numeric uid no one else uses) allowed `limit` processes and threads in all, so that the
/// `fork` or thread `spawn` beyond them fails with EAGAIN (Linux: macOS counts no threads).
/// Returns the run and the uid. Needs root, to change user (a normal user's limit would count
/// all of that user's other processes): the tests that call it are ignored otherwise.
///
/// The other user may not be able to reach the workspace (a clone in `/root`, or in a
/// `mktemp -d` folder, mode 700): the program runs from a copy in a folder of the temporary
/// directory that every user can enter, with a `TMPDIR` of its own, owned by that user, which
/// it must leave empty. The folder is removed afterwards, also when the test fails.
pub fn run_with_process_limit(name: &str, args: &[&str], limit: u64) -> (Run, u32) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT_UID: AtomicU32 = AtomicU32::new(0);
    // One at a time: a copy being written while another test forks could reach that child
    // (until it execs) and make the copy's own exec fail with "Text file busy".
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    assert_eq!(
        unsafe { nix::libc::geteuid() },
        0,
        "{name} under a process limit: these tests need root (they are ignored when the tests \
         are built by another user; this run is not root but the build was)"
    );
    let program = bin(name);
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let uid = 61_000 + 100 * (std::process::id() % 40) + NEXT_UID.fetch_add(1, Ordering::Relaxed);
    let scratch = Scratch::reachable_by_all(&format!("failures-{name}"));
    let copy = scratch.0.join(name);
    std::fs::copy(&program, &copy).expect("copy the program");
    std::fs::set_permissions(&copy, PermissionsExt::from_mode(0o755)).expect("chmod the copy");
    let tmpdir = scratch.0.join("tmp");
    std::fs::create_dir(&tmpdir).expect("make the program's TMPDIR");
    std::os::unix::fs::chown(&tmpdir, Some(uid), Some(uid)).expect("chown the program's TMPDIR");
    let mut cmd = Command::new(&copy);
    cmd.args(args).env("TMPDIR", &tmpdir).current_dir(&scratch.0);
    // SAFETY: between fork and exec the closure only makes system calls (no allocation).
    unsafe {
        cmd.pre_exec(move || {
            use nix::libc;
            let rlimit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            let ok = libc::setrlimit(libc::RLIMIT_NPROC, &rlimit) == 0
                && libc::setgroups(0, std::ptr::null()) == 0
                && libc::setgid(uid) == 0
                && libc::setuid(uid) == 0;
            if ok { Ok(()) } else { Err(std::io::Error::last_os_error()) }
        });
    }
    // The copy may still be open for writing in a child that another test of this binary forked
    // while it was written (until that child's exec): then its own exec fails with "Text file
    // busy" (ETXTBSY), for a moment only. Wait and start it again.
    let shown = format!("{cmd:?}");
    let mut run = harness::run_command(&mut cmd, shown.clone());
    for _ in 0..100 {
        if run.status.is_some() || !run.ended().contains("Text file busy") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        run = harness::run_command(&mut cmd, shown.clone());
    }
    let run = ended(run);
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("read its TMPDIR").flatten().collect();
    drop(scratch);
    assert!(left.is_empty(), "{name} {args:?} under a process limit left {left:?} in its TMPDIR");
    (run, uid)
}

/// A failed system call: exit status 1 and exactly one line on stderr, `NAME: CALL: reason`,
/// no panic, nothing left running.
pub fn assert_failed_call(name: &str, run: &Run, uid: u32, call: &str) {
    let what = format!("{name} under a process limit");
    assert_eq!(run.code(), Some(1), "{what}: {:?}, stderr: {}", run.status, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: stderr should be one line: {}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("{name}: {call}: "))
            && lines[0].contains("Resource temporarily unavailable"),
        "{what}: {}",
        lines[0]
    );
    assert!(!run.left_behind, "{what}: processes of its group left running (killed now)");
    assert_eq!(processes_of(uid), Vec::<u32>::new(), "{what}: processes left running");
}

// ---- MPI (examples-mpi/, a workspace of its own) ----

/// Builds the MPI workspace into this workspace's target directory (so that its binaries stand
/// next to the others), once; a test fails if it cannot. Every MPI test calls it first, and
/// carries `#[cfg_attr(no_mpi, ignore = "…")]`: `tests/build.rs` sets `no_mpi` where MPI is
/// missing (never under `COURSE_REQUIRE_MPI=1`, as in CI), and `cargo test` then reports the
/// test as ignored, with the reason, instead of running it.
pub fn build_mpi_examples() {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let install = "sudo apt-get install libopenmpi-dev openmpi-bin libclang-dev";
        let found =
            Command::new("mpirun").arg("--version").output().is_ok_and(|o| o.status.success());
        if !found {
            return Err(format!("mpirun was not found: install MPI ({install})"));
        }
        let profile_dir = bin("pi-scaling").parent().unwrap().to_path_buf();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = Command::new(cargo);
        build
            .args(["build", "--quiet", "--manifest-path"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples-mpi/Cargo.toml"))
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap());
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let built = build.output().expect("run cargo");
        if !built.status.success() {
            let why = String::from_utf8_lossy(&built.stderr);
            return Err(format!("building examples-mpi failed (it needs {install}):\n{why}"));
        }
        Ok(())
    });
    if let Err(why) = built {
        panic!("{why}");
    }
}

/// `mpirun -n RANKS PROGRAM ARGS…` as `check` runs it (see `harness::mpirun_command`), one
/// at a time.
pub fn mpirun(ranks: usize, program: &str, args: &[&str]) -> Run {
    let _turn = one_mpirun_at_a_time();
    run_command(&mut harness::mpirun_command(ranks, &bin(program), args))
}
