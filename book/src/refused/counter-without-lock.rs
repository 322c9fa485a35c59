// The course's counter, shared by four threads with no lock: Python runs it (and loses
// updates, see racy-counter); Rust refuses to build it.
use std::thread;

fn main() {
    let mut counter = 0;
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..100 {
                    counter += 1;
                }
            });
        }
    });
    println!("Counter = {counter}");
}
