//! Exercise 19, How many partial sums?: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let sets = simd_sets_here();
    for n in ["1", "7", "1000", "1234567"] {
        let expected = pi_of(&example_pi(c, "pi-sequential", &[n])?);
        let what = format!(
            "POINTS = {n}, THREADS = 1, 3 and 16, LANES = 1, 2, 4, 8, 16, sets [{}]: PI within 1e-10 of pi-sequential",
            sets.join(", ")
        );
        for t in ["1", "3", "16"] {
            for lanes in ["1", "2", "4", "8", "16"] {
                for set in &sets {
                    let r = c.run(&[t, n, lanes, "--simd", set]);
                    let line = pi_line(c, &r)?;
                    let close = (pi_of(&line) - expected).abs() < 1e-10;
                    c.quietly(close, &what, &r, expected, &line)?;
                }
            }
        }
        c.pass(what);
    }
    let r = c.run(&["1", "1000", "16"]);
    let ok = c.succeeded(&r)?.ends_with("(16 partial sums per thread)\n");
    let what = format!("`{}` says how many sums", r.command);
    let expected = "a last line ending \"(16 partial sums per thread)\"";
    c.check(ok, what, &r, expected, &r.stdout)?;
    for bad in ["3", "32", "0", "abc"] {
        refused(c, &["2", "1000", bad], bad)?;
    }
    help(c)
}
