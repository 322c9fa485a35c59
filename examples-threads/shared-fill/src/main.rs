//! « Du vrai multi-thread en Python - le module `threading` » → « Création et utilisation des threads »
//!
//! Mirrors `fill_random`: `nb_threads` threads fill one shared array of `N` slots, thread `tid`
//! writing `tid*100 + random()` into its own part, without a lock.
//!
//! Run:     cargo run -p shared-fill           (or `-- 11 3` for N = 11 and 3 threads)
//! Observe: every slot is written; slot values start at 0.…, 100.…, 200.… by owning thread.
//! Where Python trusts the programmer to keep the parts apart, Rust checks it: `split_at_mut`
//! hands each thread its own `&mut` part, and scoped threads may borrow the array because they
//! are all joined before `thread::scope` returns. Unlike the Python cell, the remainder of
//! N / nb_threads is not left as `None`: the last thread takes it, as in `pi_thread_worker`.
//! Exercises: 2 (EXERCISES.md).

use course_support::{Args, OrExit, fail};
use std::thread;

const USAGE: &str =
    "usage: shared-fill [N] [THREADS]    N: 1 to 1000000, default 10; THREADS: 1 to 1000, default 2
THREADS threads fill their own part of one array of N random numbers.";

// ANCHOR: fill-random
fn fill_random(tid: usize, tab: &mut [Option<f64>]) {
    for slot in tab.iter_mut() {
        *slot = Some(tid as f64 * 100.0 + rand::random::<f64>());
    }
}
// ANCHOR_END: fill-random

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    let nb_threads = args.count("THREADS", 1000, 2);
    args.end();

    // ANCHOR: scope
    let n_by_threads = n / nb_threads;
    let mut res: Vec<Option<f64>> = vec![None; n]; // the common array, as `[None]*N`
    thread::scope(|s| {
        let mut rest = &mut res[..];
        for tid in 0..nb_threads {
            let len = if tid == nb_threads - 1 { rest.len() } else { n_by_threads };
            let (part, tail) = rest.split_at_mut(len);
            rest = tail;
            thread::Builder::new().spawn_scoped(s, move || fill_random(tid, part)).or_exit("spawn");
        }
    }); // every thread is joined here
    // ANCHOR_END: scope

    let shown: Vec<String> =
        res.iter().map(|x| x.map_or("None".into(), |v| v.to_string())).collect();
    println!("[{}]", shown.join(", "));
    if res.contains(&None) {
        fail("some slots were not written");
    }
}
