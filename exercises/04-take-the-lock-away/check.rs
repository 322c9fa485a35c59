//! Exercise 4, Take the lock away: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check, build: &Run) -> Result<(), Stop> {
    let refused = build.status.is_some_and(|s| !s.success());
    let what = format!("`{}`: the compiler refuses the program", build.command);
    c.check(refused, what, build, "a compile error", "it compiled")?;
    let codes: HashSet<&str> = build
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error[")?.split_once(']').map(|(code, _)| code))
        .collect();
    let plain: Vec<&str> = build
        .stderr
        .lines()
        .filter(|l| {
            l.starts_with("error:")
                && !l.starts_with("error: could not compile")
                && !l.starts_with("error: aborting due to")
        })
        .collect();
    let only = |code: &str, message: &str| {
        codes.len() == 1
            && codes.contains(code)
            && plain.is_empty()
            && build.stderr.contains(message)
    };
    let part_a = only("E0599", "no method named `incr` found");
    let part_b = only("E0596", "cannot borrow data in an `Arc` as mutable");
    // One label whether it passes or fails: which part it is goes between the backquotes.
    let which = match (part_a, part_b) {
        (true, _) => "part (a), error[E0599] no method named incr: the counter is inside the mutex",
        (_, true) => "part (b), error[E0596] cannot borrow data in an Arc as mutable",
        _ => "neither part",
    };
    let what = format!("the refusal is the lesson's: `{which}`");
    let expected = "only error[E0599] \"no method named `incr` found\" (part a) or only error[E0596] \"cannot borrow data in an `Arc` as mutable\" (part b)";
    // The compiler's error lines, as it prints them, without its closing lines.
    let errors: Vec<&str> =
        build.stderr.lines().filter(|l| l.starts_with("error[") || plain.contains(l)).collect();
    let seen = match errors.len() {
        0 => "no error line".to_string(),
        n => format!("{n} {}:\n{}", plural(n, "error", "errors"), errors.join("\n")),
    };
    c.check(part_a || part_b, what, build, expected, seen)
}
