//! A tool for the memory exercise (exercise 10, EXERCISES.md), used by its check: runs
//! PROGRAM with its stdout sent to /dev/null and prints its peak resident memory, as
//! `/usr/bin/time -v` prints it: "Maximum resident set size (kbytes): N".
//!
//! Run:     cargo run -p check --bin peak-rss -- target/debug/process-fill-slices 10000000 4
//! The figure is `ru_maxrss` of `getrusage(RUSAGE_CHILDREN)` once PROGRAM has been reaped: the
//! largest peak of PROGRAM and of the children it reaped, in KiB on Linux and macOS alike (macOS
//! counts `ru_maxrss` in bytes: `course_support::peak_rss_kib` converts). Why a separate small program rather
//! than the test itself: a program started by `exec` keeps, as its peak, the memory of the
//! process that started it, just before the `exec`. From this small process that is about
//! 2 MiB, the same in every run; from a test binary running other tests at once it was 22 MiB.

use course_support::peak_rss_kib;
use nix::sys::resource::UsageWho;
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

fn fail(message: &str) -> ! {
    eprintln!("peak-rss: {message}");
    std::process::exit(1);
}

fn usage_error(message: &str) -> ! {
    eprintln!("peak-rss: {message}\n{USAGE}");
    std::process::exit(2);
}
