//! The same as `tests/build.rs`: sets `no_mpi` where MPI is missing, so that the MPI exercises'
//! test is reported as ignored, with the reason (never under `COURSE_REQUIRE_MPI=1`).

#[path = "../../tests/build.rs"]
mod probe;

fn main() {
    println!("cargo::rerun-if-changed=../../tests/build.rs");
    probe::main();
}
