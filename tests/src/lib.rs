//! Helpers for the integration tests in `tests/tests/`: they run the real example binaries.
//!
//! `cargo test --workspace` builds the examples only in test-harness form, so the first call of
//! [`bin`] runs `cargo build --workspace --bins` (same profile as the tests) once per test
//! binary; a stale example binary is therefore never tested.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// No example should take anywhere near this long; a hung example fails its test instead of
/// hanging the test run.
pub const TIMEOUT: Duration = Duration::from_secs(300);

/// Path of the example binary `name`, built by this workspace's cargo if needed.
pub fn bin(name: &str) -> PathBuf {
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

/// What a finished run gave.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts a zero exit status and returns stdout.
    pub fn ok(&self) -> &str {
        assert!(self.status.success(), "exit status {:?}; stderr:\n{}", self.status, self.stderr);
        assert!(!self.stderr.contains("panicked"), "stderr: {}", self.stderr);
        &self.stdout
    }

    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs example `name` with `args` to completion (killed after [`TIMEOUT`]).
pub fn run(name: &str, args: &[&str]) -> Run {
    let mut cmd = Command::new(bin(name));
    cmd.args(args);
    run_command(&mut cmd)
}

/// Runs any command to completion (killed after [`TIMEOUT`]), capturing stdout and stderr.
pub fn run_command(cmd: &mut Command) -> Run {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, cmd);
    Run { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

/// Runs any command to completion (killed after [`TIMEOUT`]) with `input` on its stdin, as
/// `… | command` would, capturing stdout and stderr.
pub fn run_with_input(cmd: &mut Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let (mut stdin, input) = (child.stdin.take().unwrap(), input.to_owned());
    // A command that stops reading early closes the pipe: that is its answer, not an error here.
    let writer =
        thread::spawn(move || drop(std::io::Write::write_all(&mut stdin, input.as_bytes())));
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, cmd);
    writer.join().unwrap();
    Run { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).expect("read output");
        String::from_utf8(bytes).expect("output is UTF-8")
    })
}

fn wait_with_timeout(child: &mut Child, cmd: &Command) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {TIMEOUT:?}: killed");
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Bad input: exit status 2, one line naming `bad` then the usage line on stderr, no panic.
pub fn assert_usage_error(name: &str, args: &[&str], bad: &str) {
    let r = run(name, args);
    let what = format!("{name} {args:?}");
    assert_eq!(r.status.code(), Some(2), "{what}: status {:?}, stderr {}", r.status, r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "{what}: stderr should be an error line and the usage line: {:?}",
        r.stderr
    );
    assert!(lines[0].contains(bad), "{what}: '{}' does not name '{bad}'", lines[0]);
    assert!(
        lines[1].starts_with(&format!("usage: {name}")),
        "{what}: second line is not the usage: {}",
        lines[1]
    );
    assert!(!r.stderr.contains("panicked") && !r.stdout.contains("panicked"), "{what}: panicked");
    assert!(r.stdout.is_empty(), "{what}: printed on stdout: {}", r.stdout);
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

/// `--help` and `-h`: exit 0, the usage line first on stdout.
pub fn assert_help(name: &str) {
    for flag in ["--help", "-h"] {
        let r = run(name, &[flag]);
        let out = r.ok();
        assert!(out.starts_with(&format!("usage: {name}")), "{name} {flag}: {out}");
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
    cmd.args(args);
    let mut child =
        cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).spawn().expect("start");
    drop(cmd); // our copy of the pipe's write end: only the program holds it now
    let stderr = read_in_background(child.stderr.take().unwrap());
    let mut first = [0u8; 1];
    let got = reader.read(&mut first).expect("read the first byte");
    drop(reader); // the pipe is closed, as `head -c 1` does
    let status = wait_with_timeout(&mut child, &Command::new(name));
    let stderr = stderr.join().unwrap();
    assert_eq!(got, 1, "{name}: printed nothing");
    assert!(stderr.is_empty(), "{name} {args:?} | head -c 1: stderr not empty: {stderr}");
    assert_eq!(status.signal(), Some(13), "{name} {args:?} | head -c 1: not ended by SIGPIPE");
}

/// Parses a printed Python-style list of floats, `[0.5, 100.25]`, where `None` becomes `None`.
pub fn parse_list(text: &str) -> Vec<Option<f64>> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or_else(|| panic!("not a list: {text}"));
    if inner.trim().is_empty() {
        return Vec::new();
    }
    inner
        .split(", ")
        .map(|item| match item {
            "None" => None,
            v => Some(v.parse().unwrap_or_else(|_| panic!("not a number: {v}"))),
        })
        .collect()
}

/// The thread (or process) that owns slot `i` of `n` split among `workers` as in the course,
/// with the remainder going to the last one.
pub fn owner(i: usize, n: usize, workers: usize) -> usize {
    match i.checked_div(n / workers) {
        Some(part) => part.min(workers - 1),
        None => workers - 1, // fewer slots than workers: the last one takes them all
    }
}

/// `name args` with a stdout nobody reads (the reading end is closed before the program starts):
/// the program and every process it forks meet the closed pipe at their first write. It must
/// end quietly: nothing on stderr, exit 0 or killed by SIGPIPE, no temporary file left behind.
pub fn assert_quiet_when_stdout_closed_at_start(name: &str, args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    // A temporary file the program makes must be gone too, although SIGPIPE ended it.
    let tmpdir = std::env::temp_dir().join(format!("closed-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&tmpdir).expect("make a temporary directory");
    let mut cmd = Command::new(bin(name));
    cmd.args(args).env("TMPDIR", &tmpdir);
    let mut child =
        cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).spawn().expect("start");
    let stderr = read_in_background(child.stderr.take().unwrap());
    let status = wait_with_timeout(&mut child, &cmd);
    let stderr = stderr.join().unwrap();
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("read the directory").collect();
    std::fs::remove_dir_all(&tmpdir).expect("remove the temporary directory");
    assert!(stderr.is_empty(), "{name} {args:?} >closed pipe: stderr not empty: {stderr}");
    assert!(
        status.success() || status.signal() == Some(13),
        "{name} {args:?} >closed pipe: status {status:?}"
    );
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
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let start = Instant::now();
    let mut kids = children_of(child.id());
    while kids.len() < count {
        if start.elapsed() > TIMEOUT || child.try_wait().expect("wait").is_some() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?}: {} children seen, not {count}", kids.len());
        }
        thread::sleep(Duration::from_millis(2));
        kids = children_of(child.id());
    }
    for kid in &kids {
        let killed =
            Command::new("kill").args(["-KILL", &kid.to_string()]).status().expect("run kill");
        assert!(killed.success(), "kill -KILL {kid} failed");
    }
    let status = wait_with_timeout(&mut child, cmd);
    let run = Run { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() };
    (run, kids)
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
    let run = run_command(&mut cmd);
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("read its TMPDIR").flatten().collect();
    drop(scratch);
    assert!(left.is_empty(), "{name} {args:?} under a process limit left {left:?} in its TMPDIR");
    (run, uid)
}

/// A folder of the temporary directory (`TMPDIR`, or `/tmp` if other users cannot enter
/// `TMPDIR`), removed with what it holds when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new folder `NAME-PID-N` (mode 755) that every user can reach.
    pub fn reachable_by_all(name: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        // Every folder on the way must let others through (the x bit for "others").
        let reachable = |dir: &Path| {
            dir.canonicalize().is_ok_and(|dir| {
                dir.ancestors()
                    .all(|d| d.metadata().is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
            })
        };
        let tmp = std::env::temp_dir();
        let base = [tmp.clone(), PathBuf::from("/tmp")].into_iter().find(|d| reachable(d));
        let base = base.unwrap_or_else(|| {
            panic!("neither TMPDIR ({}) nor /tmp can be entered by other users", tmp.display())
        });
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("{name}-{}-{n}", std::process::id()));
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        std::fs::set_permissions(&dir, PermissionsExt::from_mode(0o755)).expect("chmod 755");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("could not remove {}: {e}", self.0.display());
        }
    }
}

/// The pids of the processes that run as `uid` (Linux: from `/proc/PID/status`).
pub fn processes_of(uid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    let pids = entries.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok());
    pids.filter(|pid| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let line = status.lines().find(|l| l.starts_with("Uid:")).unwrap_or_default();
        line.split_whitespace().nth(1) == Some(&uid.to_string())
    })
    .collect()
}

/// A failed system call: exit status 1 and exactly one line on stderr, `NAME: CALL: reason`,
/// no panic, nothing left running.
pub fn assert_failed_call(name: &str, run: &Run, uid: u32, call: &str) {
    let what = format!("{name} under a process limit");
    assert_eq!(run.status.code(), Some(1), "{what}: {:?}, stderr: {}", run.status, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: stderr should be one line: {}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("{name}: {call}: "))
            && lines[0].contains("Resource temporarily unavailable"),
        "{what}: {}",
        lines[0]
    );
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

/// Two `mpirun` started at once stall each other for about 10 s (their runtimes start up
/// together): the tests take turns.
pub fn one_mpirun_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn mpirun(ranks: usize, program: &str, args: &[&str]) -> Run {
    let _turn = one_mpirun_at_a_time();
    let path = bin(program);
    let mut cmd = Command::new("mpirun");
    cmd.args(["-n", &ranks.to_string()]).arg(path).args(args);
    // OpenMPI refuses root and more ranks than cores without these (CI runs as root on 2 cores).
    cmd.env("OMPI_ALLOW_RUN_AS_ROOT", "1")
        .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
        .env("OMPI_MCA_rmaps_base_oversubscribe", "1")
        // One machine: shared memory only. Without it each mpirun also probes the network
        // transports, and takes 0.34 s instead of 0.13 s here (2 ranks of mpi-hello).
        .env("OMPI_MCA_btl", "self,vader")
        .env("OMPI_MCA_pml", "ob1");
    run_command(&mut cmd)
}
