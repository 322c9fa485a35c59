//! The figure of a collective call (the course's pictures bcast.png, scatter_gather.png,
//! allgather.png, alltoall.png): what every rank held before and after it, drawn by
//! `figures collective` from what the MPI program printed.

use plotters::prelude::*;

/// The values of every rank before and after a collective call: one row per rank, wrapped into
/// blocks as long as the shortest row (the unit the call moves: rank 0's array of a Scatter,
/// one row per rank after a Gather), each value in a box (3 decimals), before on the left,
/// after on the right; `title`, then `machine` above. A value keeps its colour on both sides: the colour of the rank that held it
/// before the call, or, when all the values started on one rank (Scatter), of the rank it
/// went to; grey for a zero or a value that no rank held before (a sum).
pub fn svg(
    title: &str,
    machine: &str,
    before: &[Vec<f64>],
    after: &[Vec<f64>],
) -> Result<String, Box<dyn std::error::Error>> {
    let rows = || before.iter().chain(after).map(Vec::len).filter(|&len| len > 0);
    let wrap = rows().min().unwrap_or(1);
    let ranks = before.len().max(after.len());
    let lines = |r: usize| {
        let len = |rows: &[Vec<f64>]| rows.get(r).map_or(0, Vec::len);
        len(before).max(len(after)).div_ceil(wrap).max(1) as u32
    };
    let one_source = before.iter().filter(|row| row.iter().any(|&v| v != 0.0)).count() == 1;
    let color_of = |v: f64, own: Option<usize>| {
        let holders = |rows: &[Vec<f64>]| -> Vec<usize> {
            (0..rows.len()).filter(|&r| v != 0.0 && rows[r].contains(&v)).collect()
        };
        let (from, to) = (holders(before), holders(after));
        let rank = match (one_source, to.as_slice()) {
            (true, [dest]) => Some(*dest),
            _ => own.filter(|_| v != 0.0).or(from.first().copied()),
        };
        match rank {
            Some(r) => Palette99::pick(r).mix(0.35).filled(),
            None => RGBColor(220, 220, 220).filled(),
        }
    };
    let mut svg = String::new();
    {
        let widest = rows().max().unwrap_or(1).min(wrap);
        let (cell, line) = (52u32, 30u32);
        let panel = 90 + cell * widest as u32;
        let height = 110 + (0..ranks).map(|r| lines(r) * line + 6).sum::<u32>();
        let width = (2 * panel + 40).max(crate::WIDTH);
        let root = SVGBackend::with_string(&mut svg, (width, height + 20)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = crate::title_machine(root, machine)?;
        let root = root.titled(title, ("sans-serif", 20))?;
        let text = |s: String, x: u32, y: u32, size: u32| {
            Text::new(s, (x as i32, y as i32), ("sans-serif", size).into_font())
        };
        for (k, (name, rows)) in [("before", before), ("after", after)].into_iter().enumerate() {
            let x0 = 20 + k as u32 * panel;
            root.draw(&text(name.to_string(), x0 + 80, 8, 17))?;
            let mut y = 36;
            for rank in 0..ranks {
                root.draw(&text(format!("rank {rank}"), x0, y + 8, crate::TEXT))?;
                let values = rows.get(rank).map_or(&[][..], Vec::as_slice);
                for (j, &v) in values.iter().enumerate() {
                    let (x, y) = (x0 + 70 + (j % wrap) as u32 * cell, y + (j / wrap) as u32 * line);
                    let own = (k == 0).then_some(rank);
                    let corners =
                        [(x as i32, y as i32), ((x + cell - 4) as i32, (y + line - 4) as i32)];
                    root.draw(&Rectangle::new(corners, color_of(v, own)))?;
                    root.draw(&text(format!("{v:.3}"), x + 5, y + 6, crate::TEXT))?;
                }
                y += lines(rank) * line + 6;
            }
        }
        root.present()?;
    }
    Ok(svg)
}
