//! The division limit: how fast can one core do the midpoint rule's one division per point?
//!
//! 10^9 independent `f64` divisions, 1 / d for 16 denominators that grow by one at each step,
//! on one core, with the widest vector instructions this CPU has (chosen at run time as pi-simd
//! does). Each point of pi-simd costs one such division plus a few additions and
//! multiplications, which the processor overlaps with the divisions: so pi-simd on one thread
//! cannot beat this time, and a good kernel comes close to it.
//!
//! Run:     cargo bench -p pi-simd        (a release build; prints one line per instruction set)
//!          or the benchmark's binary with `avx512`, `avx2` or `baseline` to run that one only
//!          (how the book's table times it with hyperfine, beside the pi programs).

use std::hint::black_box;
use std::time::Instant;

const DIVISIONS: i64 = 1_000_000_000;

#[inline(always)]
fn divisions(n: i64) -> f64 {
    let mut sum = [0.0f64; 16];
    let mut d: [f64; 16] = std::array::from_fn(|k| 1.0 + k as f64);
    let mut i = 0;
    while i < n {
        for (s, d) in sum.iter_mut().zip(&mut d) {
            *s += 1.0 / *d;
            *d += 16.0;
        }
        i += 16;
    }
    sum.iter().sum()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn divisions_avx512(n: i64) -> f64 {
    divisions(n)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn divisions_avx2(n: i64) -> f64 {
    divisions(n)
}

fn time(name: &str, run: impl Fn(i64) -> f64) {
    // `cargo bench` passes `--bench`; a name given alone selects one instruction set.
    let only = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    if only.is_some_and(|only| only != name) {
        return;
    }
    let start = Instant::now();
    let sum = run(black_box(DIVISIONS));
    let seconds = start.elapsed().as_secs_f64();
    println!("{name:>8}: 10^9 divisions in {seconds:.3} s ({:.2} ns each; sum {sum:.6})", seconds);
}

fn main() {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512dq")
            && is_x86_feature_detected!("avx512vl")
        {
            // SAFETY: the CPU has these features (checked just above).
            time("avx512", |n| unsafe { divisions_avx512(n) });
        }
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            // SAFETY: as above.
            time("avx2", |n| unsafe { divisions_avx2(n) });
        }
    }
    time("baseline", divisions);
}
