//! The command line: positional arguments read in order, flags, `--help`, usage errors.

use std::fmt::Display;
use std::str::FromStr;

use crate::exit::{program, quit, say, set_up};
use crate::output_file::OutputFile;

/// An integer type a count can be read as (`usize`, `u64`, `i64` …).
pub trait Count: FromStr + PartialOrd + Display + Copy + From<u8> {}
impl<T: FromStr + PartialOrd + Display + Copy + From<u8>> Count for T {}

/// The command line of an example. Take the flags and options first, then the positional
/// arguments in their order, then call [`Args::end`]. Any bad value is a usage error.
pub struct Args {
    usage: &'static str,
    rest: Vec<String>,
}

impl Args {
    /// Reads the command line. `usage` is the usage line, then what the program does: `-h` or
    /// `--help` prints it all and exits 0, a usage error prints the first line. Also makes a
    /// closed stdout (`… | head -1`) end the program quietly.
    pub fn new(usage: &'static str) -> Args {
        set_up();
        let rest: Vec<String> = std::env::args().skip(1).collect();
        if rest.iter().any(|a| a == "-h" || a == "--help") {
            if speaks() {
                println!("{usage}");
            }
            std::process::exit(0);
        }
        Args { usage, rest }
    }

    /// Whether the flag `name` (such as `--timeline`) was given, anywhere.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() < before
    }

    /// The value that follows the option `name` (such as `--lines 10`), if it was given.
    pub fn option(&mut self, name: &str) -> Option<String> {
        let at = self.rest.iter().position(|a| a == name)?;
        if at + 1 == self.rest.len() {
            self.error(&format!("'{name}' needs a value"));
        }
        self.rest.remove(at);
        Some(self.rest.remove(at))
    }

    /// The next positional argument, an integer from 1 to `max`; `default` if there is none.
    pub fn count<T: Count>(&mut self, what: &str, max: T, default: T) -> T {
        self.word().map_or(default, |text| self.number(what, &text, max))
    }

    /// `text` as an integer from 1 to `max`, or a usage error naming `what` and `text`.
    pub fn number<T: Count>(&self, what: &str, text: &str, max: T) -> T {
        match text.parse::<T>() {
            Ok(n) if n >= T::from(1) && n <= max => n,
            _ => self.error(&format!("{what} must be an integer from 1 to {max}, got '{text}'")),
        }
    }

    /// The next positional argument as POINTS (see [`Args::points_in`]); `default` if none.
    pub fn points(&mut self, default: i64) -> i64 {
        self.word().map_or(default, |text| self.points_in("POINTS", &text))
    }

    /// `text` as a number of points from 1 to 10^13, written `1000000000`, `1_000_000_000` or
    /// `1e9`; a usage error naming `what` and `text` otherwise.
    pub fn points_in(&self, what: &str, text: &str) -> i64 {
        match parse_points(text) {
            Some(n) if (1..=10_000_000_000_000).contains(&n) => n as i64,
            _ => self.error(&format!(
                "{what} must be an integer from 1 to 10^13 (1000000000, 1_000_000_000 or 1e9), got '{text}'"
            )),
        }
    }

    /// The next positional argument as a PATH to write and keep; without one, a fresh
    /// temporary file, removed when the program ends.
    pub fn path_or_temporary(&mut self) -> OutputFile {
        match self.word() {
            Some(p) if p.is_empty() || p.starts_with('-') => self.error(&format!("bad PATH '{p}'")),
            Some(p) => OutputFile { path: p.into(), temporary: false },
            None => OutputFile::temporary(),
        }
    }

    /// Nothing may be left: an unknown option or an argument too many is a usage error.
    pub fn end(self) {
        if let Some(extra) = self.rest.first() {
            self.error(&format!("unexpected argument '{extra}'"));
        }
    }

    /// The next positional argument as it was written (a word such as `list`, or a path);
    /// `None` if there is none.
    pub fn word(&mut self) -> Option<String> {
        let arg = (!self.rest.is_empty()).then(|| self.rest.remove(0))?;
        if arg.starts_with("--") {
            self.error(&format!("unknown option '{arg}'"));
        }
        Some(arg)
    }

    /// Bad input: one line on stderr naming it, then the usage line; exit status 2.
    pub fn error(&self, message: &str) -> ! {
        if speaks() {
            let usage = self.usage.lines().next().unwrap_or_default();
            say(&format!("{}: {message}\n{usage}", program()));
        }
        quit(2)
    }
}

/// Under `mpirun` (the MPI examples, feature `mpi`), only rank 0 prints the help and the usage
/// errors (every rank reads them); the other programs always print them.
fn speaks() -> bool {
    let rank = std::env::var("OMPI_COMM_WORLD_RANK").or_else(|_| std::env::var("PMI_RANK"));
    !cfg!(feature = "mpi") || rank.ok().is_none_or(|r| r == "0")
}

/// `1000000000`, `1_000_000_000` or `1e9`; `1.5e3` is 1500, but `2.5` and `1e-3` are no integers.
fn parse_points(text: &str) -> Option<u64> {
    let text = text.replace('_', "");
    // A digit or a point first: no sign, no `inf` or `NaN`, which `f64` would read.
    let unsigned = text.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    // Read exactly: a decimal that is an integer up to 2^53 reads as that very integer.
    let x: f64 = text.parse().ok().filter(|_| unsigned)?;
    (x.fract() == 0.0 && x < 1e19).then_some(x as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_points;

    #[test]
    fn points_in_three_forms() {
        for (text, n) in [("1000", 1000), ("1_000", 1000), ("1e3", 1000), ("1.5e3", 1500)] {
            assert_eq!(parse_points(text), Some(n), "{text}");
        }
        assert_eq!(parse_points("0.001e9"), Some(1_000_000));
        assert_eq!(parse_points("1E6"), Some(1_000_000));
    }

    #[test]
    fn points_refused() {
        for text in ["", "abc", "2.5", "1e-3", "e9", "1e", "-5", "+5", "1e30", "1.2.3"] {
            assert_eq!(parse_points(text), None, "{text}");
        }
    }
}
