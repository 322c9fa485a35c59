//! Exercise 2, Make shared-fill reproducible: what its text says, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    // 20 threads drawing 1000 numbers each: one generator shared behind a lock gives a different
    // array on nearly every run, even with the other core busy.
    for (n, threads) in [(10, 2), (11, 3), (1000, 7), (3, 5), (20000, 20)] {
        let (n_arg, t_arg) = (n.to_string(), threads.to_string());
        let (r, first) = filled(c, &[&n_arg, &t_arg, "7"], n)?;
        let bad = in_their_hundreds(&first, threads);
        let expected = "slot i in [100 k, 100 k + 1) for its thread k";
        let seen = bad.map(|i| format!("slot {i} = {}", first[i])).unwrap_or_default();
        c.quietly(bad.is_none(), "each slot is its thread's", &r, expected, seen)?;
        for _ in 0..5 {
            let (again, tab) = filled(c, &[&n_arg, &t_arg, "7"], n)?;
            let what = "the same SEED gives the same array";
            c.quietly(tab == first, what, &again, list_of(&first), list_of(&tab))?;
        }
        let (other, tab) = filled(c, &[&n_arg, &t_arg, "8"], n)?;
        let what = format!("`{}` 6 times: one array; SEED 8: another", r.command);
        c.check(tab != first, what, &other, "another array than with SEED 7", list_of(&tab))?;
    }
    // Each thread its own sequence: thread 1's values are not thread 0's plus 100.
    let (r, tab) = filled(c, &["10", "2", "1"], 10)?;
    let own = (0..5).any(|j| tab[5 + j] != 100.0 + tab[j]);
    let what = format!("`{}`: thread 1's numbers are not thread 0's + 100", r.command);
    c.check(own, what, &r, "a generator per thread, seeded differently", list_of(&tab))?;
    let largest = "18446744073709551615";
    let (r, tab) = filled(c, &["4", "2", largest], 4)?;
    let (_, again) = filled(c, &["4", "2", largest], 4)?;
    let what = format!("`{}`: the largest SEED works, twice the same", r.command);
    c.check(tab == again, what, &r, list_of(&tab), list_of(&again))?;
    refused(c, &["10", "2", "abc"], "abc")?;
    refused(c, &["10", "2", "18446744073709551616"], "18446744073709551616")?;
    help(c)
}
