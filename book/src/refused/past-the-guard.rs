// A reference to the data kept after its guard is gone: the lock would be released while
// the data is still in use, so the compiler refuses.
use std::sync::Mutex;

fn main() {
    let counter = Mutex::new(0);
    let value = {
        let guard = counter.lock().expect("the lock is poisoned");
        &*guard
    };
    println!("Counter = {value}");
}
