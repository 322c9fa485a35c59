//! The check of exercise 14, Where does the error come from?: what its text says the student will
//! observe, asserted on the program under check.

#[allow(unused_imports)]
use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let sequential =
        (pi_of(&example_pi(c, "pi-sequential", &["1e7"])?) - std::f64::consts::PI).abs();
    let r = c.run(&["1e7"]);
    let kahan = (pi_of(&pi_line(c, &r)?) - std::f64::consts::PI).abs();
    let what = format!(
        "`{}`: the error is hundreds of times smaller than pi-sequential's ({sequential:e})",
        r.command
    );
    c.check(
        kahan * 100.0 < sequential && kahan < 1e-14,
        what,
        &r,
        format!("an error below {:e} and 1e-14", sequential / 100.0),
        format!("{kahan:e}"),
    )?;
    let r = c.run(&["1"]);
    let one = pi_line(c, &r)?;
    let sequential = example_pi(c, "pi-sequential", &["1"])?;
    let what = format!("`{}`: one point, nothing to compensate: pi-sequential's line", r.command);
    c.check(one == sequential, what, &r, &sequential, &one)?;
    help(c)
}
