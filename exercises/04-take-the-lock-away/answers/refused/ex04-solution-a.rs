// Exercise 4 (EXERCISES.md), part 1: mutex-counter with the `lock()` and the guard taken out
// of `worker` (std's Mutex here, so that rustc alone compiles it; parking_lot's says the same).
// The compiler refuses it: error[E0599]: no method named `incr` found for reference
// `&std::sync::Mutex<Counter>`: the counter lives inside the mutex, out of reach without `lock()`.
// Not part of any crate: a test compiles it with rustc and checks the refusal.
use std::sync::{Arc, Mutex};
use std::thread;

struct Counter {
    counter: u64,
}

impl Counter {
    fn incr(&mut self) {
        self.counter += 1;
    }

    fn current(&self) -> u64 {
        self.counter
    }
}

fn worker(counter: &Mutex<Counter>, increments: u64) {
    for _ in 0..increments {
        counter.incr(); // was: let mut guard = counter.lock(); guard.incr(); drop(guard);
    }
}

fn main() {
    let counter = Arc::new(Mutex::new(Counter { counter: 0 }));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || worker(&counter, 100))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    println!("Counter = {}", counter.lock().unwrap().current());
}
