//! Solution of exercises 19 and 20 (EXERCISES.md), from pi-simd.
//!
//! What changed: the number of partial sums per thread, LANES, is a const generic parameter of
//! the worker (and of the `worker_…` functions compiled for each instruction set), chosen by a
//! third argument: 1, 2, 4, 8 or 16.
//!
//! Run:     cargo run --release -p ex19-answers --bin ex19-solution -- 1 1e9 1   (then 2, 4, 8, 16)
//! Observe: the time falls from pi-threads' (LANES = 1) to the division limit, reached when the
//!          sums fill a vector register (4 with AVX2, 2 with SSE2); with LANES = 1 the `PI = …`
//!          line is exactly pi-threads' (checked).

use course_support::{Args, Clock, OrExit};
use std::f64::consts::PI;
use std::thread;

const USAGE: &str = "usage: ex19-solution [THREADS] [POINTS] [LANES] [--simd NAME]    THREADS: 1 to 1024, default: the number of logical cores; POINTS: 1 to 10^13, as 100000000, 100_000_000 or 1e8 (the default); LANES: 1, 2, 4, 8 or 16 partial sums per thread, default 8; NAME: avx512 (AVX-512F, DQ and VL), avx2 (AVX2 and FMA) or baseline (SSE2 on x86-64), default: the widest this CPU has
π by the midpoint rule, the POINTS split among THREADS threads as in pi-threads; each thread keeps LANES partial sums.
POINTS may be fewer than THREADS: the first threads then get no point, the last takes them all.";

/// This thread's part of the sum, in LANES independent partial sums.
#[inline(always)] // compiled again inside each `worker_…` below, for its instruction set
fn pi_simd_worker<const LANES: usize>(nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
    let l = 1.0 / nbpoint as f64;
    let start = tid * (nbpoint / nbthread);
    let mut stop = (tid + 1) * (nbpoint / nbthread);
    if tid == nbthread - 1 {
        stop += nbpoint % nbthread; // the last thread
    }
    let mut s = [0.0; LANES];
    // i + 0.5 of each lane, as a float: adding LANES to it is exact (below 2^52), and cheaper
    // than turning i into a float at each step.
    let mut mid: [f64; LANES] = std::array::from_fn(|k| (start + k as i64) as f64 + 0.5);
    let mut i = start;
    while i + LANES as i64 <= stop {
        for (sum, mid) in s.iter_mut().zip(&mut mid) {
            let x = l * *mid; // the same steps in every lane
            *sum += l * (4.0 / (1.0 + x * x));
            *mid += LANES as f64;
        }
        i += LANES as i64;
    }
    while i < stop {
        let x = l * (i as f64 + 0.5); // the last points, fewer than LANES
        s[0] += l * (4.0 / (1.0 + x * x));
        i += 1;
    }
    s.iter().sum()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn worker_avx512<const LANES: usize>(nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
    pi_simd_worker::<LANES>(nbpoint, tid, nbthread)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn worker_avx2<const LANES: usize>(nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
    pi_simd_worker::<LANES>(nbpoint, tid, nbthread)
}

/// The instruction sets this program is compiled for, widest first; the baseline is what every
/// CPU of the architecture has (SSE2 on x86-64, NEON on aarch64).
#[derive(Clone, Copy)]
enum Simd {
    Avx512,
    Avx2,
    Baseline,
}

impl Simd {
    const ALL: [Simd; 3] = [Simd::Avx512, Simd::Avx2, Simd::Baseline];

    fn name(self) -> &'static str {
        match self {
            Simd::Avx512 => "avx512",
            Simd::Avx2 => "avx2",
            Simd::Baseline => "baseline",
        }
    }

    /// Whether this CPU has the set, asked at run time.
    fn on_this_cpu(self) -> bool {
        #[cfg(target_arch = "x86_64")]
        let found = match self {
            Simd::Avx512 => {
                is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512dq")
                    && is_x86_feature_detected!("avx512vl")
            }
            Simd::Avx2 => is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"),
            Simd::Baseline => true,
        };
        #[cfg(not(target_arch = "x86_64"))]
        let found = matches!(self, Simd::Baseline);
        found
    }

    fn worker<const LANES: usize>(self, nbpoint: i64, tid: i64, nbthread: i64) -> f64 {
        match self {
            // SAFETY: `main` uses a set only if `on_this_cpu` found it.
            #[cfg(target_arch = "x86_64")]
            Simd::Avx512 => unsafe { worker_avx512::<LANES>(nbpoint, tid, nbthread) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2 => unsafe { worker_avx2::<LANES>(nbpoint, tid, nbthread) },
            _ => pi_simd_worker::<LANES>(nbpoint, tid, nbthread),
        }
    }
}

fn compute_pi_simd<const LANES: usize>(nbpoint: i64, nbthread: i64, simd: Simd) -> f64 {
    let threads: Vec<_> = (0..nbthread)
        .map(|tid| {
            let worker = move || simd.worker::<LANES>(nbpoint, tid, nbthread);
            thread::Builder::new().spawn(worker).or_exit("spawn")
        })
        .collect();
    threads.into_iter().map(|t| t.join().expect("a thread panicked")).sum()
}

fn main() {
    let clock = Clock::start();
    let mut args = Args::new(USAGE);
    let choice = args.option("--simd");
    let nbthread = args.count("THREADS", 1024, num_cpus::get().min(1024) as i64);
    let nbpoint = args.points(100_000_000);
    let lanes = args.count("LANES", 16, 8);
    if ![1, 2, 4, 8, 16].contains(&lanes) {
        args.error(&format!("LANES must be 1, 2, 4, 8 or 16, got '{lanes}'"));
    }
    let simd = match choice {
        None => Simd::ALL.into_iter().find(|s| s.on_this_cpu()).expect("the baseline"),
        Some(name) => match Simd::ALL.into_iter().find(|s| s.name() == name) {
            Some(simd) if simd.on_this_cpu() => simd,
            Some(_) => args.error(&format!("this CPU does not have '{name}'")),
            None => args.error(&format!("NAME must be avx512, avx2 or baseline, got '{name}'")),
        },
    };
    args.end();

    let pi_est_simd = match lanes {
        1 => compute_pi_simd::<1>(nbpoint, nbthread, simd),
        2 => compute_pi_simd::<2>(nbpoint, nbthread, simd),
        4 => compute_pi_simd::<4>(nbpoint, nbthread, simd),
        8 => compute_pi_simd::<8>(nbpoint, nbthread, simd),
        _ => compute_pi_simd::<16>(nbpoint, nbthread, simd),
    };
    println!("PI = {pi_est_simd}");
    let error = (PI - pi_est_simd).abs() / PI * 100.0;
    println!("std::f64::consts::PI = {PI} => error = {error:e}%");
    clock.print();
    println!("instruction set: {} ({lanes} partial sums per thread)", simd.name());
}
