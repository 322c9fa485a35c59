//! The SVG figures: `pi-threads --svg`, `pi-gil --svg` (the course's picture gil.png, from real
//! runs) and `pi-scaling … | figures scaling`. Each figure must parse as XML and hold one series
//! per thread or program, with the right number of bars or points; the scaling figure draws the
//! times and speedups its table prints, within two pixels. The command `figures` refuses what is
//! not a program's output (exit 2, no SVG), and only the programs that draw depend on plotters.

use course_tests::*;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Whether a figure shows the machine it was drawn on (its cores, and rustc's version).
#[track_caller]
fn assert_machine_shown(svg: &str) {
    assert!(svg.contains("logical cores") && svg.contains("rustc"), "no machine in the figure");
}

/// Runs `program args --svg FILE`, parses FILE, removes it, and returns its text, which shows
/// the machine.
fn figure(program: &str, args: &[&str]) -> String {
    let scratch = Scratch::new("figure");
    let path = scratch.0.join(format!("{program}.svg"));
    run(program, &[args, &["--svg", path.to_str().unwrap()]].concat()).ok();
    let text = std::fs::read_to_string(&path).expect("the SVG file");
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{program}: not XML: {e}"));
    assert_machine_shown(&text);
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

/// `pi-scaling args | figures scaling`: the SVG, parsed, which shows the machine.
fn scaling_figure(args: &[&str]) -> String {
    let table = run("pi-scaling", args);
    let r = figures(&["scaling"], table.ok());
    let text = r.ok().to_string();
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    assert_machine_shown(&text);
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
    let with_course = scaling_figure(&[&args[..], &["--points", "1e4", "--course"]].concat());
    let mut counts = lines(&with_course);
    counts.sort();
    // The ideal line now runs to 24 workers; the course's tables have 13 points each.
    assert_eq!(counts, vec![3, 3, 3, 3, 13, 13, 24], "{with_course}");
    assert!(with_course.contains("course, Python, 24-core node, 10^9 points"));
    // The machine line on top is this machine's, not the course's cluster.
    assert!(!with_course.contains("Centre des Mat"), "{with_course}");
}

/// The values a scaling figure draws, read back through its axes: for the chart above (time)
/// and the one below (speedup), each program's line as the values of its points, and the
/// value of one pixel. (The labels of a chart's value axis stand where their ticks are.)
fn drawn_values(svg: &str) -> [(Vec<Vec<f64>>, f64); 2] {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let number = |n: roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
    let texts = doc.descendants().filter(|n| n.has_tag_name("text"));
    let caption = texts.clone().find(|n| n.text().is_some_and(|t| t.contains("speedup against")));
    let split = number(caption.expect("the speedup chart's caption"), "y").unwrap();
    // The value axes' labels: numbers with a decimal point, at the left.
    let labels: Vec<(f64, f64)> = texts
        .filter(|n| number(*n, "x").is_some_and(|x| x < 70.0))
        .filter_map(|n| Some((number(n, "y")?, n.text()?.trim().parse::<f64>().ok()?)))
        .collect();
    let lines: Vec<Vec<f64>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .map(|n| {
            let points = n.attribute("points").unwrap_or_default().split_whitespace();
            points.map(|p| p.split_once(',').unwrap().1.parse::<f64>().unwrap()).collect()
        })
        .collect();
    [false, true].map(|below| {
        let axis: Vec<&(f64, f64)> = labels.iter().filter(|(y, _)| (*y > split) == below).collect();
        let ((y0, v0), (y1, v1)) = (axis[0], axis[axis.len() - 1]);
        let per_pixel = (v1 - v0) / (y1 - y0);
        let value = |y: &f64| v0 + (y - y0) * per_pixel;
        let chart = lines.iter().filter(|l| (l[0] > split) == below);
        (chart.map(|l| l.iter().map(value).collect()).collect(), per_pixel.abs())
    })
}

/// `figures scaling` draws the numbers the table prints: each row's time (to the millisecond)
/// and speedup (its speedup column), within two pixels of the drawing. (When it drew the times
/// to the hundredth, at 10^7 points it showed 0.03, 0.03 and 0.02 s and a speedup near 1
/// where the table printed 1.93.) Not a timing: the drawing against the table it was drawn
/// from, whatever the times.
#[test]
fn pi_scaling_figure_draws_the_numbers_of_the_table() {
    let r = run("pi-scaling", &["--workers", "1,2,3", "--points", "1e6"]);
    let table = r.ok();
    let figure = figures(&["scaling"], table);
    let [(times, time_pixel), (speedups, speedup_pixel)] = drawn_values(figure.ok());
    // `2 thread => 0:00.004elapsed 190%CPU   speedup   1.93  efficiency   96%`
    let rows: Vec<(f64, f64)> = table
        .lines()
        .filter_map(|l| {
            let words: Vec<&str> = l.split_once(" => ")?.1.split_whitespace().collect();
            let time = read::clock(words.first()?.strip_suffix("elapsed")?)?;
            Some((time, words.get(3)?.parse().ok()?))
        })
        .collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert_eq!((times.len(), speedups.len()), (1, 1), "one line each: {times:?} {speedups:?}");
    // Two pixels: the point and the two axis labels read it by are each put on a whole pixel,
    // so up to half a pixel off each (a pixel was seen under load, with a speedup of 3.51).
    for (k, (time, speedup)) in rows.iter().enumerate() {
        let what = format!("row {k} of\n{table}\ndrawn: {times:?} {speedups:?}");
        assert!((times[0][k] - time).abs() <= 2.0 * time_pixel, "time: {what}");
        assert!((speedups[0][k] - speedup).abs() <= 2.0 * speedup_pixel, "speedup: {what}");
    }
}

/// What is not a program's output: one line saying what was expected, exit 2, no SVG.
#[test]
fn figures_refuses_what_is_not_a_programs_output() {
    let table = "pi-threads: N = 1000 points, threads [1]\nmachine: M\n\
                 1 thread  => 0:00.01elapsed 100%CPU   speedup   1.00  efficiency  100%\n";
    let bcast = "Before Bcast : Proc 0 - data = [0.5 0.25]\nAfter Bcast : Proc 0 - data = [0.5 0.25]\n\
                 Before Bcast : Proc 1 - data = [0. 0.]\nAfter Bcast : Proc 1 - data = [0.5 0.25]\n";
    let scatter_uneven = "Proc 0 scatter data [0.1 0.2 0.3 0.4]\n\
                          After Scatter : Proc 0 - recv = [0.1 0.2]\n\
                          After Scatter : Proc 1 - recv = [0.3]\n";
    let gather_uneven = "Proc 0 send [0.1 0.2]\nProc 1 send [0.3]\n\
                         Proc 0 has data : [[0.1 0.2 0.3 0.4]]\n";
    for (figure, input, expected) in [
        ("collective", "", "got no line"),
        ("collective", "PI = 3.14\n", "line 1 is not: 'PI = 3.14'"),
        ("collective", &bcast.replace("Before Bcast : Proc 1", "Before Bcast : Proc 2"), "rank 1"),
        ("collective", &bcast.replace("[0.5 0.25]\nBefore", "[0.5]\nBefore"), "2 values"),
        ("collective", &format!("{bcast}Proc 2 send [0.5 0.25]\n"), "several programs"),
        ("collective", &format!("{bcast}{bcast}"), "printed twice"),
        // A Scatter gives every rank the same number of values.
        ("collective", scatter_uneven, "2 values received by each rank, but rank 1 has 1"),
        // A Gather takes as many values from every rank.
        ("collective", gather_uneven, "2 values sent by each rank, but rank 1 has 1"),
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

/// A value's box in a collective's figure: its panel ("before" or "after"), its rank's row,
/// its text and its fill colour.
#[derive(Debug)]
struct ValueBox {
    panel: &'static str,
    rank: usize,
    text: String,
    fill: String,
}

/// The boxes of `figures collective`'s SVG, read from where they are drawn: the panel is the
/// left one (whose title must be "before") or the right one ("after"), the row the one whose
/// label ("rank R") is the nearest above the box in its panel, the text the one drawn inside
/// it.
fn value_boxes(svg: &str) -> Vec<ValueBox> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    let number = |n: &roxmltree::Node, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{n:?}: no {a}"))
    };
    let texts: Vec<(f64, f64, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (number(&n, "x"), number(&n, "y"), n.text().unwrap_or_default().trim()))
        .collect();
    let title = |name: &str| texts.iter().find(|t| t.2 == name).map(|t| t.0);
    let (before, after) = (title("before").expect("a title"), title("after").expect("a title"));
    assert!(before < after, "the panel \"before\" is right of \"after\": {before} > {after}");
    // The right panel starts at its rows' labels, the "rank R" right of the left panel's title.
    let labels = texts.iter().filter(|t| t.2.starts_with("rank ") && t.0 > before);
    let edge = labels.map(|t| t.0).fold(f64::MAX, f64::min);
    let panel = |x: f64| if x < edge { "before" } else { "after" };
    let rects = doc.descendants().filter(|n| n.has_tag_name("rect"));
    let boxes = rects.filter(|n| n.attribute("fill") != Some("#FFFFFF"));
    boxes
        .map(|rect| {
            let (x, y) = (number(&rect, "x"), number(&rect, "y"));
            let (w, h) = (number(&rect, "width"), number(&rect, "height"));
            let inside = texts.iter().filter(|t| t.0 > x && t.0 < x + w && t.1 > y && t.1 < y + h);
            let text = inside.map(|t| t.2).next().expect("a value in its box").to_string();
            let rows = texts.iter().filter(|t| t.2.starts_with("rank ") && panel(t.0) == panel(x));
            let row = rows.filter(|t| t.1 <= y + 10.0).max_by(|a, b| a.1.total_cmp(&b.1));
            let rank = row.expect("a row").2["rank ".len()..].parse().unwrap();
            let fill = rect.attribute("fill").unwrap_or_default().to_string();
            ValueBox { panel: panel(x), rank, text, fill }
        })
        .collect()
}

/// The texts of the boxes of `rank` in `panel`, in order.
fn row(boxes: &[ValueBox], panel: &str, rank: usize) -> Vec<String> {
    boxes.iter().filter(|b| b.panel == panel && b.rank == rank).map(|b| b.text.clone()).collect()
}

/// The one colour of the boxes that show `text`, in both panels.
#[track_caller]
fn colour_of(boxes: &[ValueBox], text: &str) -> String {
    let fills: BTreeSet<&str> =
        boxes.iter().filter(|b| b.text == text).map(|b| b.fill.as_str()).collect();
    assert_eq!(fills.len(), 1, "{text} drawn in {fills:?}: a value keeps its colour");
    fills.into_iter().next().unwrap().to_string()
}

/// The figure of a collective shows where each value came from: before the call on the left,
/// after it on the right, each rank's row holding its own values, and each value in the same
/// colour on both sides (the colour of the rank that held it before; for a Scatter, of the
/// rank it goes to).
#[test]
fn a_collectives_figure_shows_where_each_value_went() {
    let allgather = "Before Allgather : Proc 0 - data = [0.1 0.2]\n\
                     Before Allgather : Proc 1 - data = [0.3 0.4]\n\
                     After Allgather : Proc 0 - recv = [0.1 0.2 0.3 0.4]\n\
                     After Allgather : Proc 1 - recv = [0.1 0.2 0.3 0.4]\n";
    let boxes = value_boxes(figures(&["collective"], allgather).ok());
    assert_eq!(row(&boxes, "before", 0), ["0.100", "0.200"], "{boxes:?}");
    assert_eq!(row(&boxes, "before", 1), ["0.300", "0.400"], "{boxes:?}");
    for rank in 0..2 {
        assert_eq!(row(&boxes, "after", rank), ["0.100", "0.200", "0.300", "0.400"]);
    }
    assert_eq!(colour_of(&boxes, "0.100"), colour_of(&boxes, "0.200"));
    assert_eq!(colour_of(&boxes, "0.300"), colour_of(&boxes, "0.400"));
    assert_ne!(colour_of(&boxes, "0.100"), colour_of(&boxes, "0.300"), "one colour per rank");

    let scatter = "Proc 0 scatter data [0.1 0.2 0.3 0.4]\n\
                   After Scatter : Proc 0 - recv = [0.1 0.2]\n\
                   After Scatter : Proc 1 - recv = [0.3 0.4]\n";
    let boxes = value_boxes(figures(&["collective"], scatter).ok());
    assert_eq!(row(&boxes, "before", 0), ["0.100", "0.200", "0.300", "0.400"], "{boxes:?}");
    assert_eq!(row(&boxes, "before", 1), Vec::<String>::new(), "{boxes:?}");
    assert_eq!(row(&boxes, "after", 0), ["0.100", "0.200"], "{boxes:?}");
    assert_eq!(row(&boxes, "after", 1), ["0.300", "0.400"], "{boxes:?}");
    assert_eq!(colour_of(&boxes, "0.300"), colour_of(&boxes, "0.400"));
    assert_ne!(colour_of(&boxes, "0.100"), colour_of(&boxes, "0.300"), "one colour per rank");
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
/// (`two-threads`, `mutex-counter`, `pi-sequential`, `pi-scaling` … build without it).
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
    // pi-scaling prints numbers only: its figure is `figures scaling`'s.
    let drawing = BTreeSet::from(["figures", "pi-gil", "pi-threads"]);
    assert_eq!(users, drawing, "{tree}");
}

#[test]
fn an_unwritable_svg_path_is_one_line_and_a_failure() {
    let bad = "/nonexistent-dir/figure.svg";
    for program in ["pi-threads", "pi-gil"] {
        let r = assert_fails_naming(program, &["2", "1000", "--svg", bad], bad);
        assert!(r.stderr.lines().count() == 1 && !r.stdout.contains("PI ="), "{r:?}");
    }
    for program in ["pi-threads", "pi-gil", "pi-scaling"] {
        assert_usage_error(program, &["--svg"], "'--svg'");
    }
    // pi-scaling draws through `figures scaling`: it has no --svg.
    assert_usage_error("pi-scaling", &["--svg", "figure.svg"], "'--svg'");
}
