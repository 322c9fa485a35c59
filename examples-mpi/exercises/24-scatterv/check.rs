//! Exercise 24, Scatterv, when the ranks do not divide the array: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    for (nb, n) in [(10, 3), (10, 4), (7, 2), (3, 4), (10, 1)] {
        let r = c.mpirun(n, &[&nb.to_string()]);
        c.succeeded(&r)?;
        let lines = r.lines();
        let data = lines.iter().find_map(|l| l.strip_prefix("Proc 0 scatter data "));
        let data: Vec<f64> = data.and_then(read::numpy).unwrap_or_default();
        let mut parts = Vec::new();
        let mut sizes = Vec::new();
        for rank in 0..n {
            let start = format!("After Scatterv : Proc {rank} - recv = ");
            let part = lines.iter().find_map(|l| l.strip_prefix(&start)).and_then(read::numpy);
            let part = part.unwrap_or_default();
            sizes.push(part.len());
            parts.extend(part);
        }
        let split: Vec<usize> =
            (0..n).map(|k| nb / n + if k == n - 1 { nb % n } else { 0 }).collect();
        let ok = data.len() == nb && parts == data && sizes == split;
        let (split, sizes) = (list_of(&split), list_of(&sizes));
        let what =
            format!("`{}`: parts of {split} values, rank 0's array in rank order", r.command);
        let expected = format!("parts of {split} values that make up rank 0's array");
        let seen = format!("parts of {sizes} values:\n{}", r.stdout.trim_end());
        c.check(ok, what, &r, expected, seen)?;
    }
    help(c)
}
