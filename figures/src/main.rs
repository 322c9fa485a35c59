//! The command `figures`: draws the figure of a run from what the program printed, read on
//! stdin, and writes the SVG on stdout, all at once at the end (a bad input writes none).
//!
//! Run:     mpirun --oversubscribe -n 4 target/release/mpi-bcast | cargo run -p figures -- collective > bcast.svg
//!          cargo run --release -p pi-scaling -- --course | cargo run -p figures -- scaling > scaling.svg
//! Observe: a text that is not such output gets one line saying what was expected, exit 2.

use std::io::{Read, Write};

use course_support::{Args, OrExit, host, program};
use figures::{collective, printed, scaling};

const USAGE: &str = "usage: figures collective|scaling    reads a program's output on stdin, writes an SVG figure on stdout
collective: the output of one MPI collective program (mpi-bcast, mpi-scatter, mpi-gather, mpi-allgather, mpi-alltoall,
  mpi-reduce, mpi-allreduce), its ranks' lines in any order: what every rank held before and after the call,
  coloured by the rank each value came from, under the machine that draws it (run it where mpirun ran).
scaling: the tables pi-scaling printed (its machine line on top; with pi-scaling's --course, the course's
  tables as reference lines): time and speedup against the workers.";

/// Bad input on stdin: one line saying what was expected, exit status 2, no SVG.
fn refuse(message: &str) -> ! {
    eprintln!("{}: {message}", program());
    std::process::exit(2)
}

fn main() {
    let mut args = Args::new(USAGE);
    let figure = args.word();
    match figure.as_deref() {
        Some("collective" | "scaling") => {}
        Some(other) => args.error(&format!("unknown figure '{other}': collective or scaling")),
        None => args.error("which figure? collective or scaling"),
    }
    args.end();
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).or_exit("read stdin");
    let text = String::from_utf8(input)
        .unwrap_or_else(|_| refuse("expected text, got bytes that are not UTF-8"));
    let svg = if figure.as_deref() == Some("collective") {
        let run = printed::collective(&text).unwrap_or_else(|e| refuse(&e));
        let ranks = run.before.len();
        let machine = format!("{}; {} on {ranks} ranks", host(), run.program);
        collective::svg(&run.title, &machine, &run.before, &run.after)
    } else {
        let tables = printed::scaling(&text).unwrap_or_else(|e| refuse(&e));
        // The course's tables (pi-scaling --course) were measured elsewhere: reference lines,
        // and the machine line on top is this machine's.
        let (course, ours): (Vec<_>, Vec<_>) =
            tables.into_iter().partition(|(t, _)| t.name.starts_with("course"));
        let machine = ours.first().or(course.first()).map(|(_, m)| m.clone()).unwrap_or_default();
        let strip = |tables: Vec<_>| tables.into_iter().map(|(t, _)| t).collect::<Vec<_>>();
        scaling::svg(&strip(ours), &strip(course), &machine)
    };
    let svg = svg.unwrap_or_else(|e| course_support::fail(&format!("drawing: {e}")));
    std::io::stdout().write_all(svg.as_bytes()).or_exit("write");
}
