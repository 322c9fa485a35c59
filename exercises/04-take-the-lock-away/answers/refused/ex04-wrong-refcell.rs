//! A kept wrong answer of exercise 4 (its `teacher.md`): the counter put in an
//! `Arc<RefCell<Counter>>` to get a `&mut` without a lock. The compiler refuses it, but with
//! `error[E0277]`, "`RefCell<Counter>` cannot be shared between threads safely", not the lesson's
//! error, so the check rejects it at "the refusal is the lesson's". It is not part of any crate
//! (it does not compile): the answer-key test compiles it alone with rustc.

use std::cell::RefCell;
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

fn worker(counter: Arc<RefCell<Counter>>) {
    for _ in 0..100 {
        counter.borrow_mut().incr(); // the mistake: a RefCell is for one thread only
    }
}

fn main() {
    let counter = Arc::new(RefCell::new(Counter { counter: 0 }));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || worker(counter))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    println!("Counter = {}", counter.borrow().current());
}
