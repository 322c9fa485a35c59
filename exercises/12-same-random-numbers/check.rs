//! Exercise 12, The same random numbers: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for (n, procs) in [(4, 2), (10, 2), (9, 3)] {
        let r = c.run(&[&n.to_string(), &procs.to_string()]);
        c.succeeded(&r)?;
        let mut tabs = Vec::new();
        for k in 0..procs {
            let line =
                r.lines().into_iter().find_map(|l| l.strip_prefix(&format!("Proc {k} tab = ")));
            let tab = line.and_then(read::list);
            let ok = tab.as_ref().is_some_and(|t| t.len() == n);
            let expected = format!("\"Proc {k} tab = […]\" with {n} slots");
            let seen = line.unwrap_or("no such line");
            c.quietly(ok, "each child prints its array", &r, expected, seen)?;
            tabs.push(tab.unwrap_or_default());
        }
        let part = n / procs;
        let same = (1..procs).all(|k| {
            (0..part).all(|j| tabs[k][k * part + j] == tabs[0][j].map(|v| v + 100.0 * k as f64))
        });
        let what = format!(
            "`{}`: process k's numbers are process 0's + 100 k, digit for digit",
            r.command
        );
        // A slot no child wrote shows as `None`.
        let shown = |slots: &[Option<f64>]| {
            list_of(slots.iter().map(|v| v.map_or("None".into(), |v| v.to_string())))
        };
        let (first, second) = (shown(&tabs[0][..part]), shown(&tabs[1][part..2 * part]));
        let seen = format!("process 0: {first}\nprocess 1: {second}");
        c.check(same, what, &r, "the same random numbers in every child", seen)?;
    }
    Ok(())
}
