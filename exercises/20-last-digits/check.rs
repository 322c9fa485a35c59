//! Exercise 20, Why are the last digits different?: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let mut differ = 0;
    for args in [["1", "1234567"], ["3", "1000003"], ["2", "10000000"]] {
        let threads = example_pi(c, "pi-threads", &args)?;
        for set in simd_sets_here() {
            let r = c.run(&[args[0], args[1], "1", "--simd", set]);
            let one = pi_line(c, &r)?;
            let what = format!("`{}`: one sum adds in pi-threads' order: its very line", r.command);
            c.check(one == threads, what, &r, &threads, &one)?;
        }
        let r = c.run(&[args[0], args[1], "8"]);
        let eight = pi_line(c, &r)?;
        let close = (pi_of(&eight) - pi_of(&threads)).abs() < 1e-12;
        c.quietly(close, "8 sums: within 1e-12 of pi-threads", &r, &threads, &eight)?;
        differ += usize::from(eight != threads);
    }
    let r = c.run(&["1", "1234567", "8"]);
    let what = "8 sums: within 1e-12 of pi-threads, other last digits at least once in 3";
    let expected = "another PI line than pi-threads' at least once";
    c.check(differ > 0, what, &r, expected, "pi-threads' line every time")
}
