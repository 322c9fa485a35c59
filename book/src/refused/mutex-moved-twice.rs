// One `Mutex` moved into two threads: a value has one owner, so the second `move` is refused.
// `Arc` gives the threads shared owners of the one Mutex (see mutex-counter).
use std::sync::Mutex;
use std::thread;

fn main() {
    let counter = Mutex::new(0);
    let mut handles = Vec::new();
    for _ in 0..2 {
        handles.push(thread::spawn(move || {
            *counter.lock().expect("the lock is poisoned") += 1;
        }));
    }
    for handle in handles {
        handle.join().expect("the thread panicked");
    }
}
