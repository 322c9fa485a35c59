//! A kept wrong answer of exercise 2: every thread seeds its generator with SEED itself, not
//! SEED + tid, so every thread draws the same numbers and part 1 is part 0 + 100; reproducible,
//! so the check rejects it at "thread 1's numbers are not thread 0's + 100".

use course_support::{Args, OrExit, fail};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::thread;

const USAGE: &str = "usage: ex02-wrong-same-seed [N] [THREADS] [SEED]    N: 1 to 1000000, default 10; THREADS: 1 to 1000, default 2; SEED: 1 to 18446744073709551615, default 42
THREADS threads fill their own part of one array of N random numbers, each from a generator seeded with SEED + its number.";

fn fill_random(tid: usize, tab: &mut [Option<f64>], seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed); // the mistake: the same seed in every thread
    for slot in tab.iter_mut() {
        *slot = Some(tid as f64 * 100.0 + rng.random::<f64>());
    }
}

fn main() {
    let mut args = Args::new(USAGE);
    let n = args.count("N", 1_000_000, 10);
    let nb_threads = args.count("THREADS", 1000, 2);
    let seed = args.count("SEED", u64::MAX, 42);
    args.end();

    let n_by_threads = n / nb_threads;
    let mut res: Vec<Option<f64>> = vec![None; n]; // the common array, as `[None]*N`
    thread::scope(|s| {
        let mut rest = &mut res[..];
        for tid in 0..nb_threads {
            let len = if tid == nb_threads - 1 { rest.len() } else { n_by_threads };
            let (part, tail) = rest.split_at_mut(len);
            rest = tail;
            let worker = move || fill_random(tid, part, seed);
            thread::Builder::new().spawn_scoped(s, worker).or_exit("spawn");
        }
    }); // every thread is joined here

    let shown: Vec<String> =
        res.iter().map(|x| x.map_or("None".into(), |v| v.to_string())).collect();
    println!("[{}]", shown.join(", "));
    if res.contains(&None) {
        fail("some slots were not written");
    }
}
