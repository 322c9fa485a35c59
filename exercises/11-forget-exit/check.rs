//! Exercise 11, Forget `_exit`: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let r = c.run(&[]);
    let lines = r.lines();
    let count = |text: &str| lines.iter().filter(|l| **l == text).count();
    let (zero, one, started) =
        (count("In the process 0"), count("In the process 1"), count("Process are started"));
    let what = format!(
        "`{}`: the children ran the parent's loop: 10 + 20 lines, \"Process are started\" 4 times",
        r.command
    );
    let seen = format!("{zero} + {one} lines, {started} {}", plural(started, "time", "times"));
    c.check((zero, one, started) == (10, 20, 4), what, &r, "10 + 20 lines, 4 times", seen)?;
    let ok = r.code() == Some(1) && r.stderr.contains("waitpid: No child processes");
    let what = "a child waited for its brother, and the parent reports it";
    c.check(ok, what, &r, "exit status 1, \"waitpid: No child processes\" on stderr", r.ended())
}
