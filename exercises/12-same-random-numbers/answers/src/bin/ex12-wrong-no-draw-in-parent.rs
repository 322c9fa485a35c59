//! A kept wrong answer of exercise 12: the child ends itself without `child_exit`, as asked, but
//! the parent draws no number before the `fork`s. Its generator is made on its first use, so each
//! child makes its own, seeded from the system: the numbers differ. The check rejects it at
//! "process k's numbers are process 0's + 100 k, digit for digit".

use course_support::{Args, OrExit, check_children};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::io::{self, Write};
use std::ops::Range;

const USAGE: &str = "usage: ex12-wrong-no-draw-in-parent [N] [PROCESSES]    N: 1 to 1000000, default 10; PROCESSES: 1 to 256, default 2
PROCESSES processes fill their own copy of an array of N random numbers; the parent's array stays empty.";

fn fill_random(tid: usize, part: Range<usize>, tab: &mut [Option<f64>]) {
    for slot in &mut tab[part] {
        *slot = Some(tid as f64 * 100.0 + rand::random::<f64>());
    }
    // One write for the whole line: short lines of different children do not mix.
    let line = format!("Proc {tid} tab = {}\n", show(tab));
    io::stdout().write_all(line.as_bytes()).or_exit("write");
}

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    let nb_process = args.count("PROCESSES", 256, 2);
    args.end();

    let mut res: Vec<Option<f64>> = vec![None; n]; // "the common array", as `[None]*N`
    // The mistake: no draw here, so the parent has no generator yet for the children to copy.
    let mut procs = Vec::new();
    for i in 0..nb_process {
        io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
        // SAFETY: no other thread exists, so the child may run any code.
        match unsafe { fork() }.or_exit("fork") {
            ForkResult::Child => {
                fill_random(i, part(i, n, nb_process), &mut res); // no reseeding
                io::stdout().flush().or_exit("write");
                // SAFETY: `_exit` ends the child at once; nothing runs after it.
                unsafe { nix::libc::_exit(0) }
            }
            ForkResult::Parent { child } => procs.push(child),
        }
    }

    // p.join() for each p; `waitpid` also says how the child ended.
    let ends: Vec<_> = procs.into_iter().map(|p| waitpid(p, None).or_exit("waitpid")).collect();
    check_children(&ends); // a child that failed is reported, and the program fails
    println!("{}", show(&res));
}

/// Slots of process `tid`: `N_by_process` each, the last process also takes the remainder.
fn part(tid: usize, n: usize, nb_process: usize) -> Range<usize> {
    let n_by_process = n / nb_process;
    let end = if tid == nb_process - 1 { n } else { (tid + 1) * n_by_process };
    tid * n_by_process..end
}

/// `tab` written as Python prints a list: `[0.5, 100.25, None]`.
fn show(tab: &[Option<f64>]) -> String {
    let items: Vec<String> =
        tab.iter().map(|x| x.map_or("None".into(), |v| format!("{v:?}"))).collect();
    format!("[{}]", items.join(", "))
}
