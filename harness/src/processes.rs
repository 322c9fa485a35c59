//! What the system says of a running process (Linux: `/proc`; elsewhere, `ps`): its threads,
//! the processes of its group, whether it still runs. Read by the checks that count workers
//! seen at once, by the tests, and by [`crate::limits`]; re-exported by [`crate::read`].

/// The threads of process `pid` now, its main thread included; 0 if it is gone.
#[cfg(target_os = "linux")]
pub fn threads_of(pid: i32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count())
}

/// The processes of process group `group` now, zombies left out.
#[cfg(target_os = "linux")]
pub fn processes_in_group(group: i32) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    let pids = entries.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok());
    pids.filter(|&pid| stat(pid).is_some_and(|(state, pgrp)| alive(state) && pgrp == group)).count()
}

/// Whether process `pid` runs: it exists and is not a zombie (ended, waiting to be reaped).
#[cfg(target_os = "linux")]
pub fn running(pid: i32) -> bool {
    stat(pid).is_some_and(|(state, _)| alive(state))
}

/// The state and the process group of `pid`, from `/proc/PID/stat`: `PID (NAME) STATE PPID
/// PGRP …`, the fields after the name's closing parenthesis (a name may hold one).
#[cfg(target_os = "linux")]
fn stat(pid: i32) -> Option<(char, i32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    Some((fields.first()?.chars().next()?, fields.get(2)?.parse().ok()?))
}

/// A process state that is not a zombie's (`Z`) or a dead one's (`X`).
#[cfg(target_os = "linux")]
fn alive(state: char) -> bool {
    state != 'Z' && state != 'X'
}

#[cfg(not(target_os = "linux"))]
pub fn threads_of(pid: i32) -> usize {
    // macOS: `ps -M` prints a header, then one line per thread.
    ps(&["-M", "-p", &pid.to_string()]).lines().count().saturating_sub(1)
}

#[cfg(not(target_os = "linux"))]
pub fn processes_in_group(group: i32) -> usize {
    ps(&["-o", "stat=", "-g", &group.to_string()]).lines().filter(|l| !l.starts_with('Z')).count()
}

#[cfg(not(target_os = "linux"))]
pub fn running(pid: i32) -> bool {
    let state = ps(&["-o", "stat=", "-p", &pid.to_string()]);
    !state.trim().is_empty() && !state.trim().starts_with('Z')
}

/// What `ps ARGS` prints.
#[cfg(any(test, not(target_os = "linux")))]
fn ps(args: &[&str]) -> String {
    let out = std::process::Command::new("ps").args(args).output();
    out.map_or(String::new(), |o| String::from_utf8_lossy(&o.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_and_processes_are_counted() {
        use std::os::unix::process::CommandExt;
        use std::sync::{Arc, Barrier};
        // This process, with 3 more threads held.
        let barrier = Arc::new(Barrier::new(4));
        let held: Vec<_> = (0..3)
            .map(|_| {
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    barrier.wait();
                })
            })
            .collect();
        assert!(threads_of(std::process::id() as i32) >= 4);
        barrier.wait();
        held.into_iter().for_each(|t| t.join().unwrap());
        // A group of its own: the shell, which forked a child that ended (a zombie that nobody
        // reaps once the shell became `sleep`), and one that runs.
        let mut cmd = std::process::Command::new("sh");
        cmd.args(["-c", "true & sleep 30 & exec sleep 30"]).process_group(0);
        let mut child = cmd.spawn().expect("start sh");
        let group = child.id() as i32;
        // The states of the group's processes as `ps` prints them, once the zombie is there.
        let states = || {
            let all = ps(&["-e", "-o", "pgid=,stat="]);
            let ours = all.lines().filter_map(|l| l.trim().split_once(' '));
            let ours = ours.filter(|(pgid, _)| pgid.parse() == Ok(group));
            ours.map(|(_, stat)| stat.trim().chars().next().unwrap_or(' ')).collect::<Vec<_>>()
        };
        let start = std::time::Instant::now();
        while !(states().contains(&'Z') && states().len() == 3) && start.elapsed().as_secs() < 10 {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(states().len(), 3, "ps: {:?}", states());
        assert_eq!(processes_in_group(group), 2, "the two sleeps, not the zombie");
        assert_eq!(threads_of(group), 1);
        assert!(running(group));
        nix::sys::signal::killpg(nix::unistd::Pid::from_raw(group), nix::sys::signal::SIGKILL)
            .unwrap();
        child.wait().unwrap();
        assert!(!running(group) && threads_of(group) == 0);
    }
}
