//! Exercise 18, The GIL, default and free-threaded: medians printed, nothing asserted.

use crate::observe::*;

/// The first of `names` found on the PATH.
fn find_python(names: &[&str]) -> Option<String> {
    let ok = |name: &&str| {
        Command::new(name).arg("-c").arg("pass").output().is_ok_and(|o| o.status.success())
    };
    names.iter().find(|n| ok(n)).map(|n| n.to_string())
}

pub fn observe() -> bool {
    let default = find_python(&["python3.14", "python3.13"]);
    let free = find_python(&["python3.14t", "python3.13t"]);
    let (Some(default), Some(free)) = (default, free) else {
        println!(
            "This exercise needs CPython 3.13 or later in both builds on the PATH: the default one\n\
             (python3.13) and the free-threaded one (python3.13t, PEP 703). Not found here; install\n\
             both (e.g. from python.org or `uv python install 3.13t`) and run this again."
        );
        return true;
    };
    let script = std::env::temp_dir().join(format!("check-gil-{}.py", std::process::id()));
    if std::fs::write(&script, COURSE_CELL).is_err() {
        println!("could not write {}", script.display());
        return false;
    }
    for python in [default, free] {
        println!("\n{python}: compute_pi_thread(10000000, T), medians of {RUNS} runs");
        for threads in ["1", "2", "4"] {
            let mut seconds = Vec::new();
            let mut gil = String::new();
            for _ in 0..RUNS {
                let mut cmd = Command::new(&python);
                cmd.arg(&script).arg(threads);
                let shown = format!("{python} pi.py {threads}");
                let r = run_watched(&mut cmd, shown, LONG_TIMEOUT, |_| {});
                let mut words = r.stdout.split_whitespace();
                match (r.succeeded(), words.next().and_then(|s| s.parse::<f64>().ok())) {
                    (true, Some(s)) => seconds.push(s),
                    _ => {
                        println!("`{}` failed: {}", r.command, r.ended());
                        let _ = std::fs::remove_file(&script);
                        return false;
                    }
                }
                gil = words.next().unwrap_or_default().to_string();
            }
            println!(
                "{threads} threads => {:.3} s   (sys._is_gil_enabled() = {gil})",
                median(seconds)
            );
        }
    }
    let _ = std::fs::remove_file(&script);
    println!(
        "\nCompare: with the GIL the time stays the same whatever the threads (as pi-gil); without\n\
         it, it falls with the threads up to the number of cores (as pi-threads)."
    );
    true
}
