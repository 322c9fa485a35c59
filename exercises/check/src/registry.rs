//! Every exercise's check, compiled into `check`: one module per exercise folder, from its
//! `check.rs`. Written by `cargo run -p book-tool -- regenerate` from the folders; do not
//! edit (a test of `check` compares it with the folders).

use crate::checker::Checker;

#[path = "../../../exercises/01-count-lines-join/check.rs"]
mod e01;
#[path = "../../../exercises/02-reproducible-fill/check.rs"]
mod e02;
#[path = "../../../exercises/03-read-before-join/check.rs"]
mod e03;
#[path = "../../../exercises/04-take-the-lock-away/check.rs"]
mod e04;
#[path = "../../../exercises/05-racy-counter-fetch-add/check.rs"]
mod e05;
#[path = "../../../exercises/06-one-lock-per-worker/check.rs"]
mod e06;
#[path = "../../../exercises/07-shared-descriptor-lock/check.rs"]
mod e07;
#[path = "../../../exercises/08-append-without-lock/check.rs"]
mod e08;
#[path = "../../../exercises/09-io-with-processes/check.rs"]
mod e09;
#[path = "../../../exercises/10-memory-that-does-not-grow/check.rs"]
mod e10;
#[path = "../../../exercises/11-forget-exit/check.rs"]
mod e11;
#[path = "../../../exercises/12-same-random-numbers/check.rs"]
mod e12;
#[path = "../../../exercises/13-parts-through-a-channel/check.rs"]
mod e13;
#[path = "../../../exercises/14-compensated-sum/check.rs"]
mod e14;
#[path = "../../../exercises/15-thread-and-process-cost/check.rs"]
mod e15;
#[path = "../../../exercises/16-two-workers-pay-off/check.rs"]
mod e16;
#[path = "../../../exercises/17-cluster-tables/check.rs"]
mod e17;
#[path = "../../../exercises/18-gil-free-threaded/check.rs"]
mod e18;
#[path = "../../../exercises/19-partial-sums/check.rs"]
mod e19;
#[path = "../../../exercises/20-last-digits/check.rs"]
mod e20;
#[path = "../../../exercises/21-fold-and-reduce/check.rs"]
mod e21;
#[path = "../../../examples-mpi/exercises/22-token-ring/check.rs"]
mod e22;
#[path = "../../../examples-mpi/exercises/23-reduce-not-allreduce/check.rs"]
mod e23;
#[path = "../../../examples-mpi/exercises/24-scatterv/check.rs"]
mod e24;
#[path = "../../../examples-mpi/exercises/25-sendrecv/check.rs"]
mod e25;

/// Exercise `n`'s check, if this tree has its folder.
pub fn checker(n: usize) -> Option<Checker> {
    match n {
        1 => Some(Checker::Program(e01::check)),
        2 => Some(Checker::Program(e02::check)),
        3 => Some(Checker::Program(e03::check)),
        4 => Some(Checker::Refusal(e04::check)),
        5 => Some(Checker::Program(e05::check)),
        6 => Some(Checker::Program(e06::check)),
        7 => Some(Checker::Program(e07::check)),
        8 => Some(Checker::Program(e08::check)),
        9 => Some(Checker::Program(e09::check)),
        10 => Some(Checker::Program(e10::check)),
        11 => Some(Checker::Program(e11::check)),
        12 => Some(Checker::Program(e12::check)),
        13 => Some(Checker::Program(e13::check)),
        14 => Some(Checker::Program(e14::check)),
        15 => Some(Checker::Observe(e15::observe)),
        16 => Some(Checker::Observe(e16::observe)),
        17 => Some(Checker::Observe(e17::observe)),
        18 => Some(Checker::Observe(e18::observe)),
        19 => Some(Checker::Program(e19::check)),
        20 => Some(Checker::Program(e20::check)),
        21 => Some(Checker::Program(e21::check)),
        22 => Some(Checker::Program(e22::check)),
        23 => Some(Checker::Program(e23::check)),
        24 => Some(Checker::Program(e24::check)),
        25 => Some(Checker::Program(e25::check)),
        _ => None,
    }
}
