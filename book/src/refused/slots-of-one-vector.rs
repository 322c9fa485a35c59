// The course's C++ pi_thread gives every thread a reference to one vector, and each thread
// writes its own slot. C++ compiles that. Rust refuses it: two threads may not hold a `&mut`
// to the same vector at once, even to write different slots.
use std::thread;

fn main() {
    let mut pi_contrib = vec![0.0; 2];
    thread::scope(|s| {
        s.spawn(|| pi_contrib[0] = 1.5);
        s.spawn(|| pi_contrib[1] = 1.6);
    });
    println!("PI = {}", pi_contrib[0] + pi_contrib[1]);
}
