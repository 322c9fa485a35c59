//! A check in progress: the program under check, one printed line per assertion.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::workspace;
use harness::{Run, run_command};

/// A failed assertion: the check stops there (what follows would fail for the same reason).
#[derive(Debug)]
pub struct Stop;

/// An exercise's check, as its `check.rs` defines it.
#[derive(Clone, Copy)]
pub enum Checker {
    /// `pub fn check(c: &mut Check) -> Result<(), Stop>`: runs the program.
    Program(fn(&mut Check) -> Result<(), Stop>),
    /// `pub fn check(c: &mut Check, build: &Run) -> Result<(), Stop>`: reads the build.
    Refusal(fn(&mut Check, &Run) -> Result<(), Stop>),
    /// `pub fn observe() -> bool`: runs the commands, prints the figures.
    Observe(fn() -> bool),
}

/// The check of one program: runs it, prints `  ok  …` or `FAIL  …` for each assertion.
pub struct Check {
    /// The program under check.
    pub program: PathBuf,
    /// Its source, `main.rs`, when known (a few exercises change only how a program works, not
    /// what it prints: their checks read the source).
    pub source: Option<PathBuf>,
    /// Assertions passed so far.
    pub passed: usize,
    /// Whether an assertion failed.
    pub failed: bool,
    /// What usually blocks a program of this exercise (`blocked` in `exercise.toml`): said
    /// when a run is stopped.
    pub blocked: Option<String>,
    /// The assertions made, passed or not, by label (see [`label`]); the last is the one that
    /// failed when `failed`.
    pub labels: Vec<String>,
}

impl Check {
    /// The check of `program`, whose source is `source` when known.
    pub fn new(program: &Path, source: Option<&Path>) -> Check {
        let source = source.map(Path::to_path_buf);
        Check {
            program: program.to_path_buf(),
            source,
            passed: 0,
            failed: false,
            blocked: None,
            labels: Vec::new(),
        }
    }

    /// Runs `check` (an exercise's), and whether every assertion held.
    pub fn verdict(&mut self, check: impl FnOnce(&mut Check) -> Result<(), Stop>) -> bool {
        check(self).is_ok() && !self.failed
    }

    /// The label of the assertion that failed, if one did.
    pub fn failed_label(&self) -> Option<&str> {
        self.failed.then(|| self.labels.last().map(String::as_str)).flatten()
    }

    /// Runs the program under check with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(Command::new(&self.program).args(args), args)
    }

    /// Runs the program under check as `cmd` says (its arguments, environment), `args` being
    /// the arguments to show.
    pub fn run_with(&self, cmd: &mut Command, args: &[&str]) -> Run {
        run_command(cmd, command_line(&self.program, args))
    }

    /// Runs the program under check under `mpirun -n RANKS` (as root if need be, with more
    /// ranks than cores, on shared memory), as the tests do.
    pub fn mpirun(&self, ranks: usize, args: &[&str]) -> Run {
        let mut cmd = harness::mpirun_command(ranks, &self.program, args);
        let words = harness::mpirun_words().join(" ");
        let shown = format!("{words} -n {ranks} {}", command_line(&self.program, args));
        let _turn = harness::one_mpirun_at_a_time();
        run_command(&mut cmd, shown)
    }

    /// Runs the workspace's example `name` with `args` (built first if needed).
    pub fn run_example(&self, name: &str, args: &[&str]) -> Run {
        let path = workspace::example(name);
        run_command(Command::new(&path).args(args), command_line(&path, args))
    }

    /// An assertion that held: `  ok  what`.
    pub fn pass(&mut self, what: impl Display) {
        let what = what.to_string();
        self.labels.push(label(&what));
        println!("  ok  {what}");
        self.passed += 1;
    }

    /// An assertion that failed: `FAIL  what`, then `expected: …`, `seen: …` (as lines when
    /// they hold several) and `rerun: COMMAND`, indented below it. The check stops: return the
    /// `Stop` (with `?` or `Err`).
    pub fn fail(
        &mut self,
        what: impl Display,
        run: &Run,
        expected: impl Display,
        seen: impl Display,
    ) -> Stop {
        let what = what.to_string();
        self.labels.push(label(&what));
        println!("FAIL  {what}");
        if run.blocked() {
            let usually = self.blocked.as_deref().unwrap_or("a wait that never ends");
            let printed = run.stdout.trim_end().lines().last().unwrap_or("nothing");
            println!("{}", shown("blocked", &run.ended()));
            let said = run.stderr_said();
            // A panic is why (MPI: the other ranks wait for the one that panicked); else our
            // own words, for students: whole, however long.
            if !said.contains(" panicked at ") {
                println!("      usually: {usually}");
            }
            println!("{}", shown("last line printed", printed));
            if !said.is_empty() {
                println!("{}", shown("stderr", &said));
            }
        } else {
            println!("{}", shown("expected", &expected.to_string()));
            println!("{}", shown("seen", &seen.to_string()));
        }
        println!("{}", shown("rerun", &run.command));
        self.failed = true;
        Stop
    }

    /// `ok` passes (printed), else fails (printed, the check stops).
    pub fn check(
        &mut self,
        ok: bool,
        what: impl Display,
        run: &Run,
        expected: impl Display,
        seen: impl Display,
    ) -> Result<(), Stop> {
        if ok {
            self.pass(what);
            Ok(())
        } else {
            Err(self.fail(what, run, expected, seen))
        }
    }

    /// As [`Check::check`], but nothing is printed when it holds: for one run of many.
    pub fn quietly(
        &mut self,
        ok: bool,
        what: impl Display,
        run: &Run,
        expected: impl Display,
        seen: impl Display,
    ) -> Result<(), Stop> {
        if ok {
            self.labels.push(label(&what.to_string()));
            Ok(())
        } else {
            Err(self.fail(what, run, expected, seen))
        }
    }

    /// The run ended well (exit status 0, no panic): its stdout; else a failure. Prints nothing
    /// when it holds.
    pub fn succeeded<'r>(&mut self, run: &'r Run) -> Result<&'r str, Stop> {
        let what = format!("`{}` ends well", run.command);
        self.quietly(run.succeeded(), what, run, "exit status 0", run.ended())?;
        Ok(&run.stdout)
    }
}

/// `PATH ARGS…` as a shell reads it back (a program in the current folder as `./NAME`).
pub fn command_line(program: &Path, args: &[&str]) -> String {
    let mut line = workspace::shown(program);
    if !line.contains('/') {
        line = format!("./{line}");
    }
    for arg in args {
        let plain = !arg.is_empty()
            && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,/=+:".contains(c));
        line += &if plain { format!(" {arg}") } else { format!(" '{arg}'") };
    }
    line
}

/// What an assertion says, without what changes from one run to the next (the command lines
/// and paths between backquotes, lists between brackets, the numbers): the same assertion has
/// the same label in every run.
pub fn label(what: &str) -> String {
    let mut out = String::new();
    let (mut quoted, mut listed, mut digits) = (false, 0, false);
    for c in what.chars() {
        match c {
            '`' if listed == 0 => {
                quoted = !quoted;
                if !quoted {
                    out.push_str("`…`");
                }
            }
            '[' if !quoted => listed += 1,
            ']' if !quoted && listed > 0 => {
                listed -= 1;
                if listed == 0 {
                    out.push_str("[…]");
                }
            }
            _ if quoted || listed > 0 => {}
            '0'..='9' if digits => {}
            '0'..='9' => out.push('#'),
            c => out.push(c),
        }
        digits = c.is_ascii_digit();
    }
    out
}

/// How many lines of a value a failure shows.
const SHOWN_LINES: usize = 6;

/// `      name: value` below a FAIL line; a value of several lines goes below its name, one
/// line each, indented, the first few only ("… N more lines"); each line kept short.
fn shown(name: &str, value: &str) -> String {
    let cut = |line: &str| match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    };
    let lines: Vec<&str> = value.trim_end().lines().collect();
    match lines.len() {
        0 => format!("      {name}: nothing"),
        1 => format!("      {name}: {}", cut(lines[0])),
        n => {
            let kept = if n > SHOWN_LINES { SHOWN_LINES - 1 } else { n };
            let mut out = format!("      {name}:");
            for line in &lines[..kept] {
                out += &format!("\n          {}", cut(line));
            }
            if kept < n {
                let more = n - kept;
                out += &format!("\n          … {more} more {}", plural(more, "line", "lines"));
            }
            out
        }
    }
}

/// `one` or `many`, as `n` asks: "1 thread", "2 threads".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
