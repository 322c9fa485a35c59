// An `Rc` (a counter of owners that is not atomic) sent to another thread: two threads could
// update its count at once, so `Rc` is not `Send` and the compiler refuses.
use std::rc::Rc;
use std::thread;

fn main() {
    let shared = Rc::new(vec![1, 2, 3]);
    let copy = Rc::clone(&shared);
    let handle = thread::spawn(move || {
        println!("{copy:?}");
    });
    handle.join().expect("the thread panicked");
    println!("{shared:?}");
}
