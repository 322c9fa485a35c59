//! One reader for each format the programs print, for the tests (`tests/`), the exercises'
//! checks (`exercises/check`) and the figures (`figures`): a format read in two places could
//! be read two ways, and a fix made to one reader would miss the other.
//!
//! - [`list`], [`floats`]: a list as Python prints it (`course_support::print_list`);
//! - [`numpy`], [`numpy_start`], [`numpy_rows`]: an array as numpy prints it
//!   (`course_support::numpy`), one a line or a 2-D array over several lines;
//! - [`pi`]: the `PI = …` line of the pi programs;
//! - [`time_line`], [`clock`]: the time line (`course_support::time_line`) and its clock;
//! - [`threads_of`], [`processes_in_group`], [`running`]: what the system says of a process
//!   (Linux: `/proc`; elsewhere `ps`);
//! - [`help`], [`usage_error`]: the verdicts on a run of `--help` and on a usage error (the
//!   tests assert them, `check` turns them into its lines).
//!
//! Each is shown by a round-trip test: printed by `course_support`'s printer (the `PI = …` line
//! as the programs print it; the counts as the system gives them), read back here.

use crate::Run;

// What the system says of a process, in `processes` (which the time-out's limits use too).
pub use crate::processes::{processes_in_group, running, threads_of};

/// A list as Python prints one (`course_support::print_list`), `[0.5, 100.25, None]`: its
/// values, `None` for a slot printed `None` (process-fill prints the slots no worker wrote so).
/// `None` if `text` (spaces around aside) is not such a list.
pub fn list(text: &str) -> Option<Vec<Option<f64>>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let item = |v: &str| if v == "None" { Some(None) } else { v.parse().ok().map(Some) };
    inner.split(", ").map(item).collect()
}

/// A list of numbers only, `[0.5, 100.25]`: `None` if `text` is not a [`list`] or if a slot
/// is `None`.
pub fn floats(text: &str) -> Option<Vec<f64>> {
    list(text)?.into_iter().collect()
}

/// The array as numpy prints it (`course_support::numpy`, `[0.5 1. 0.25]`) that `text` starts
/// with, and what follows it: `[0.5 1.] to 1` gives `[0.5, 1.0]` and `" to 1"`.
pub fn numpy_start(text: &str) -> Option<(Vec<f64>, &str)> {
    let inner = text.strip_prefix('[')?;
    let end = inner.find(']')?;
    let values = inner[..end].split_whitespace().map(|v| v.parse().ok()).collect::<Option<_>>()?;
    Some((values, &inner[end + 1..]))
}

/// A numpy array and nothing else (spaces around aside), `[0.5 1. 0.25]`.
pub fn numpy(text: &str) -> Option<Vec<f64>> {
    let (values, rest) = numpy_start(text.trim())?;
    rest.is_empty().then_some(values)
}

/// A numpy 2-D array printed over several lines, as mpi-gather prints rank 0's: its first
/// line is the first line of `out` that starts with `start` (`Proc 0 has data : [[0. 0.]`),
/// then a row a line (` [1. 1.]`) up to the one that ends with `]]`. Under `mpirun` another
/// rank's line may come between two rows: the lines that do not start with ` [` are passed
/// over. The rows, and the numbers (from 1) of the lines that hold them; `Err` says what is
/// wrong, naming the line.
pub fn numpy_rows(out: &str, start: &str) -> Result<(Vec<Vec<f64>>, Vec<usize>), String> {
    let lines: Vec<&str> = out.lines().collect();
    let first = lines.iter().position(|l| l.starts_with(start));
    let first = first.ok_or_else(|| format!("no line starts with '{start}'"))?;
    let (mut rows, mut taken) = (Vec::new(), Vec::new());
    let mut text = lines[first][start.len()..].strip_prefix('[');
    for (number, line) in lines.iter().enumerate().skip(first) {
        if number > first {
            if !line.starts_with(" [") {
                continue; // another rank's line
            }
            text = Some(line.trim_start());
        }
        taken.push(number + 1);
        let row = text.unwrap_or_default();
        let last = row.ends_with("]]");
        let row = if last { &row[..row.len() - 1] } else { row };
        let row =
            numpy(row).ok_or_else(|| format!("line {} is not a row: '{line}'", number + 1))?;
        rows.push(row);
        if last {
            return Ok((rows, taken));
        }
    }
    Err(format!("the array of line {} ends before its last row", first + 1))
}

/// The value of a `PI = …` line, as the pi programs print it (`println!("PI = {pi}")`: every
/// digit, as Python prints a float). `None` if `line` is not one, or if its number is not
/// written as Rust writes that number (`PI = 3.1415` is, `PI = 3.14150` is not).
pub fn pi(line: &str) -> Option<f64> {
    pi_any_digits(line).filter(|value| line == format!("PI = {value}"))
}

/// The value of a `PI = …` line however many digits it has (`PI = 3.1416`): what a student's
/// program prints is read so, since printing fewer digits is not a wrong answer; the course's
/// programs are held to [`pi`].
pub fn pi_any_digits(line: &str) -> Option<f64> {
    line.strip_prefix("PI = ")?.parse().ok()
}

/// The time line, as `course_support::time_line` prints it (`0:01.27 elapsed 199%CPU`): its
/// seconds (to the hundredth) and its %CPU (a whole number).
pub fn time_line(line: &str) -> Option<(f64, f64)> {
    let (time, cpu) = line.split_once(" elapsed ")?;
    let percent = cpu.strip_suffix("%CPU").filter(|p| digits(p, p.len()))?;
    Some((clock_to(time, 2)?, percent.parse().ok()?))
}

/// `/usr/bin/time`'s `%E` (`course_support::clock`), minutes and seconds to the hundredth,
/// `1:27.95`, or to the millisecond as pi-scaling prints its times, `0:00.112`: the seconds.
pub fn clock(text: &str) -> Option<f64> {
    clock_to(text, 2).or_else(|| clock_to(text, 3))
}

/// `M:SS.` then `decimals` digits.
fn clock_to(text: &str, decimals: usize) -> Option<f64> {
    let (minutes, seconds) = text.split_once(':')?;
    let (whole, fraction) = seconds.split_once('.')?;
    if !(digits(minutes, minutes.len()) && digits(whole, 2) && digits(fraction, decimals)) {
        return None;
    }
    let seconds: f64 = seconds.parse().ok().filter(|s| *s < 60.0)?;
    Some(minutes.parse::<f64>().ok()? * 60.0 + seconds)
}

/// `text` is `n` ASCII digits, at least one.
fn digits(text: &str, n: usize) -> bool {
    n > 0 && text.len() == n && text.bytes().all(|b| b.is_ascii_digit())
}

/// The verdict on a run of `--help` (or `-h`): exit status 0, no panic, and the usage line
/// first on stdout, `usage: NAME …` (with `name`; any name with `None`). `Err` says what is
/// wrong, then what the run gave.
pub fn help(r: &Run, name: Option<&str>) -> Result<(), String> {
    let first = r.stdout.lines().next().unwrap_or_default();
    let wrong = if r.code() != Some(0) {
        format!("{}, not exit status 0", ended(r))
    } else if r.stderr.contains("panicked") {
        "a panic".to_string()
    } else if !is_usage(first, name) {
        format!("the first line on stdout is not {}", usage(name))
    } else {
        return Ok(());
    };
    let mut seen = match r.stdout.trim_end() {
        "" => format!("{wrong}; nothing on stdout"),
        stdout => format!("{wrong}; stdout:\n{stdout}"),
    };
    if !r.stderr.is_empty() {
        seen = format!("{seen}\nand on stderr:\n{}", r.stderr.trim_end());
    }
    Err(seen)
}

/// The verdict on a usage error, as `course_support::Args` makes one: exit status 2, and on
/// stderr exactly two lines, one that names the bad value (holds `named`, as `'abc'`) then the
/// usage line (`usage: NAME …`, with `name`; any name with `None`); nothing on stdout, no
/// panic. `Err` says what is wrong, then what the run gave.
pub fn usage_error(r: &Run, name: Option<&str>, named: &str) -> Result<(), String> {
    let lines: Vec<&str> = r.stderr.lines().collect();
    let wrong = if r.code() != Some(2) {
        format!("{}, not exit status 2", ended(r))
    } else if lines.len() != 2 {
        format!("{} lines on stderr, not 2", lines.len())
    } else if !lines[0].contains(named) {
        format!("the first line on stderr does not name {named}")
    } else if !is_usage(lines[1], name) {
        format!("the second line on stderr is not {}", usage(name))
    } else if r.stderr.contains("panicked") || r.stdout.contains("panicked") {
        "a panic".to_string()
    } else if !r.stdout.is_empty() {
        "lines on stdout".to_string()
    } else {
        return Ok(());
    };
    let mut seen = match r.stderr.trim_end() {
        "" => format!("{wrong}; nothing on stderr"),
        stderr => format!("{wrong}; stderr:\n{stderr}"),
    };
    if !r.stdout.is_empty() {
        seen = format!("{seen}\nand on stdout:\n{}", r.stdout.trim_end());
    }
    Err(seen)
}

/// How a run ended, in short: `exit status 1`, or [`Run::ended`]'s words.
fn ended(r: &Run) -> String {
    match r.code() {
        Some(code) => format!("exit status {code}"),
        None => r.ended(),
    }
}

/// The usage line, in words.
fn usage(name: Option<&str>) -> String {
    format!("the usage line 'usage: {} …'", name.unwrap_or("NAME"))
}

/// `line` is a usage line, `usage: NAME …` (`NAME` is `name` if given, then a space and what
/// the program takes).
fn is_usage(line: &str, name: Option<&str>) -> bool {
    let Some(rest) = line.strip_prefix("usage: ") else { return false };
    match name {
        Some(name) => rest.strip_prefix(name).is_some_and(|r| r.starts_with(' ')),
        None => !rest.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_support::{clock as print_clock, numpy as print_numpy, time_line as print_time};

    /// Values with every kind of digits: whole, tiny, huge, negative, the shortest and the
    /// longest decimals an `f64` has.
    const VALUES: [f64; 10] =
        [0.0, 1.0, 6.0, 0.5, 100.25, 1e-7, 0.1 + 0.2, 0.7311134158637046, -2.5, 1.5e300];

    #[test]
    fn python_lists_read_back_digit_for_digit() {
        for n in [0, 1, VALUES.len()] {
            let mut printed = Vec::new();
            course_support::write_list(&mut printed, "", &VALUES[..n]).unwrap();
            let printed = String::from_utf8(printed).unwrap();
            assert_eq!(floats(&printed), Some(VALUES[..n].to_vec()), "{printed}");
        }
        // A slot no worker wrote, as process-fill prints it.
        assert_eq!(list("[0.5, 100.25, None]"), Some(vec![Some(0.5), Some(100.25), None]));
        assert_eq!(floats("[0.5, None]"), None);
        assert_eq!(list(" [] "), Some(vec![]));
        for not_a_list in ["[0.5 1]", "0.5", "[0.5,1]", "[0.5, x]", "(0.5)"] {
            assert_eq!(list(not_a_list), None, "{not_a_list}");
        }
    }

    #[test]
    fn numpy_arrays_read_back_digit_for_digit() {
        for n in [0, 1, VALUES.len()] {
            let printed = print_numpy(&VALUES[..n]);
            assert_eq!(numpy(&printed), Some(VALUES[..n].to_vec()), "{printed}");
            let line = format!("{printed} to 1");
            assert_eq!(numpy_start(&line), Some((VALUES[..n].to_vec(), " to 1")));
        }
        assert_eq!(numpy("[0.7311134158637046 0. 6.]"), Some(vec![0.7311134158637046, 0.0, 6.0]));
        for not_an_array in ["[0.5 x]", "0.5", "[0.5, 1.]", "[[0. 0.]", "[0.] to 1"] {
            assert_eq!(numpy(not_an_array), None, "{not_an_array}");
        }
    }

    /// Rank 0's array as mpi-gather prints it: the rows, numpy's each, a line each.
    fn gathered(rows: &[Vec<f64>]) -> String {
        let rows: Vec<String> = rows.iter().map(|r| print_numpy(r)).collect();
        format!("Proc 0 has data : [{}]\n", rows.join("\n "))
    }

    #[test]
    fn numpy_rows_read_back_between_other_ranks_lines() {
        let rows = vec![vec![0.0, 0.5], vec![1.0, 1e-7], vec![2.0, 0.1 + 0.2]];
        let text = gathered(&rows);
        assert_eq!(numpy_rows(&text, "Proc 0 has data : "), Ok((rows.clone(), vec![1, 2, 3])));
        assert_eq!(numpy_rows(&gathered(&rows[..1]), "Proc 0 has data : ").unwrap().0, rows[..1]);
        // Under mpirun another rank's line may come between two rows.
        let mixed = text.replacen("\n [1.", "\nProc 1 send [1. 1.]\n [1.", 1);
        assert_eq!(numpy_rows(&mixed, "Proc 0 has data : "), Ok((rows, vec![1, 3, 4])));
        let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
        let err = numpy_rows(&cut, "Proc 0 has data : ").unwrap_err();
        assert!(err.contains("ends before its last row"), "{err}");
        let bad = text.replace(" [1. 1e-7]", " [1. x]");
        assert!(numpy_rows(&bad, "Proc 0 has data : ").unwrap_err().starts_with("line 2 is not"));
        assert!(numpy_rows("", "Proc 0 has data : ").is_err());
    }

    #[test]
    fn pi_lines_read_back_digit_for_digit() {
        for value in [std::f64::consts::PI, 3.141592653589362, 3.1415926535900605, 3.0, 2.5] {
            assert_eq!(pi(&format!("PI = {value}")), Some(value));
        }
        for not_pi in ["PI = 3.14150", "PI = x", "PI=3.14", "pi = 3.14", " PI = 3.14", "PI = 3.0"] {
            assert_eq!(pi(not_pi), None, "{not_pi}");
        }
        assert_eq!(pi_any_digits("PI = 3.50"), Some(3.5));
        assert_eq!(pi_any_digits("PI=3.14"), None);
    }

    #[test]
    fn time_lines_read_back_to_the_hundredth() {
        for (elapsed, cpu) in [(1.274, 2.5), (175.53, 175.53), (0.0049, 0.0), (59.996, 1.0)] {
            let line = print_time(elapsed, cpu);
            let (seconds, percent) = time_line(&line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(print_clock(seconds), print_clock(elapsed), "{line}");
            assert!((seconds - elapsed).abs() <= 0.005 + 1e-9, "{line}");
            assert_eq!(percent, (100.0 * cpu / elapsed).round(), "{line}");
        }
        assert_eq!(clock("1:27.95"), Some(87.95));
        assert_eq!(clock("0:00.112"), Some(0.112)); // pi-scaling's, to the millisecond
        for not_a_clock in ["1:27.9", "1:7.95", "1:60.00", "27.95", "1:27.9500", "-1:27.95"] {
            assert_eq!(clock(not_a_clock), None, "{not_a_clock}");
        }
        for not_a_line in
            ["0:00.112 elapsed 10%CPU", "0:01.27elapsed 99%CPU", "0:01.27 elapsed 99.5%CPU"]
        {
            assert_eq!(time_line(not_a_line), None, "{not_a_line}");
        }
    }

    /// A run that printed `stdout` and `stderr` and ended with exit status `code`.
    fn ran(code: i32, stdout: &str, stderr: &str) -> Run {
        use std::os::unix::process::ExitStatusExt;
        let status = Some(std::process::ExitStatus::from_raw(code << 8));
        Run::new("p".into(), status, stdout.into(), stderr.into())
    }

    #[test]
    fn help_and_usage_errors_are_judged() {
        let usage = "usage: p [N]    N: 1 to 10";
        assert_eq!(help(&ran(0, &format!("{usage}\nMore.\n"), ""), Some("p")), Ok(()));
        assert_eq!(help(&ran(0, "usage: p\n", ""), None), Ok(()));
        for (r, name) in [
            (ran(1, &format!("{usage}\n"), ""), None),
            (ran(0, "p [N]\n", ""), None),
            (ran(0, "", &format!("{usage}\n")), None),
            (ran(0, "usage: pi [N]\n", ""), Some("p")),
            (ran(0, "usage: p-other [N]\n", ""), Some("p")),
            (ran(0, "usage: p\n", ""), Some("p")),
            (ran(0, &format!("{usage}\n"), "thread 'main' panicked"), None),
        ] {
            assert!(help(&r, name).is_err(), "{r:?}");
        }
        let refused = format!("p: N must be an integer, got 'abc'\n{usage}\n");
        assert_eq!(usage_error(&ran(2, "", &refused), Some("p"), "'abc'"), Ok(()));
        assert_eq!(usage_error(&ran(2, "", &refused), None, "'abc'"), Ok(()));
        for (r, name) in [
            (ran(1, "", &refused), None),
            (ran(2, "", "p: got 'abc'\n"), None),
            (ran(2, "", &format!("p: bad value\n{usage}\n")), None),
            (ran(2, "", &format!("{refused}More.\n")), None),
            (ran(2, "p: got 'abc'\n", &format!("{usage}\n")), None),
            (ran(2, "x\n", &refused), None),
            (ran(2, "", &refused), Some("q")),
            (ran(2, "", &format!("thread 'main' panicked: 'abc'\n{usage}\n")), None),
        ] {
            let verdict = usage_error(&r, name, "'abc'");
            assert!(verdict.is_err(), "{r:?}");
        }
        // What was wrong comes first, then what the run gave.
        let verdict = usage_error(&ran(1, "", &refused), None, "'abc'").unwrap_err();
        assert!(verdict.starts_with("exit status 1, not exit status 2; "), "{verdict}");
        assert!(verdict.ends_with(usage), "{verdict}");
    }
}
