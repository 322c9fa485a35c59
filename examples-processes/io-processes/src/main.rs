//! « Du vrai-faux multi-thread en Python - le module `multiprocessing` »
//!
//! The course's "Vous pouvez pour vous entraîner" exercise: io-thread with processes. One child
//! prints "I am the first process I do nothing" 10 times (`task_1`) while another writes
//! "I am the second process" to a file (`task_2`); after reaping both, the parent prints
//! "File content : …".
//!
//! Run:     cargo run -p io-processes           (or `-- notes.txt` to keep the file)
//! Observe: the parent reads what a child wrote: the processes share no memory, but files, yes.
//! Unlike the course's fixed /tmp/stupid.txt, the default file is a fresh one, created
//! exclusively in the temporary directory and removed at the end.
//! Exercises: none start here; it answers 9 (EXERCISES.md).

use course_support::{Args, OrExit, check_children, child_exit};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

const USAGE: &str = "usage: io-processes [PATH]    PATH: file to write and keep (default: a fresh temporary file, removed at the end)
One process prints 10 lines while another writes a file.";

fn task_1() {
    for _ in 0..10 {
        println!("I am the first process I do nothing");
    }
}

fn task_2(fname: &Path) -> io::Result<()> {
    let written = File::create(fname).and_then(|mut fid| fid.write_all(b"I am the second process"));
    written.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", fname.display())))
}

fn main() {
    let mut args = Args::new(USAGE);
    let fname = args.path_or_temporary();
    args.end();

    // ANCHOR: two-forks
    // Two different tasks, so two `fork`s written out rather than a loop.
    io::stdout().flush().or_exit("write"); // or the child inherits a copy of what is buffered
    // SAFETY: no other thread exists, so the child may run any code.
    let process_1 = match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => child_exit(task_1),
        ForkResult::Parent { child } => child,
    };
    io::stdout().flush().or_exit("write");
    // SAFETY: as above.
    let process_2 = match unsafe { fork() }.or_exit("fork") {
        ForkResult::Child => child_exit(|| task_2(&fname)),
        ForkResult::Parent { child } => child,
    };
    // ANCHOR_END: two-forks

    // ANCHOR: join-and-read
    let ends = [process_1, process_2].map(|p| waitpid(p, None).or_exit("waitpid")); // p.join()
    check_children(&ends); // a child that failed is reported, and the program fails
    let content = fs::read_to_string(&fname).or_exit(format!("read {}", fname.display()));
    println!("File content : {content}");
    // ANCHOR_END: join-and-read
}
