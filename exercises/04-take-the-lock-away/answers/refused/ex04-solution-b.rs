// Exercise 4 (EXERCISES.md), part 2: the course's `Counter` shared by 4 threads, incremented
// without any lock, written as literally as Rust allows. The compiler refuses it:
// error[E0596]: cannot borrow data in an `Arc` as mutable.
// Not part of any crate: a test compiles it with rustc and checks the refusal.
use std::sync::Arc;
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

fn worker(counter: Arc<Counter>) {
    for _ in 0..100 {
        counter.incr(); // no mutex.acquire() / mutex.release()
    }
}

fn main() {
    let counter = Arc::new(Counter { counter: 0 });
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || worker(counter))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    println!("Counter = {}", counter.current());
}
