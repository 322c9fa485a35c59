//! A check in progress: the program under check, one printed line per assertion.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{Run, TIMEOUT, run_command};
use crate::workspace;

/// A failed assertion: the check stops there (what follows would fail for the same reason).
#[derive(Debug)]
pub struct Stop;

/// The check of one program: runs it, prints `  ok  …` or `FAIL  …` for each assertion.
pub struct Check {
    program: PathBuf,
    source: Option<PathBuf>,
    /// Assertions passed so far.
    pub passed: usize,
    /// Whether an assertion failed.
    pub failed: bool,
}

impl Check {
    /// The check of `program`; `source`, its `main.rs` when known (a few exercises change
    /// only how a program works, not what it prints: their checks read the source).
    pub fn new(program: &Path, source: Option<&Path>) -> Check {
        let source = source.map(Path::to_path_buf);
        Check { program: program.to_path_buf(), source, passed: 0, failed: false }
    }

    /// The program under check.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// Its source, if known.
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// Runs the program under check with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(Command::new(&self.program).args(args), args)
    }

    /// Runs the program under check as `cmd` says (its arguments, environment), `args` being
    /// the arguments to show.
    pub fn run_with(&self, cmd: &mut Command, args: &[&str]) -> Run {
        run_command(cmd, command_line(&self.program, args), TIMEOUT)
    }

    /// Runs the program under check under `mpirun -n RANKS` (as root if need be, with more
    /// ranks than cores, on shared memory).
    pub fn mpirun(&self, ranks: usize, args: &[&str]) -> Run {
        let mut cmd = Command::new("mpirun");
        cmd.args(["-n", &ranks.to_string()]).arg(&self.program).args(args);
        cmd.env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            .env("OMPI_MCA_rmaps_base_oversubscribe", "1")
            .env("OMPI_MCA_btl", "self,vader")
            .env("OMPI_MCA_pml", "ob1");
        let shown = format!("mpirun -n {ranks} {}", command_line(&self.program, args));
        run_command(&mut cmd, shown, TIMEOUT)
    }

    /// Runs the workspace's example `name` with `args` (built first if needed).
    pub fn run_example(&self, name: &str, args: &[&str]) -> Run {
        let path = workspace::example(name);
        run_command(Command::new(&path).args(args), command_line(&path, args), TIMEOUT)
    }

    /// An assertion that held: `  ok  what`.
    pub fn pass(&mut self, what: impl Display) {
        println!("  ok  {what}");
        self.passed += 1;
    }

    /// An assertion that failed: `FAIL  what: expected …; seen …; rerun: COMMAND`. The check
    /// stops: return the `Stop` (with `?` or `Err`).
    pub fn fail(
        &mut self,
        what: impl Display,
        run: &Run,
        expected: impl Display,
        seen: impl Display,
    ) -> Stop {
        let (expected, seen) = (short(&expected.to_string()), short(&seen.to_string()));
        println!("FAIL  {what}: expected {expected}; seen {seen}; rerun: {}", run.command);
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
        if ok { Ok(()) } else { Err(self.fail(what, run, expected, seen)) }
    }

    /// The run ended well (exit status 0, no panic): its stdout; else a failure. Prints nothing
    /// when it holds.
    pub fn succeeded<'r>(&mut self, run: &'r Run) -> Result<&'r str, Stop> {
        let what = format!("`{}` ends well", run.command);
        self.quietly(run.succeeded(), what, run, "exit status 0", run.ended())?;
        Ok(&run.stdout)
    }
}

/// `PATH ARGS…` as a shell reads it back.
pub fn command_line(program: &Path, args: &[&str]) -> String {
    let mut line = workspace::shown(program);
    for arg in args {
        let plain = !arg.is_empty()
            && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,/=+:".contains(c));
        line += &if plain { format!(" {arg}") } else { format!(" '{arg}'") };
    }
    line
}

/// A seen value kept to one readable line.
fn short(seen: &str) -> String {
    let one: String = seen.replace('\n', "⏎");
    match one.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &one[..at]),
        None => one,
    }
}
