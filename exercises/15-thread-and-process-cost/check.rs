//! Exercise 15, What a thread and a process cost: its commands' medians, printed; nothing asserted.

use crate::observe::*;

pub fn observe() -> bool {
    for program in ["pi-threads", "pi-processes"] {
        println!("\n{program}, 1000 points: medians of {RUNS} runs of pi-scaling");
        let Some(rows) = scaling(program, "1000", "1,16,64,256", RUNS) else { return false };
        let unit = if program == "pi-threads" { "thread" } else { "process" };
        for row in &rows {
            println!("{}", course_line(row, unit));
        }
        let (first, last) = (&rows[0], &rows[rows.len() - 1]);
        let slope = (last.seconds - first.seconds) / (last.workers - first.workers) as f64;
        println!(
            "cost of one {}: about {:.3} ms (the slope from 1 to {})",
            unit,
            1000.0 * slope,
            last.workers
        );
    }
    println!(
        "\nCompare: the time grows in a straight line with the workers; its slope is what one\n\
         worker costs (thread: spawn + join; process: fork + waitpid). EXERCISES.md gives the\n\
         book's machine (its page Timings): about 0.05 ms per thread, 0.2 ms per process."
    );
    true
}
