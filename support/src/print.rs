//! Arrays printed as Python prints lists.

use std::io::{self, BufWriter, Write};

use crate::OrExit;

/// Prints `label` then `tab` as Python prints a list of floats, `[0.5, 100.25]`, one value at a
/// time (a list of 10^8 values is never held as text).
pub fn print_list(label: &str, tab: &[f64]) {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut write = || -> io::Result<()> {
        write!(out, "{label}[")?;
        for (i, x) in tab.iter().enumerate() {
            write!(out, "{}{x:?}", if i == 0 { "" } else { ", " })?;
        }
        writeln!(out, "]")?;
        out.flush()
    };
    write().or_exit("write");
}
