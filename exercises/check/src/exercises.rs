//! The exercises of EXERCISES.md: number, title, the example each starts from, how it is checked.
//! A test (`answer-key`) checks that EXERCISES.md says the same.

/// How an exercise is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Its outcome is a fact: the check runs the program and asserts it.
    Checked,
    /// Its outcome is a compiler error: the check builds the program and reads the refusal.
    Refused,
    /// Its outcome is a timing (or needs what the machine may lack): `check N` runs the
    /// commands and shows the figures, asserting nothing.
    Observed,
}

/// One exercise of EXERCISES.md.
#[derive(Debug)]
pub struct Exercise {
    pub number: usize,
    pub title: &'static str,
    /// The example `start N` copies.
    pub start: &'static str,
    pub kind: Kind,
}

const fn ex(number: usize, title: &'static str, start: &'static str, kind: Kind) -> Exercise {
    Exercise { number, title, start, kind }
}

use Kind::*;

pub const EXERCISES: [Exercise; 25] = [
    ex(1, "Count the lines through `join`", "two-threads", Checked),
    ex(2, "Make shared-fill reproducible", "shared-fill", Checked),
    ex(3, "Read before the join", "io-thread", Checked),
    ex(4, "Take the lock away", "mutex-counter", Refused),
    ex(5, "Repair the racy counter without a lock", "racy-counter", Checked),
    ex(6, "One lock per worker", "mutex-counter", Checked),
    ex(7, "Lock a shared descriptor", "file-counter", Checked),
    ex(8, "Append without the lock", "locked-append", Checked),
    ex(9, "The course's \"Vous pouvez pour vous entraîner\"", "io-thread", Checked),
    ex(10, "The course's Exercice: memory that does not grow", "process-fill-queue", Checked),
    ex(11, "Forget `_exit`", "two-processes", Checked),
    ex(12, "The same random numbers", "process-fill", Checked),
    ex(13, "Send the parts through a channel", "pi-threads", Checked),
    ex(14, "Where does the error come from?", "pi-sequential", Checked),
    ex(15, "What a thread and a process cost", "pi-scaling", Observed),
    ex(16, "When do 2 workers stop paying off?", "pi-threads", Observed),
    ex(17, "The course's cluster tables on your machine", "pi-scaling", Observed),
    ex(18, "The GIL, default and free-threaded", "pi-gil", Observed),
    ex(19, "How many partial sums?", "pi-simd", Checked),
    ex(20, "Why are the last digits different?", "pi-simd", Checked),
    ex(21, "Fold and reduce", "pi-rayon", Checked),
    ex(22, "A token around the ring", "mpi-send-recv", Checked),
    ex(23, "Reduce instead of Allreduce", "pi-mpi-allreduce", Checked),
    ex(24, "Scatterv, when the ranks do not divide the array", "mpi-scatter", Checked),
    ex(25, "The deadlock made safe", "mpi-exchange", Checked),
];

/// Exercise `n`, if there is one.
pub fn exercise(n: usize) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.number == n)
}
