//! A tool for the exercises' checks (the one on memory that does not grow) and the book: runs
//! PROGRAM with its stdout sent to /dev/null and prints its peak resident memory, as
//! `/usr/bin/time -v` prints it: "Maximum resident set size (kbytes): N".
//!
//! Run:     cargo run -p check --bin peak-rss -- target/debug/process-fill-queue 10000000 4
//! The figure is `ru_maxrss` of `getrusage(RUSAGE_CHILDREN)` once PROGRAM has been reaped: the
//! largest peak of PROGRAM and of the children it reaped, in KiB on Linux and macOS alike (macOS
//! counts `ru_maxrss` in bytes: [`peak_rss_kib`] converts). Why a separate small program
//! rather than the test itself: a program started by `exec` keeps, as its peak, the memory of
//! the process that started it, just before the `exec`. From this small process that is about
//! 2 MiB, the same in every run; from a test binary running other tests at once it was 22 MiB.

use course_support::fail;
use nix::sys::resource::{UsageWho, getrusage};
use std::process::{Command, Stdio};

const USAGE: &str = "usage: peak-rss PROGRAM [ARGS...]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("-h" | "--help") => {
            println!(
                "{USAGE}\nRuns PROGRAM, its stdout sent to /dev/null, and prints its peak resident memory in KiB."
            );
            return;
        }
        None | Some("") => usage_error("PROGRAM is missing, got ''"),
        Some(_) => {}
    }
    let status = Command::new(&args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .status() // waits for PROGRAM: it is reaped
        .unwrap_or_else(|e| fail(&format!("{}: {e}", args[0])));
    if !status.success() {
        fail(&format!("{}: {status}", args[0]));
    }
    let kib = peak_rss_kib(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    println!("Maximum resident set size (kbytes): {kib}");
}

/// The peak resident memory (`ru_maxrss` of `getrusage(who)`) in KiB on every system: Linux
/// counts it in KiB, macOS in bytes.
fn peak_rss_kib(who: UsageWho) -> nix::Result<nix::libc::c_long> {
    let max_rss = getrusage(who)?.max_rss();
    Ok(if cfg!(target_os = "macos") { max_rss / 1024 } else { max_rss })
}

fn usage_error(message: &str) -> ! {
    eprintln!("peak-rss: {message}\n{USAGE}");
    std::process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_memory_is_in_kib() {
        // 4 MiB touched: the peak holds them, in KiB (in bytes it would be over 4 million).
        let touched = std::hint::black_box(vec![1u8; 4 << 20]);
        let kib = peak_rss_kib(UsageWho::RUSAGE_SELF).expect("getrusage");
        assert!((4096..4_000_000).contains(&kib), "{kib} KiB for {} bytes", touched.len());
    }
}
