//! Arrays printed as Python prints them: a list, or a numpy array. Each is read back by one
//! reader, in `harness::read`, whose tests print with these.

use std::io::{self, BufWriter, Write};

use crate::OrExit;

/// Prints `label` then `tab` as Python prints a list of floats, `[0.5, 100.25]`, one value at a
/// time (a list of 10^8 values is never held as text).
pub fn print_list(label: &str, tab: &[f64]) {
    let mut out = BufWriter::new(io::stdout().lock());
    write_list(&mut out, label, tab).and_then(|()| out.flush()).or_exit("write");
}

/// Writes [`print_list`]'s line to `out`: every digit of each value (the shortest that reads
/// back the same `f64`), as Python's `repr`.
pub fn write_list(out: &mut impl Write, label: &str, tab: &[f64]) -> io::Result<()> {
    write!(out, "{label}[")?;
    for (i, x) in tab.iter().enumerate() {
        write!(out, "{}{x:?}", if i == 0 { "" } else { ", " })?;
    }
    writeln!(out, "]")
}

/// `values` as numpy prints an array, `[0.5488135 0.71518937 0.]`, but with every digit (the
/// shortest that reads back the same `f64`): a value that travelled can be compared digit for
/// digit with the one that was sent (the MPI examples).
pub fn numpy(values: &[f64]) -> String {
    let show = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}.") } else { format!("{v:?}") };
    format!("[{}]", values.iter().map(show).collect::<Vec<_>>().join(" "))
}
