//! Limits for a program that nobody has read yet (a student's copy, when a teacher grades a
//! class): so that a fork bomb or a runaway copy stops itself and not the machine.
//!
//! [`Limits`] are set in the child between `fork` and `exec` (`setrlimit`): processes and
//! threads (`RLIMIT_NPROC`), address space (`RLIMIT_AS`), file size (`RLIMIT_FSIZE`), CPU time
//! (`RLIMIT_CPU`). `RLIMIT_NPROC` counts every process of the user and does not bind root: as
//! root, a [`Confinement`] also runs the program as a user of its own, which owns no file
//! (so it can write only in its folder and in the folders every user may write to, such as
//! `/tmp`). Once set with [`confine`], every run of the run loop (`run_watched`) whose
//! program, or one of its arguments (`mpirun … PROGRAM`), lies in the confinement's folder is
//! confined: cwd, `HOME` and `TMPDIR` in that folder, under the limits, as that user.

use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use nix::sys::resource::{Resource, getrlimit, setrlimit};

/// What a confined program may use; each value also bounds its children.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Processes and threads of the user at once (`RLIMIT_NPROC`).
    pub processes: u64,
    /// Address space of each process, in bytes (`RLIMIT_AS`).
    pub memory: u64,
    /// Size of any file it writes, in bytes (`RLIMIT_FSIZE`: `SIGXFSZ` beyond).
    pub file_size: u64,
    /// CPU time of each process, in seconds (`RLIMIT_CPU`: `SIGXCPU` beyond).
    pub cpu_seconds: u64,
}

impl Limits {
    /// Sets the limits in `cmd`'s child, between `fork` and `exec` (never above the current
    /// hard limits, which an unprivileged user cannot raise).
    pub fn set_on(&self, cmd: &mut Command) {
        let capped = |resource: Resource, value: u64| {
            let hard = getrlimit(resource).map_or(value, |(_, hard)| hard);
            (resource, value.min(hard))
        };
        let limits = [
            // nix has no RLIMIT_NPROC on macOS: there, the number of processes is not limited
            // (RLIMIT_CPU is set twice instead, to keep one list).
            #[cfg(not(target_vendor = "apple"))]
            capped(Resource::RLIMIT_NPROC, self.processes),
            #[cfg(target_vendor = "apple")]
            capped(Resource::RLIMIT_CPU, self.cpu_seconds),
            capped(Resource::RLIMIT_AS, self.memory),
            capped(Resource::RLIMIT_FSIZE, self.file_size),
            capped(Resource::RLIMIT_CPU, self.cpu_seconds),
        ];
        // SAFETY: between fork and exec the closure only makes system calls (no allocation).
        unsafe {
            cmd.pre_exec(move || {
                for (resource, value) in limits {
                    setrlimit(resource, value, value).map_err(io::Error::from)?;
                }
                Ok(())
            });
        }
    }
}

/// Where and how the confined programs run.
#[derive(Clone, Debug)]
pub struct Confinement {
    /// A command is confined when its program or one of its arguments is in this folder.
    pub dir: PathBuf,
    /// Their cwd, `HOME` and `TMPDIR` (unless the command sets its own): a folder they can
    /// write to.
    pub home: PathBuf,
    pub limits: Limits,
    /// Run as this user and group (root only): see [`free_user`].
    pub user: Option<u32>,
}

impl Confinement {
    /// Confines `cmd`: its folder, limits and user.
    pub fn apply(&self, cmd: &mut Command) {
        if cmd.get_current_dir().is_none() {
            cmd.current_dir(&self.home);
        }
        for var in ["HOME", "TMPDIR"] {
            if !cmd.get_envs().any(|(name, _)| name == var) {
                cmd.env(var, &self.home);
            }
        }
        if let Some(user) = self.user {
            // std drops the supplementary groups too (setgroups) when it runs as root.
            cmd.uid(user).gid(user);
        }
        self.limits.set_on(cmd);
    }

    fn concerns(&self, cmd: &Command) -> bool {
        let inside = |arg: &std::ffi::OsStr| Path::new(arg).starts_with(&self.dir);
        inside(cmd.get_program()) || cmd.get_args().any(inside)
    }
}

static CONFINED: Mutex<Option<Confinement>> = Mutex::new(None);

/// From now on (until `confine(None)`), the runs of programs in `confinement.dir` are confined.
pub fn confine(confinement: Option<Confinement>) {
    *CONFINED.lock().unwrap_or_else(|p| p.into_inner()) = confinement;
}

/// Called by the run loop on every command before it starts.
pub(crate) fn apply_if_confined(cmd: &mut Command) {
    let confined = CONFINED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = confined.as_ref().filter(|c| c.concerns(cmd)) {
        c.apply(cmd);
    }
}

/// A user id that no process uses and no account names (from 62 000 on, by this process's
/// pid): the confined programs' own user. Ends with its number.
pub fn free_user() -> u32 {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let named = |uid: u32| passwd.lines().any(|l| l.split(':').nth(2) == Some(&uid.to_string()));
    let start = 62_000 + 10 * (std::process::id() % 300);
    (start..start + 3000).find(|&uid| !named(uid) && processes_of(uid).is_empty()).unwrap_or(start)
}

/// The pids of the processes that run as `uid`, zombies included (Linux: `/proc/PID/status`).
pub fn processes_of(uid: u32) -> Vec<u32> {
    of_user(uid, true)
}

/// The pids of the processes that run as `uid` and are not zombies.
pub fn running_processes_of(uid: u32) -> Vec<u32> {
    of_user(uid, false)
}

fn of_user(uid: u32, zombies: bool) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    let pids = entries.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok());
    pids.filter(|pid| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let field = |name: &str| {
            let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_default();
            line.split_whitespace().nth(1).unwrap_or_default().to_string()
        };
        field("Uid:") == uid.to_string() && (zombies || field("State:") != "Z")
    })
    .collect()
}

/// Kills every process of `uid` (as root), also those that left their process group, and
/// waits (up to 5 s) until none is left. Whether none is left.
pub fn end_processes_of(uid: u32) -> bool {
    use nix::libc;
    let start = Instant::now();
    while !processes_of(uid).is_empty() && start.elapsed() < Duration::from_secs(5) {
        // `kill(-1)` from a process of that user reaches all its processes but the caller.
        // SAFETY: the child only makes system calls, then exits.
        match unsafe { nix::unistd::fork() } {
            Ok(nix::unistd::ForkResult::Child) => unsafe {
                if libc::setgid(uid) == 0 && libc::setuid(uid) == 0 {
                    libc::kill(-1, libc::SIGKILL);
                }
                libc::_exit(0)
            },
            Ok(nix::unistd::ForkResult::Parent { child }) => {
                let _ = nix::sys::wait::waitpid(child, None);
            }
            Err(_) => {}
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    processes_of(uid).is_empty()
}

/// The number of processes and threads of the current user now (Linux: `/proc`): as a user
/// other than root, `RLIMIT_NPROC` counts them with the confined program's own.
pub fn tasks_of_this_user() -> u64 {
    let uid = nix::unistd::getuid().as_raw();
    // A process gone meanwhile still counts as one.
    let count = |pid: &u32| crate::processes::threads_of(*pid as i32).max(1) as u64;
    processes_of(uid).iter().map(count).sum()
}

/// The running processes (not zombies) whose program or current folder is in `dir`.
pub fn processes_in(dir: &Path) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    let pids = entries.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok());
    let inside = |pid: &i32| {
        let link = |name: &str| std::fs::read_link(format!("/proc/{pid}/{name}"));
        ["cwd", "exe"].iter().any(|name| link(name).is_ok_and(|p| p.starts_with(dir)))
    };
    pids.filter(inside).filter(|&pid| crate::processes::running(pid)).collect()
}

/// Kills (SIGKILL) every process of [`processes_in`]`(dir)`: those that left their process
/// group, when the confined programs run as the current user.
pub fn end_processes_in(dir: &Path) {
    for pid in processes_in(dir) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::SIGKILL);
    }
}
