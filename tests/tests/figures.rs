//! The SVG figures: `pi-threads --svg`, `pi-gil --svg` (the course's picture gil.png, from real
//! runs) and `pi-scaling --svg`. Each file must parse as XML and hold one series per thread or
//! program, with the right number of bars or points.

use course_tests::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn svg_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("figure-{name}-{}.svg", std::process::id()))
}

/// Runs `program args --svg FILE`, parses FILE, removes it, and returns its text.
fn figure(program: &str, args: &[&str]) -> String {
    let path = svg_path(program);
    let r = run(program, &[args, &["--svg", path.to_str().unwrap()]].concat());
    r.ok();
    let text = std::fs::read_to_string(&path).expect("the SVG file");
    std::fs::remove_file(&path).unwrap();
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{program}: not XML: {e}"));
    text
}

/// The coloured bars of a timeline, by colour: each (x, x + width) in pixels.
fn bars(text: &str) -> BTreeMap<String, Vec<(f64, f64)>> {
    let doc = roxmltree::Document::parse(text).unwrap();
    let mut bars: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for rect in doc.descendants().filter(|n| n.has_tag_name("rect")) {
        let fill = rect.attribute("fill").unwrap_or_default();
        if fill == "#FFFFFF" {
            continue; // the background
        }
        let number = |a: &str| rect.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap();
        bars.entry(fill.to_string())
            .or_default()
            .push((number("x"), number("x") + number("width")));
    }
    bars
}

/// The coloured lines of a figure (the axes and ticks are black): how many points each has.
fn lines(text: &str) -> Vec<usize> {
    let doc = roxmltree::Document::parse(text).unwrap();
    let polylines = doc.descendants().filter(|n| n.has_tag_name("polyline"));
    let coloured = polylines.filter(|n| n.attribute("stroke") != Some("#000000"));
    coloured.map(|n| n.attribute("points").unwrap_or_default().split_whitespace().count()).collect()
}

#[test]
fn pi_threads_svg_has_one_bar_per_thread() {
    for threads in [1, 3] {
        let text = figure("pi-threads", &[&threads.to_string(), "1e6"]);
        let bars = bars(&text);
        assert_eq!(bars.len(), threads, "one colour per thread: {bars:?}");
        assert!(bars.values().all(|b| b.len() == 1), "one bar per thread: {bars:?}");
        assert!(text.contains(&format!("pi-threads: {threads} threads, 1000000 points")));
        assert!(
            text.contains("logical cores") && text.contains("rustc"),
            "no machine in the figure"
        );
    }
}

/// Under the GIL the bars of two threads never overlap in time (a pixel of rounding apart).
#[test]
fn pi_gil_svg_threads_take_turns() {
    let text = figure("pi-gil", &["2", "3e7"]);
    let bars = bars(&text);
    assert_eq!(bars.len(), 2, "{bars:?}");
    let rows: Vec<&Vec<(f64, f64)>> = bars.values().collect();
    assert!(rows.iter().all(|r| r.len() > 1), "each thread computed in several slices: {rows:?}");
    for a in rows[0] {
        for b in rows[1] {
            let overlap = a.1.min(b.1) - a.0.max(b.0);
            assert!(overlap <= 1.0, "bars {a:?} and {b:?} overlap by {overlap} px");
        }
    }
}

#[test]
fn pi_scaling_svg_has_a_line_per_program_with_a_point_per_count() {
    let args = ["--program", "pi-threads", "--program", "pi-processes", "--workers", "1,2,3"];
    let text = figure("pi-scaling", &[&args[..], &["--points", "1e4"]].concat());
    // Time: 2 programs; speedup: the ideal line and 2 programs; 3 points each.
    assert_eq!(lines(&text), vec![3; 5], "{text}");
    for label in ["pi-threads", "pi-processes", "ideal", "time (s)", "speedup", "workers"] {
        assert!(text.contains(label), "no '{label}' in the figure");
    }
    let with_course = figure("pi-scaling", &[&args[..], &["--points", "1e4", "--course"]].concat());
    let mut counts = lines(&with_course);
    counts.sort();
    // The ideal line now runs to 24 workers; the course's tables have 13 points each.
    assert_eq!(counts, vec![3, 3, 3, 3, 13, 13, 24], "{with_course}");
    assert!(with_course.contains("course, Python, 24-core node, 10^9 points"));
}

#[test]
fn an_unwritable_svg_path_is_one_line_and_a_failure() {
    let bad = "/nonexistent-dir/figure.svg";
    for (program, args) in [
        ("pi-threads", &["2", "1000", "--svg", bad][..]),
        ("pi-gil", &["2", "1000", "--svg", bad][..]),
        ("pi-scaling", &["--workers", "1", "--points", "1000", "--svg", bad][..]),
    ] {
        let r = run(program, args);
        assert_eq!(r.code(), Some(1), "{program}: {:?} {}", r.status, r.stderr);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert!(lines.len() == 1 && lines[0].contains(bad), "{program}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked") && !r.stdout.contains("PI ="), "{r:?}");
    }
    for program in ["pi-threads", "pi-gil", "pi-scaling"] {
        assert_usage_error(program, &["--svg"], "'--svg'");
    }
}
