//! The workspace's layout (issue 20): no two modules of a crate import each other, directly or
//! through others, and the support crate stays plumbing, at most 400 code lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A crate's top-level modules (`src/NAME.rs` or `src/NAME/mod.rs`) and their text; the root
/// (`lib.rs`, `main.rs`) under the name `crate`. `src/bin/` holds other crates: left out.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(src).expect("a src folder").flatten() {
        let path = entry.path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let file = match path.is_dir() {
            true if stem != "bin" => path.join("mod.rs"),
            true => continue,
            false if path.extension().is_some_and(|e| e == "rs") => path.clone(),
            false => continue,
        };
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let name = if stem == "lib" || stem == "main" { "crate".to_string() } else { stem };
        modules.entry(name).or_insert(text);
    }
    modules
}

/// The paths a `use` tree names, `crate::{a::{B, C as D}, e}` as `crate::a::B`, `crate::a::C`,
/// `crate::e` (a renamed one as `crate::a::C@D`, see [`name_of`]).
fn expand(tree: &str) -> Vec<String> {
    // No white space but the one of `as`, kept as "@": `scaling as draw` is `scaling@draw`.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let text = words.join(" ").replace(" as ", "@").replace(' ', "");
    let Some(open) = text.find('{') else {
        return if text.is_empty() || text.ends_with("::") { vec![] } else { vec![text] };
    };
    let (head, inner) = (&text[..open], &text[open + 1..]);
    let inner = inner.strip_suffix('}').unwrap_or(inner);
    // The items in the braces: split at the commas outside inner braces.
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items.iter().flat_map(|item| expand(&format!("{head}{item}"))).collect()
}

/// A path of [`expand`] without its alias, and the name it is known by: `a::b@c` is `a::b`, `c`.
fn name_of(path: &str) -> (&str, &str) {
    let (path, alias) = path.split_once('@').unwrap_or((path, ""));
    let name = if alias.is_empty() { path.rsplit("::").next().unwrap_or_default() } else { alias };
    (path, name)
}

/// Every path starting with `crate::` in `text`: in `use` statements (trees expanded) and in
/// the code itself. Comments are left out.
fn crate_paths(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let (before, after) = rest.split_at(at);
        let start_of_word = before.chars().last().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let end = after.find(';').unwrap_or(after.len());
        if start_of_word {
            let tree = expand(&after[4..end]);
            let tree = tree.iter().map(|p| name_of(p).0.to_string());
            paths.extend(tree.filter(|p| p.starts_with("crate::")));
        }
        rest = &after[end.min(after.len() - 1) + 1..];
    }
    for (at, _) in code.match_indices("crate::") {
        let tail: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(tail);
    }
    paths
}

/// Which module of the crate each name that the root re-exports comes from:
/// `pub use crate::{args::Args, exit::{fail, program}}` gives Args → args, fail → exit …
fn reexports(root: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut from = BTreeMap::new();
    for statement in root
        .split(';')
        .filter_map(|s| s.trim_start().find("pub use ").map(|at| &s.trim_start()[at + 8..]))
    {
        for path in expand(statement) {
            let (path, name) = name_of(&path);
            let first = path.trim_start_matches("crate::").split("::").next().unwrap_or_default();
            if modules.contains(first) {
                from.insert(name.to_string(), first.to_string());
            }
        }
    }
    from
}

/// The module graph of one crate: an edge from each module to each module it imports (from
/// its own text; the root's re-exports are followed to the module that defines the name).
fn graph(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let names: BTreeSet<String> = modules.keys().filter(|m| *m != "crate").cloned().collect();
    let root = modules.get("crate").map_or("", String::as_str);
    let from = reexports(root, &names);
    let mut graph = BTreeMap::new();
    for (module, text) in modules.iter().filter(|(m, _)| *m != "crate") {
        let mut targets = BTreeSet::new();
        for path in crate_paths(text) {
            let first = path.trim_start_matches("crate::").split("::").next().unwrap_or_default();
            let target = if names.contains(first) {
                Some(first)
            } else {
                from.get(first).map(String::as_str)
            };
            if let Some(target) = target.filter(|t| t != module) {
                targets.insert(target.to_string());
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

/// A circle in the graph, as the modules along it (`a → b → a`), if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_modules_import_each_other() {
    // The packages of both workspaces: examples-mpi's are not members of the root one.
    let root = book_tool::root();
    let packages = book_tool::packages::all(&root).unwrap_or_else(|e| panic!("{e}"));
    let mut seen = BTreeSet::new();
    for package in packages.iter().map(|p| p.dir.display().to_string()) {
        let modules = modules(&root.join(&package).join("src"));
        if let Some(found) = circle(&graph(&modules)) {
            panic!("{package}: its modules import each other: {}", found.join(" → "));
        }
        seen.insert(package);
    }
    for package in ["support", "figures", "harness", "exercises/check", "examples-mpi/mpi-hello"] {
        assert!(seen.contains(package), "{package} was not looked at: {seen:?}");
    }
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let crate_of = |files: &[(&str, &str)]| -> BTreeMap<String, String> {
        files.iter().map(|(m, t)| (m.to_string(), t.to_string())).collect()
    };
    let tree = expand("crate::{a::{B, C as D}, e,}");
    assert_eq!(tree, ["crate::a::B", "crate::a::C@D", "crate::e"]);
    // Directly, through the root's re-exports, and along three modules.
    let direct = crate_of(&[
        ("crate", "mod a; mod b;"),
        ("a", "use crate::b::X;"),
        ("b", "fn f() { crate::a::g() }"),
    ]);
    assert_eq!(circle(&graph(&direct)).unwrap().join(" → "), "a → b → a");
    let through_root = crate_of(&[
        ("crate", "pub use crate::{svg::{scaling as draw, Series}, figures::Timeline};"),
        ("svg", "use crate::{fail, figures::Event};"),
        ("figures", "use crate::{OrExit, draw};"),
    ]);
    assert!(circle(&graph(&through_root)).is_some());
    let three =
        crate_of(&[("a", "use crate::b;"), ("b", "use crate::c::Y;"), ("c", "use crate::a;")]);
    assert_eq!(circle(&graph(&three)).unwrap().len(), 4);
    // A tree is no circle, and a comment names no import.
    let tree = crate_of(&[
        ("crate", "pub use crate::{exit::fail, args::Args};"),
        ("args", "use crate::exit::{quit, say};\nuse crate::fail; // crate::args"),
        ("exit", "// see crate::args\nfn f() {}"),
    ]);
    assert_eq!(circle(&graph(&tree)), None);
}

/// Lines of code: not blank, not a comment, not in a `#[cfg(test)]` item (the unit tests).
fn code_lines(text: &str) -> usize {
    let (mut count, mut lines) = (0, text.lines());
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.starts_with("#[cfg(test)]") {
            let mut depth = 0i32;
            for inside in lines.by_ref() {
                depth += inside.matches('{').count() as i32 - inside.matches('}').count() as i32;
                if depth <= 0 && (inside.contains('}') || inside.trim_end().ends_with(';')) {
                    break;
                }
            }
        } else if !line.is_empty() && !line.starts_with("//") {
            count += 1;
        }
    }
    count
}

#[test]
fn the_support_crate_is_at_most_400_code_lines() {
    let src = book_tool::root().join("support/src");
    let mut total = 0;
    let mut each = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap().flatten() {
        let lines = code_lines(&std::fs::read_to_string(entry.path()).unwrap());
        each.push(format!("{}: {lines}", entry.file_name().to_string_lossy()));
        total += lines;
    }
    assert!(total > 100, "support/src was not read: {each:?}");
    assert!(total <= 400, "support/src has {total} code lines, more than 400: {each:?}");
}

#[test]
fn code_lines_leave_out_blanks_comments_and_unit_tests() {
    let text = "//! header\nuse a;\n\n// comment\nfn f() {\n    g();\n}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\nfn h() {}\n";
    assert_eq!(code_lines(text), 5);
}
