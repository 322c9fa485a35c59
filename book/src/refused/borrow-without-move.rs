// A thread that borrows a local of `main` without `move`: the thread may outlive `main`'s
// variables, so the compiler refuses the borrow.
use std::thread;

fn main() {
    let name = String::from("thread 0");
    let handle = thread::spawn(|| {
        println!("In the {name}");
    });
    handle.join().expect("the thread panicked");
}
