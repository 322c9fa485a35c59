//! What the checks of the exercises share (each exercise's `check.rs` starts with
//! `use crate::helpers::*;`). No check asserts a time; each stops at its first failure.

use std::fs::File;
use std::time::Instant;

use nix::fcntl::{Flock, FlockArg};

// What every check uses, from `use crate::helpers::*;`.
pub use std::collections::HashSet;
pub use std::path::Path;
pub use std::process::Command;
pub use std::thread;
pub use std::time::Duration;

pub use harness::{Run, Scratch, owner, read, run_command};

pub use crate::checker::{Check, Stop, plural};
pub use crate::source::{self, Source};
pub use crate::workspace;

/// `--help` exits 0 and prints the usage line first (the verdict: [`read::help`]).
pub fn help(c: &mut Check) -> Result<(), Stop> {
    let r = c.run(&["--help"]);
    let verdict = read::help(&r, None);
    let what = format!("`{}` prints the usage", r.command);
    c.check(verdict.is_ok(), what, &r, "exit 0, \"usage: …\"", verdict.err().unwrap_or_default())
}

/// `args` is bad input naming `bad`: exit status 2, one line naming it, then the usage line
/// (the verdict: [`read::usage_error`]).
pub fn refused(c: &mut Check, args: &[&str], bad: &str) -> Result<(), Stop> {
    let r = c.run(args);
    let verdict = read::usage_error(&r, None, &format!("'{bad}'"));
    let what = format!("`{}` is refused", r.command);
    let expected =
        format!("exit status 2 and 2 lines on stderr: one naming '{bad}', then the usage line");
    c.check(verdict.is_ok(), what, &r, expected, verdict.err().unwrap_or_default())
}

/// The program run `times` times with `args`: each run ends well and prints exactly
/// `expected`; one `ok` line for them all, `` `COMMAND`: WHAT in each of TIMES runs ``.
pub fn prints_every_time(
    c: &mut Check,
    args: &[&str],
    times: usize,
    expected: &str,
    what: &str,
) -> Result<(), Stop> {
    let shown = crate::checker::command_line(&c.program, args);
    let what = format!("`{shown}`: {what} in each of {times} runs");
    for _ in 0..times {
        let r = c.run(args);
        c.succeeded(&r)?;
        c.quietly(r.stdout == expected, &what, &r, expected, &r.stdout)?;
    }
    c.pass(what);
    Ok(())
}

/// Every slot `i` holds `owner × 100 + a number in [0, 1)`.
pub fn in_their_hundreds(tab: &[f64], workers: usize) -> Option<usize> {
    let bad = |(i, v): (usize, &f64)| {
        let k = owner(i, tab.len(), workers) as f64;
        !(k * 100.0 <= *v && *v < k * 100.0 + 1.0)
    };
    tab.iter().enumerate().position(bad)
}

/// Runs the program and reads the full array it prints on its last line.
pub fn filled(c: &mut Check, args: &[&str], n: usize) -> Result<(Run, Vec<f64>), Stop> {
    let r = c.run(args);
    c.succeeded(&r)?;
    let last = r.stdout.lines().last().unwrap_or_default();
    let last = last.strip_prefix("Final tab: ").unwrap_or(last);
    let tab = read::floats(last);
    let ok = tab.as_ref().is_some_and(|t| t.len() == n);
    let expected = format!("a last line listing {n} numbers");
    c.quietly(ok, "the array is printed whole", &r, expected, last)?;
    Ok((r, tab.unwrap_or_default()))
}

/// Runs of exercises 3 and 7, whose outcome is likely, not certain: one run in which it shows
/// is enough. At least this many, then more while it has not shown (see [`likely`]).
pub const RUNS: usize = 10;

/// At most this many runs of exercises 3 and 7. Once in 50 checks with both cores busy, all of
/// exercise 3's first 10 runs missed its outcome; even if 90 % of runs missed it, 200 runs
/// would all miss it less than once in 10^9.
pub const MAX_RUNS: usize = 200;

/// Runs the program with `args` [`RUNS`] times, then again while the outcome has not shown,
/// up to [`MAX_RUNS`]. `shows` checks each run (its `Err` stops the check) and says whether
/// the outcome showed in it. Returns the last run, in how many runs it showed, and how many
/// runs were made.
pub fn likely(
    c: &mut Check,
    args: &[&str],
    mut shows: impl FnMut(&mut Check, &Run) -> Result<bool, Stop>,
) -> Result<(Run, usize, usize), Stop> {
    let (mut seen, mut runs) = (0, 0);
    loop {
        let r = c.run(args);
        runs += 1;
        seen += usize::from(shows(c, &r)?);
        if runs == MAX_RUNS || (runs >= RUNS && seen > 0) {
            return Ok((r, seen, runs));
        }
    }
}

/// Creates `path` empty and holds an exclusive `flock` on it (from an open of its own) for
/// `hold`, or until `written(content)` says the file was written; in the meantime, the caller
/// runs the program. Returns the content seen that way, if any.
pub fn lock_and_watch(
    path: &Path,
    hold: Duration,
    written: impl Fn(&str) -> bool + Send + 'static,
) -> thread::JoinHandle<Option<String>> {
    let file = File::create(path).expect("create the file to lock");
    let lock = Flock::lock(file, FlockArg::LockExclusive).expect("flock the file");
    let path = path.to_path_buf();
    thread::spawn(move || {
        let start = Instant::now();
        let mut seen = None;
        while start.elapsed() < hold && seen.is_none() {
            let content = std::fs::read_to_string(&path).unwrap_or_default();
            seen = written(&content).then_some(content);
            thread::sleep(Duration::from_millis(10));
        }
        drop(lock);
        seen
    })
}

/// The `PI = …` line the program prints first, with as many digits as it likes
/// ([`read::pi_any_digits`]).
pub fn pi_line(c: &mut Check, r: &Run) -> Result<String, Stop> {
    let line = c.succeeded(r)?.lines().next().unwrap_or_default().to_string();
    let ok = read::pi_any_digits(&line).is_some();
    c.quietly(ok, "the first line is PI", r, "\"PI = 3.14…\"", &line)?;
    Ok(line)
}

/// The value of a line that [`pi_line`] returned.
pub fn pi_of(line: &str) -> f64 {
    read::pi_any_digits(line).expect("checked by pi_line")
}

/// An example's `PI = …` line.
pub fn example_pi(c: &mut Check, name: &str, args: &[&str]) -> Result<String, Stop> {
    let r = c.run_example(name, args);
    pi_line(c, &r)
}

/// What the source says, for the exercises that change how a program works but not what it
/// prints: each of `words` in its code (comments left out).
pub fn source_uses(c: &mut Check, what: &str, words: &[&str]) -> Result<(), Stop> {
    on_source(c, what, &format!("{words:?} in the source"), |text| {
        let text = code(text);
        let missing: Vec<&&str> = words.iter().filter(|w| !text.contains(**w)).collect();
        if missing.is_empty() { Ok(()) } else { Err(format!("no {missing:?}")) }
    })
}

/// A Rust source without its `//` comments (doc comments too): what the program does, not what
/// it says. (A `//` inside a string cuts the line there: the checks look for calls, not text.)
pub fn code(source: &str) -> String {
    source.lines().map(|l| format!("{}\n", l.split("//").next().unwrap_or_default())).collect()
}

/// The instruction sets of pi-simd that this CPU has (`baseline` always).
pub fn simd_sets_here() -> Vec<&'static str> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let flags = cpuinfo.lines().find(|l| l.starts_with("flags")).unwrap_or_default().to_string();
    let has = |all: &[&str]| all.iter().all(|f| flags.split_whitespace().any(|g| g == *f));
    let mut sets = vec!["baseline"];
    if cfg!(target_arch = "x86_64") && has(&["avx2", "fma"]) {
        sets.push("avx2");
    }
    if cfg!(target_arch = "x86_64") && has(&["avx512f", "avx512dq", "avx512vl"]) {
        sets.push("avx512");
    }
    sets
}

/// Values as the course's Python prints a list of them: `[0.5, 100.25, 200.75]`.
pub fn list_of<T: std::fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    let shown: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
    format!("[{}]", shown.join(", "))
}

/// Runs the program under check with `args` and counts, while it runs, the most threads it had
/// at once (its main thread included) and the most processes of its group at once (itself
/// included, zombies left out): workers that run one after another never make more than 2
/// threads, or 2 processes. Sampled every millisecond: give each worker work that lasts (see
/// [`seen_at_once`]).
pub fn at_once(c: &Check, args: &[&str]) -> (Run, usize, usize) {
    let (mut threads, mut processes) = (0, 0);
    let mut cmd = Command::new(&c.program);
    cmd.args(args);
    let shown = crate::checker::command_line(&c.program, args);
    let r = harness::run_watched(&mut cmd, shown, harness::TIMEOUT, |pid| {
        threads = threads.max(read::threads_of(pid));
        processes = processes.max(read::processes_in_group(pid));
    });
    (r, threads, processes)
}

/// How long a run must last for its workers to be seen at once by [`at_once`], sampling every
/// millisecond: each of 4 workers then lasts at least tens of milliseconds.
pub const SEEN_AT_ONCE: Duration = Duration::from_millis(400);

/// Workers seen at the same time, when they can be: the program runs with `args(size)`, the
/// size from `first`, multiplied by 4 each time up to `last`, until a run lasts
/// [`SEEN_AT_ONCE`]; at least `want` threads (main included; `processes`: of its group) must be
/// seen at once in that run. When even `last` is done sooner (a loop the compiler folded into
/// one addition: right, and too fast for its workers to be seen), says so on a `--` line
/// (nothing claimed) and passes: the source's rules are what tells then.
pub fn seen_at_once(
    c: &mut Check,
    what: &str,
    processes: bool,
    want: usize,
    (first, last): (u64, u64),
    args: impl Fn(u64) -> Vec<String>,
) -> Result<(), Stop> {
    let mut size = first;
    loop {
        let args = args(size);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let start = Instant::now();
        let r = c.run(&args);
        c.succeeded(&r)?;
        if start.elapsed() >= SEEN_AT_ONCE {
            break;
        }
        if size >= last {
            println!(
                "  --  not observed: `{}` ends in less than {} ms, too fast for its workers to be seen at once ({what})",
                r.command,
                SEEN_AT_ONCE.as_millis()
            );
            return Ok(());
        }
        size = size.saturating_mul(4).min(last);
    }
    let args = args(size);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (r, threads, children) = at_once(c, &args);
    c.succeeded(&r)?;
    let (one, many) = if processes { ("process", "processes") } else { ("thread", "threads") };
    let most = if processes { children } else { threads };
    let what = format!("`{}`: {what}", r.command);
    let seen =
        format!("at most {most} {} at once: one worker after the other", plural(most, one, many));
    c.check(most >= want, what, &r, format!("{want} {many} at once"), seen)
}

/// The source's rule that every thread is spawned before one is joined (see
/// [`Source::joins_after_spawns`]).
pub fn spawned_then_joined(c: &mut Check) -> Result<(), Stop> {
    let expected = "the threads all spawned, then joined";
    source_rule(c, "the joins come after all the spawns", expected, |s| s.joins_after_spawns())
}

/// An assertion on the program's syntax tree (see [`crate::source`]): `rule` returns `Ok(())`
/// or what it found wrong, with the line.
pub fn source_rule(
    c: &mut Check,
    what: &str,
    expected: &str,
    rule: impl FnOnce(&Source) -> Result<(), String>,
) -> Result<(), Stop> {
    on_source(c, what, expected, |text| Source::parse(text).and_then(|source| rule(&source)))
}

/// An assertion on the program's source: `rule` reads its text, returns `Ok(())` or what it
/// found wrong. Without the source (`--program`), a `--` line says that it is not checked.
fn on_source(
    c: &mut Check,
    what: &str,
    expected: &str,
    rule: impl FnOnce(&str) -> Result<(), String>,
) -> Result<(), Stop> {
    let Some(path) = c.source.clone() else {
        println!("  --  not checked without the source (--program): {what}");
        return Ok(());
    };
    let shown = workspace::shown(&path);
    // A file read by a check, as a run whose command line is how to see it.
    let r = Run::new(format!("less {shown}"), None, String::new(), String::new());
    let verdict = rule(&std::fs::read_to_string(&path).unwrap_or_default());
    let seen = verdict.as_ref().err().cloned().unwrap_or_default();
    c.check(verdict.is_ok(), format!("`{shown}`: {what}"), &r, expected, seen)
}
