//! The time line, as `/usr/bin/time --format "%E elapsed %PCPU"` prints it, and the machine.

use std::process::Command;
use std::time::Instant;

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::time::TimeValLike;

/// Started at the beginning of `main`; [`Clock::print`] prints the time line at the end.
pub struct Clock {
    start: Instant,
    cpu_start: f64,
}

impl Clock {
    pub fn start() -> Clock {
        Clock { start: Instant::now(), cpu_start: cpu_seconds() }
    }

    /// Wall-clock seconds since the start.
    pub fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    /// CPU seconds since the start: this process's, and its reaped children's.
    pub fn cpu(&self) -> f64 {
        cpu_seconds() - self.cpu_start
    }

    /// Prints `0:01.27 elapsed 199%CPU` (and, in a dev build, a line that says so).
    pub fn print(&self) {
        print_time(self.elapsed(), self.cpu());
    }
}

/// CPU time (user + system) of this process and of its children that ended and were reaped.
fn cpu_seconds() -> f64 {
    let cpu =
        |who| getrusage(who).map_or(0, |u| (u.user_time() + u.system_time()).num_microseconds());
    (cpu(UsageWho::RUSAGE_SELF) + cpu(UsageWho::RUSAGE_CHILDREN)) as f64 / 1e6
}

/// Prints the time line for `elapsed` wall-clock and `cpu` CPU seconds.
pub fn print_time(elapsed: f64, cpu: f64) {
    println!("{}", time_line(elapsed, cpu));
    if cfg!(debug_assertions) {
        println!(
            "(dev build: optimised, with debug assertions; use --release for the course's figures)"
        );
    }
}

/// The time line, `0:01.27 elapsed 199%CPU`: the time to the hundredth, the CPU seconds as a
/// percentage of it.
pub fn time_line(elapsed: f64, cpu: f64) -> String {
    format!("{} elapsed {:.0}%CPU", clock(elapsed), 100.0 * cpu / elapsed)
}

/// `/usr/bin/time`'s `%E`: minutes:seconds.hundredths, as `0:01.27`.
pub fn clock(seconds: f64) -> String {
    let cs = (seconds * 100.0).round() as u64;
    format!("{}:{:02}.{:02}", cs / 6000, cs / 100 % 60, cs % 100)
}

/// The machine and the build, to print beside any timing: [`host`], then rustc and profile.
pub fn machine() -> String {
    // The rustc on PATH: the toolchain that `cargo` uses to build this workspace.
    let rustc = Command::new("rustc").arg("--version").output().ok();
    let rustc = rustc.filter(|o| o.status.success()).map(|o| o.stdout).unwrap_or_default();
    let rustc = String::from_utf8_lossy(&rustc).trim().to_string();
    let build =
        if cfg!(debug_assertions) { "dev build (debug assertions on)" } else { "release build" };
    format!("{}; {rustc}; {build}", host())
}

/// The machine: CPU model, logical and physical cores.
pub fn host() -> String {
    let model = cpu_model().unwrap_or_else(|| "unknown CPU".into());
    let (logical, physical) = (num_cpus::get(), num_cpus::get_physical());
    format!("{model}, {logical} logical cores, {physical} physical cores")
}

/// The CPU's name: Linux gives it in `/proc/cpuinfo`, macOS through `sysctl`; other systems:
/// `None`.
fn cpu_model() -> Option<String> {
    if cfg!(target_os = "macos") {
        let out = Command::new("sysctl").args(["-n", "machdep.cpu.brand_string"]).output().ok()?;
        let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
        return (out.status.success() && !name.is_empty()).then_some(name);
    }
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    let line = cpuinfo.lines().find(|l| l.starts_with("model name"))?;
    Some(line.split(':').nth(1)?.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_is_minutes_seconds_hundredths() {
        assert_eq!(clock(1.274), "0:01.27");
        assert_eq!(clock(175.53), "2:55.53");
        assert_eq!(clock(0.0), "0:00.00");
    }

    #[test]
    fn the_clock_counts_cpu_time() {
        let clock = Clock::start();
        let mut x = 0u64;
        while clock.elapsed() < 0.05 {
            x = std::hint::black_box(x + 1);
        }
        assert!(clock.cpu() > 0.0 && clock.elapsed() >= 0.05);
        assert!(machine().contains("logical cores"));
    }

    #[test]
    fn the_cpu_has_a_name() {
        // (ARM Linux's /proc/cpuinfo has no "model name": the name is checked where it has one.)
        if cfg!(any(target_os = "macos", all(target_os = "linux", target_arch = "x86_64"))) {
            let name = cpu_model().expect("the CPU's name");
            assert!(!name.is_empty() && !machine().starts_with("unknown CPU"), "{name}");
        }
    }
}
