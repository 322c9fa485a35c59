//! `harness::limits`: a confined run gets its folder and its limits, another run does not
//! (outside the crate: the limits and the run loop are modules that do not import each other).

use harness::limits::{Confinement, Limits, confine, tasks_of_this_user};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

/// A confined program runs in its folder, under its limits; another program is not
/// confined. (As the current user: `check`'s and the answer key's tests run a class as
/// a user of its own when root.)
#[test]
fn a_confined_command_gets_its_folder_and_limits() {
    let scratch = harness::Scratch::new("harness-limits");
    let home = scratch.0.join("home");
    std::fs::create_dir(&home).unwrap();
    let script = scratch.0.join("program");
    let body = "#!/bin/sh\npwd; echo \"$HOME\"; echo \"$TMPDIR\"; ulimit -f; ulimit -v; ulimit -t\nexec head -c 2000000 /dev/zero > big\n";
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, PermissionsExt::from_mode(0o755)).unwrap();
    let limits = Limits {
        processes: tasks_of_this_user() + 64,
        memory: 1 << 30,
        file_size: 1 << 20,
        cpu_seconds: 10,
    };
    let dir = scratch.0.clone();
    confine(Some(Confinement { dir, home: home.clone(), limits, user: None }));
    let r = harness::run_command(&mut Command::new(&script), "program");
    let outside = harness::run_command(Command::new("sh").args(["-c", "pwd; ulimit -f"]), "sh");
    confine(None);
    let home = home.display().to_string();
    // `ulimit -f` counts blocks of 512 bytes, `-v` KiB.
    let expected = [home.as_str(), &home, &home, "2048", "1048576", "10"];
    assert_eq!(r.lines(), expected, "{}", r.stderr);
    assert_eq!(r.signal(), Some(nix::libc::SIGXFSZ), "{}", r.ended());
    assert_eq!(std::fs::metadata(scratch.0.join("home/big")).unwrap().len(), 1 << 20);
    assert_ne!(outside.lines().first(), Some(&home.as_str()), "not confined: another folder");
    assert_ne!(outside.lines().get(1), Some(&"2048"), "not confined: no file size limit");
}
