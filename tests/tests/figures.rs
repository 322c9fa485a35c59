//! The SVG figures: `pi-threads --svg`, `pi-gil --svg` (the course's picture gil.png, from real
//! runs) and `pi-scaling … | figures scaling`. Each figure must parse as XML and hold one series
//! per thread or program, with the right number of bars or points. The command `figures`
//! refuses what is not a program's output (exit 2, no SVG), and only the programs that draw
//! depend on plotters.

use course_tests::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

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

/// `figures ARGS` with `input` on its stdin.
fn figures(args: &[&str], input: &str) -> Run {
    run_with_input(Command::new(bin("figures")).args(args), input)
}

/// `pi-scaling args | figures scaling`: the SVG, parsed.
fn scaling_figure(args: &[&str]) -> String {
    let table = run("pi-scaling", args);
    let r = figures(&["scaling"], table.ok());
    let text = r.ok().to_string();
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    text
}

#[test]
fn pi_scaling_tables_draw_a_line_per_program_with_a_point_per_count() {
    let args = ["--program", "pi-threads", "--program", "pi-processes", "--workers", "1,2,3"];
    let text = scaling_figure(&[&args[..], &["--points", "1e4"]].concat());
    // Time: 2 programs; speedup: the ideal line and 2 programs; 3 points each.
    assert_eq!(lines(&text), vec![3; 5], "{text}");
    for label in ["pi-threads", "pi-processes", "ideal", "time (s)", "speedup", "workers"] {
        assert!(text.contains(label), "no '{label}' in the figure");
    }
    assert!(text.contains("logical cores") && text.contains("rustc"), "no machine in the figure");
    let with_course = scaling_figure(&[&args[..], &["--points", "1e4", "--course"]].concat());
    let mut counts = lines(&with_course);
    counts.sort();
    // The ideal line now runs to 24 workers; the course's tables have 13 points each.
    assert_eq!(counts, vec![3, 3, 3, 3, 13, 13, 24], "{with_course}");
    assert!(with_course.contains("course, Python, 24-core node, 10^9 points"));
    // The machine line on top is this machine's, not the course's cluster.
    assert!(with_course.contains("rustc") && !with_course.contains("Centre des Mat"));
}

/// What is not a program's output: one line saying what was expected, exit 2, no SVG.
#[test]
fn figures_refuses_what_is_not_a_programs_output() {
    let table = "pi-threads: N = 1000 points, threads [1]\nmachine: M\n\
                 1 thread  => 0:00.01elapsed 100%CPU   speedup   1.00  efficiency  100%\n";
    let bcast = "Before Bcast : Proc 0 - data = [0.5 0.25]\nAfter Bcast : Proc 0 - data = [0.5 0.25]\n\
                 Before Bcast : Proc 1 - data = [0. 0.]\nAfter Bcast : Proc 1 - data = [0.5 0.25]\n";
    for (figure, input, expected) in [
        ("collective", "", "got no line"),
        ("collective", "PI = 3.14\n", "line 1 is not: 'PI = 3.14'"),
        ("collective", &bcast.replace("Before Bcast : Proc 1", "Before Bcast : Proc 2"), "rank 1"),
        ("collective", &bcast.replace("[0.5 0.25]\nBefore", "[0.5]\nBefore"), "2 values"),
        ("collective", &format!("{bcast}Proc 2 send [0.5 0.25]\n"), "several programs"),
        ("collective", &format!("{bcast}{bcast}"), "printed twice"),
        ("collective", table, "line 1 is not"),
        ("scaling", "", "got no table"),
        ("scaling", bcast, "line 1 is not"),
        ("scaling", &table.replace("[1]", "[1, 2]"), "announces the counts [1, 2]"),
    ] {
        let r = figures(&[figure], input);
        let what = format!("figures {figure} < {input:?}: {r:?}");
        assert_eq!(r.code(), Some(2), "{what}");
        assert!(r.stdout.is_empty(), "a partial SVG: {what}");
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{what}");
        assert!(
            lines[0].starts_with("figures: expected ") && lines[0].contains(expected),
            "{what}"
        );
    }
    assert!(figures(&["scaling"], table).ok().starts_with("<svg"));
    assert!(figures(&["collective"], bcast).ok().starts_with("<svg"));
}

#[test]
fn figures_answers_help_and_refuses_bad_usage() {
    assert_help("figures");
    assert_usage_error("figures", &["histogram"], "'histogram'");
    assert_usage_error("figures", &["collective", "extra"], "'extra'");
    assert_usage_error("figures", &["scaling", "--course"], "'--course'");
    let r = figures(&[], "");
    assert_eq!(r.code(), Some(2), "{r:?}");
    assert!(r.stdout.is_empty() && r.stderr.starts_with("figures: which figure?"), "{r:?}");
}

/// Drawing lives in `figures`: only it and the programs that draw depend on plotters
/// (`two-threads`, `mutex-counter`, `pi-sequential` … build without it).
#[test]
fn only_the_programs_that_draw_depend_on_plotters() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let tree = Command::new(cargo)
        .args(["tree", "--offline", "--prefix", "none", "--edges", "normal", "--workspace"])
        .args(["--invert", "plotters"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("run cargo tree");
    assert!(tree.status.success(), "{}", String::from_utf8_lossy(&tree.stderr));
    let tree = String::from_utf8(tree.stdout).unwrap();
    // The workspace's packages are the lines with a path: `pi-gil v0.1.0 (/…/pi-gil)`.
    let users: BTreeSet<&str> = tree
        .lines()
        .filter(|l| l.contains(" (/"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let drawing = BTreeSet::from(["figures", "pi-gil", "pi-scaling", "pi-threads"]);
    assert_eq!(users, drawing, "{tree}");
}

#[test]
fn an_unwritable_svg_path_is_one_line_and_a_failure() {
    let bad = "/nonexistent-dir/figure.svg";
    for (program, args) in [
        ("pi-threads", &["2", "1000", "--svg", bad][..]),
        ("pi-gil", &["2", "1000", "--svg", bad][..]),
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
    // pi-scaling draws through `figures scaling`: it has no --svg.
    assert_usage_error("pi-scaling", &["--svg", "figure.svg"], "'--svg'");
}
