//! Exercise 16, When do 2 workers stop paying off?: medians printed, nothing asserted.

use crate::observe::*;

pub fn observe() -> bool {
    for program in ["pi-threads", "pi-processes"] {
        let units = if program == "pi-threads" { "threads" } else { "processes" };
        println!("\n{program}, 1 and 2 {units}: medians of {RUNS} runs of pi-scaling");
        for points in ["1e8", "1e7", "1e6", "1e5", "1e4"] {
            let Some(rows) = scaling(program, points, "1,2", RUNS) else { return false };
            let speedup = rows[0].seconds / rows[1].seconds;
            println!(
                "{points:>4} points: 1 => {:.3} ms, 2 => {:.3} ms, speedup {speedup:.2}",
                1000.0 * rows[0].seconds,
                1000.0 * rows[1].seconds
            );
        }
    }
    println!(
        "\nCompare: the speedup is near 2 with many points and falls towards 1 as the work\n\
         shrinks to the cost of starting the workers (exercise 15); where, for threads and for\n\
         processes? Give it as an order of magnitude."
    );
    true
}
