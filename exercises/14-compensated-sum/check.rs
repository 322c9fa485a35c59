//! Exercise 14, Where does the error come from?: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    // The error as the programs print it: relative to pi, in percent.
    let error = |pi: f64| (pi - std::f64::consts::PI).abs() / std::f64::consts::PI * 100.0;
    let sequential = error(pi_of(&example_pi(c, "pi-sequential", &["1e7"])?));
    let r = c.run(&["1e7"]);
    let kahan = error(pi_of(&pi_line(c, &r)?));
    let what = format!(
        "`{}`: the error is hundreds of times smaller than pi-sequential's ({sequential:.1e} %)",
        r.command
    );
    let expected = format!("an error below {:.1e} %", sequential / 100.0);
    let seen = format!("an error of {kahan:.1e} %");
    c.check(kahan * 100.0 < sequential, what, &r, expected, seen)?;
    let r = c.run(&["1"]);
    let one = pi_line(c, &r)?;
    let sequential = example_pi(c, "pi-sequential", &["1"])?;
    let what = format!("`{}`: one point, nothing to compensate: pi-sequential's line", r.command);
    c.check(one == sequential, what, &r, &sequential, &one)?;
    help(c)
}
