//! Exercise 17, The course's cluster tables on your machine: medians printed, nothing asserted.

use crate::observe::*;

pub fn observe() -> bool {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = (2 * cores).to_string();
    for (points, runs) in [("1e7", RUNS), ("1e9", 3)] {
        println!("\npi-processes, {points} points: medians of {runs} runs of pi-scaling");
        let Some(rows) = scaling("pi-processes", points, &workers, runs) else { return false };
        for row in &rows {
            let speedup = rows[0].seconds / row.seconds;
            println!("{}   speedup {speedup:.2}", course_line(row, "process"));
        }
    }
    println!(
        "\nCompare with the course's two tables (the book, Timings): up to the number of cores the\n\
         time halves when the processes double, beyond it nothing is gained; at 10^7 points the\n\
         gain is smaller. Explain both with exercise 15's costs against the work per process."
    );
    true
}
