//! A kept wrong answer of exercise 4 (its `teacher.md`): the counter made a `static mut` and
//! incremented in `unsafe` blocks, which the compiler accepts. It compiles, so the check of
//! exercise 4 (the compiler must refuse the program) rejects it; and it loses updates.

use std::thread;

struct Counter {
    counter: u64,
}

impl Counter {
    fn incr(&mut self) {
        self.counter += 1;
    }
}

static mut COUNTER: Counter = Counter { counter: 0 };

fn worker() {
    for _ in 0..100 {
        // SAFETY: none: four threads write this memory at once, the data race of the lesson.
        unsafe { (*std::ptr::addr_of_mut!(COUNTER)).incr() };
    }
}

fn main() {
    let threads: Vec<_> = (0..4).map(|_| thread::spawn(worker)).collect();
    for t in threads {
        t.join().unwrap();
    }
    // SAFETY: every thread is joined: nothing else touches the counter now.
    println!("Counter = {}", unsafe { (*std::ptr::addr_of!(COUNTER)).counter });
}
