//! What a program's source does, read from its syntax tree (parsed by `syn`, the standard
//! parser of Rust source), for the exercises that change how a program works, not what it
//! prints: where the joins are, which values a printed total comes from, which calls come
//! before which. A word search cannot tell these apart (`join` written in a comment, a join
//! inside the loop that spawns, a total printed from the arguments); the tree can.
//!
//! The analysis is by name, not by type: it is made for the exercises' short programs, and a
//! check that uses it says which rule the program broke, with the line.

use std::collections::{HashMap, HashSet};

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ExprMethodCall, File, ItemFn, Pat, Stmt, Token};

/// A parsed source file.
pub struct Source {
    file: File,
}

/// A call of interest, in the order of the source.
#[derive(Clone, Debug)]
struct Call {
    /// `spawn`, `join`, a file read, … (see [`Source::calls`]).
    name: String,
    line: usize,
    /// The function it is in, by name.
    function: String,
    /// The loops and iterator closures it is in (ids): a join inside the loop that spawns
    /// shares one with the spawn.
    loops: Vec<usize>,
    /// Whether its value is used (a join's value added up), as opposed to dropped (`h.join()
    /// .expect("…");` as a statement).
    used: bool,
    /// Whether it is a method call (`x.send(…)`), not a function's (`send(…)`).
    method: bool,
}

/// The methods whose closure runs once per item: a spawn in one is a spawn in a loop.
const PER_ITEM: [&str; 8] =
    ["map", "for_each", "flat_map", "filter_map", "try_for_each", "inspect", "fold", "scan"];

/// The methods that only hand a `Result` or `Option` on: `h.join().expect("…")` is still the
/// join's value.
const PASS_ON: [&str; 6] = ["expect", "unwrap", "or_exit", "unwrap_or_else", "unwrap_or", "ok"];

/// What reads a whole file.
const READS: [&str; 3] = ["read_to_string", "read", "read_to_end"];

impl Source {
    /// Parses `text`; the error names the line.
    pub fn parse(text: &str) -> Result<Source, String> {
        syn::parse_file(text)
            .map(|file| Source { file })
            .map_err(|e| format!("line {}: {e}", e.span().start().line))
    }

    /// Every call, in the order of the source (a call's receiver and arguments before it); a
    /// `join` only if it is a thread's (a method with no argument).
    fn calls(&self) -> Vec<Call> {
        let mut dropped = Dropped::default();
        dropped.visit_file(&self.file);
        let mut calls = Calls { dropped: dropped.0, ..Calls::default() };
        calls.visit_file(&self.file);
        calls.found
    }

    /// `Err(why)` if a thread is joined inside the loop (or iterator closure) that spawns the
    /// threads, if a lazy `map` that spawns is not collected before the joins, or if a join
    /// comes before a spawn of the same function: each of these runs the workers one after the
    /// other. Threads of a `thread::scope` with no `join` written are joined at its end.
    pub fn joins_after_spawns(&self) -> Result<(), String> {
        let calls = self.calls();
        let spawns: Vec<&Call> = calls.iter().filter(|c| c.name == "spawn").collect();
        if spawns.is_empty() {
            return Err("no thread is spawned".into());
        }
        for join in calls.iter().filter(|c| c.name == "join") {
            for spawn in spawns.iter().filter(|s| s.function == join.function) {
                if spawn.loops.iter().any(|l| join.loops.contains(l)) {
                    return Err(format!(
                        "line {}: `join` inside the loop that spawns (line {}): each thread ends before the next starts",
                        join.line, spawn.line
                    ));
                }
                if join.line < spawn.line {
                    return Err(format!(
                        "line {}: `join` before a `spawn` (line {}): that thread ends before the next starts",
                        join.line, spawn.line
                    ));
                }
            }
        }
        let mut lazy = LazySpawn::default();
        lazy.visit_file(&self.file);
        match lazy.0 {
            Some(line) => Err(format!(
                "line {line}: the `map` that spawns is not collected: iterators are lazy, so each thread is spawned only when the loop of joins asks for it, after the previous join"
            )),
            None => Ok(()),
        }
    }

    /// Whether the value of some `join` is used (not dropped at once).
    pub fn join_value_used(&self) -> Option<usize> {
        self.calls().into_iter().find(|c| c.name == "join" && c.used).map(|c| c.line)
    }

    /// The values printed by the `print!`/`println!` whose text starts with `prefix`: the line
    /// of that print, and whether they come (through local variables, assignments and local
    /// functions' results) from a value for which `from` holds.
    pub fn printed_from(
        &self,
        prefix: &str,
        from: &dyn Fn(&Expr) -> bool,
    ) -> Option<(usize, bool)> {
        let mut prints = Prints { prefix, found: None };
        prints.visit_file(&self.file);
        let (line, printed) = prints.found?;
        let mut defs = Defs::default();
        defs.visit_file(&self.file);
        let mut seen = HashSet::new();
        Some((line, printed.iter().any(|e| defs.comes_from(e, from, &mut seen))))
    }

    /// The names bound to the receiving end of a channel: `let (tx, rx) = unbounded();` (or
    /// `bounded`, `channel`, `sync_channel`) gives `rx`.
    pub fn receivers(&self) -> HashSet<String> {
        let mut found = Receivers::default();
        found.visit_file(&self.file);
        found.0
    }

    /// The line of the first file read after every `spawn` of its function and before its last
    /// `join` (`None` if there is none), and the line of the first read at all.
    pub fn read_between_spawn_and_join(&self) -> (Option<usize>, Option<usize>) {
        let calls = self.calls();
        let reads: Vec<&Call> = calls.iter().filter(|c| READS.contains(&c.name.as_str())).collect();
        let between = reads.iter().find(|r| {
            let mine = |c: &&Call| c.function == r.function;
            let spawns: Vec<&Call> =
                calls.iter().filter(mine).filter(|c| c.name == "spawn").collect();
            let joins: Vec<&Call> =
                calls.iter().filter(mine).filter(|c| c.name == "join").collect();
            !spawns.is_empty()
                && spawns.iter().all(|s| s.line < r.line)
                && joins.iter().any(|j| j.line > r.line)
        });
        (between.map(|r| r.line), reads.first().map(|r| r.line))
    }

    /// The lines of the method calls named in `names`, in order.
    pub fn method_calls(&self, names: &[&str]) -> Vec<(String, usize)> {
        let calls = self.calls().into_iter().filter(|c| c.method && names.contains(&&*c.name));
        calls.map(|c| (c.name, c.line)).collect()
    }

    /// What shares a counter between threads: `static mut` items, and the types `Atomic…`,
    /// `Mutex`, `RwLock` named anywhere; with their lines.
    pub fn shared_counters(&self) -> Vec<(String, usize)> {
        let mut found = Shared(Vec::new());
        found.visit_file(&self.file);
        found.0
    }
}

/// Whether `e` is a call `….join()`.
pub fn is_join(e: &Expr) -> bool {
    matches!(e, Expr::MethodCall(m) if m.method == "join" && m.args.is_empty())
}

/// Whether `e` names one of `names` (a receiver of a channel, say).
pub fn names_one_of(names: &HashSet<String>) -> impl Fn(&Expr) -> bool + '_ {
    move |e| matches!(e, Expr::Path(p) if p.path.get_ident().is_some_and(|i| names.contains(&i.to_string())))
}

fn line(span: Span) -> usize {
    span.start().line
}

/// The name a call is known by: a method's name, or the last segment of a function's path
/// (`thread::spawn` is `spawn`).
fn call_name(e: &Expr) -> Option<String> {
    match e {
        Expr::MethodCall(m) => Some(m.method.to_string()),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// `e` without the calls that only pass a value on (`.expect(…)`, `?`, …).
fn passed_on(mut e: &Expr) -> &Expr {
    loop {
        match e {
            Expr::MethodCall(m) if PASS_ON.contains(&m.method.to_string().as_str()) => {
                e = &m.receiver
            }
            Expr::Try(t) => e = &t.expr,
            Expr::Paren(p) => e = &p.expr,
            _ => return e,
        }
    }
}

/// The joins whose value is dropped at once: a statement `h.join().expect("…");`, `let _ =
/// h.join();`, the last expression of a `for` body or of a `for_each` closure (whose value
/// must be `()`).
#[derive(Default)]
struct Dropped(HashSet<usize>);

impl Dropped {
    fn mark(&mut self, e: &Expr) {
        if let Expr::MethodCall(m) = passed_on(e)
            && m.method == "join"
        {
            self.0.insert(std::ptr::from_ref(m) as usize);
        }
    }

    fn mark_tail(&mut self, block: &Block) {
        if let Some(Stmt::Expr(e, None)) = block.stmts.last() {
            self.mark(e);
        }
    }
}

impl<'ast> Visit<'ast> for Dropped {
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        match s {
            Stmt::Expr(e, Some(_)) => self.mark(e),
            Stmt::Local(l) if matches!(l.pat, Pat::Wild(_)) => {
                if let Some(init) = &l.init {
                    self.mark(&init.expr);
                }
            }
            _ => {}
        }
        visit::visit_stmt(self, s);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.mark_tail(&f.body);
        visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
        if m.method == "for_each"
            && let Some(Expr::Closure(c)) = m.args.first()
        {
            match &*c.body {
                Expr::Block(b) => self.mark_tail(&b.block),
                body => self.mark(body),
            }
        }
        visit::visit_expr_method_call(self, m);
    }
}

/// The calls of interest, with the loops they are in.
#[derive(Default)]
struct Calls {
    dropped: HashSet<usize>,
    function: String,
    loops: Vec<usize>,
    next_loop: usize,
    found: Vec<Call>,
}

impl Calls {
    fn in_loop(&mut self, inside: impl FnOnce(&mut Self)) {
        self.next_loop += 1;
        self.loops.push(self.next_loop);
        inside(self);
        self.loops.pop();
    }

    fn record(&mut self, e: &Expr, span: Span) {
        let Some(name) = call_name(e) else { return };
        // A thread's `join` is a method with no argument (`Path::join`, `[…].join(",")` take one).
        let thread_join = matches!(e, Expr::MethodCall(m) if m.args.is_empty());
        if name == "join" && !thread_join {
            return;
        }
        let used = match e {
            Expr::MethodCall(m) => {
                !(m.method == "join" && self.dropped.contains(&(std::ptr::from_ref(m) as usize)))
            }
            _ => true,
        };
        self.found.push(Call {
            name,
            line: line(span),
            function: self.function.clone(),
            loops: self.loops.clone(),
            used,
            method: matches!(e, Expr::MethodCall(_)),
        });
    }
}

impl<'ast> Visit<'ast> for Calls {
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        let outer = std::mem::replace(&mut self.function, f.sig.ident.to_string());
        visit::visit_item_fn(self, f);
        self.function = outer;
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::ForLoop(f) => {
                self.visit_expr(&f.expr);
                self.in_loop(|me| me.visit_block(&f.body));
            }
            Expr::While(w) => self.in_loop(|me| visit::visit_expr_while(me, w)),
            Expr::Loop(l) => self.in_loop(|me| visit::visit_expr_loop(me, l)),
            Expr::MethodCall(m) => {
                // The receiver first: `spawn(…).join()` spawns, then joins.
                self.visit_expr(&m.receiver);
                self.record(e, m.method.span());
                let per_item = PER_ITEM.contains(&m.method.to_string().as_str());
                for arg in &m.args {
                    if per_item && matches!(arg, Expr::Closure(_)) {
                        self.in_loop(|me| me.visit_expr(arg));
                    } else {
                        self.visit_expr(arg);
                    }
                }
            }
            Expr::Call(c) => {
                visit::visit_expr_call(self, c);
                self.record(e, c.func.span());
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

/// A `map` (or another lazy adapter) whose closure spawns, in a chain with no `collect` after
/// it: the line of that `map`.
#[derive(Default)]
struct LazySpawn(Option<usize>);

impl<'ast> Visit<'ast> for LazySpawn {
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        let chain = match s {
            Stmt::Local(l) => l.init.as_ref().map(|i| &*i.expr),
            Stmt::Expr(e, _) => Some(e),
            _ => None,
        };
        if let Some(chain) = chain {
            // Down the chain from its last call: a `collect` seen before the spawning `map`.
            let (mut e, mut collected) = (chain, false);
            while let Expr::MethodCall(m) = e {
                let name = m.method.to_string();
                collected |=
                    ["collect", "unzip", "partition", "count", "for_each"].contains(&name.as_str());
                let lazy = ["map", "filter_map", "flat_map", "inspect"].contains(&name.as_str());
                if lazy && !collected && m.args.iter().any(spawns) && self.0.is_none() {
                    self.0 = Some(line(m.method.span()));
                }
                e = &m.receiver;
            }
        }
        visit::visit_stmt(self, s);
    }
}

/// Whether `e` calls `spawn` somewhere.
fn spawns(e: &Expr) -> bool {
    let mut calls = Calls::default();
    calls.visit_expr(e);
    calls.found.iter().any(|c| c.name == "spawn")
}

/// The expressions of a macro's arguments, when they parse as such (`println!`, `vec!`).
fn macro_args(tokens: &proc_macro2::TokenStream) -> Vec<Expr> {
    use syn::parse::Parser;
    let comma = Punctuated::<Expr, Token![,]>::parse_terminated;
    let semi = Punctuated::<Expr, Token![;]>::parse_terminated;
    match comma.parse2(tokens.clone()) {
        Ok(list) => list.into_iter().collect(),
        Err(_) => semi.parse2(tokens.clone()).map(|l| l.into_iter().collect()).unwrap_or_default(),
    }
}

/// The first `print!`/`println!`/`eprintln!` whose text starts with `prefix`: its line, and
/// the values it prints (the arguments after the text, and the `{name}`s in it).
struct Prints<'p> {
    prefix: &'p str,
    found: Option<(usize, Vec<Expr>)>,
}

impl<'ast> Visit<'ast> for Prints<'_> {
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if self.found.is_none() && ["print", "println", "write", "writeln"].contains(&name.as_str())
        {
            let args = macro_args(&m.tokens);
            let text = args.iter().position(|a| {
                matches!(a, Expr::Lit(l) if matches!(&l.lit, syn::Lit::Str(s) if s.value().starts_with(self.prefix)))
            });
            if let Some(at) = text {
                let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &args[at] else {
                    unreachable!()
                };
                let mut printed: Vec<Expr> = args[at + 1..].to_vec();
                for name in inline_names(&s.value()) {
                    if let Ok(e) = syn::parse_str::<Expr>(&name) {
                        printed.push(e);
                    }
                }
                self.found = Some((line(m.path.span()), printed));
            }
        }
        visit::visit_macro(self, m);
    }
}

/// The names in a format string: `{total}` and `{total:>5}` give `total`.
fn inline_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in text.split('{').skip(1) {
        let inside = part.split('}').next().unwrap_or_default();
        let name = inside.split(':').next().unwrap_or_default();
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            names.push(name.to_string());
        }
    }
    names
}

/// What each local name is given (by `let`, `=`, `+=`, a `for` loop, `push`/`insert`), and
/// each local function's body.
#[derive(Default)]
struct Defs {
    given: HashMap<String, Vec<Expr>>,
    functions: HashMap<String, Block>,
}

impl Defs {
    fn give(&mut self, to: &Expr, value: &Expr) {
        if let Some(name) = root_name(to) {
            self.given.entry(name).or_default().push(value.clone());
        }
    }

    fn give_pat(&mut self, pat: &Pat, value: &Expr) {
        struct Names(Vec<String>);
        impl<'ast> Visit<'ast> for Names {
            fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
                self.0.push(p.ident.to_string());
                visit::visit_pat_ident(self, p);
            }
        }
        let mut names = Names(Vec::new());
        names.visit_pat(pat);
        for name in names.0 {
            self.given.entry(name).or_default().push(value.clone());
        }
    }

    /// Whether `e`, or a value it is made of, is one for which `from` holds.
    fn comes_from(
        &self,
        e: &Expr,
        from: &dyn Fn(&Expr) -> bool,
        seen: &mut HashSet<String>,
    ) -> bool {
        struct Walk<'d, 's, 'f> {
            defs: &'d Defs,
            from: &'f dyn Fn(&Expr) -> bool,
            seen: &'s mut HashSet<String>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Walk<'_, '_, '_> {
            fn visit_expr(&mut self, e: &'ast Expr) {
                if self.found || (self.from)(e) {
                    self.found = true;
                    return;
                }
                let name = match e {
                    Expr::Path(p) => p.path.get_ident().map(|i| format!("var {i}")),
                    Expr::Call(c) => match &*c.func {
                        Expr::Path(p) => p.path.get_ident().map(|i| format!("fn {i}")),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(name) = name
                    && self.seen.insert(name.clone())
                {
                    let (kind, ident) = name.split_once(' ').unwrap();
                    if kind == "var" {
                        for value in self.defs.given.get(ident).into_iter().flatten() {
                            self.visit_expr(value);
                        }
                    } else if let Some(body) = self.defs.functions.get(ident) {
                        for value in results(body) {
                            self.visit_expr(&value);
                        }
                    }
                }
                if let Expr::Macro(m) = e {
                    for arg in macro_args(&m.mac.tokens) {
                        self.visit_expr(&arg);
                    }
                }
                visit::visit_expr(self, e);
            }
        }
        let mut walk = Walk { defs: self, from, seen, found: false };
        walk.visit_expr(e);
        walk.found
    }
}

impl<'ast> Visit<'ast> for Defs {
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        self.functions.insert(f.sig.ident.to_string(), (*f.block).clone());
        visit::visit_item_fn(self, f);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            self.give_pat(&l.pat, &init.expr);
        }
        visit::visit_local(self, l);
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Assign(a) => self.give(&a.left, &a.right),
            Expr::Binary(b) if is_assign_op(&b.op) => self.give(&b.left, &b.right),
            Expr::ForLoop(f) => self.give_pat(&f.pat, &f.expr),
            Expr::MethodCall(m)
                if ["push", "insert", "extend", "push_back", "append"]
                    .contains(&m.method.to_string().as_str()) =>
            {
                for arg in &m.args {
                    self.give(&m.receiver, arg);
                }
            }
            _ => {}
        }
        visit::visit_expr(self, e);
    }
}

fn is_assign_op(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// The variable an assignment changes: `total`, `parts[i]`, `state.count`, `*total` give
/// `total`, `parts`, `state`, `total`.
fn root_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        Expr::Index(i) => root_name(&i.expr),
        Expr::Field(f) => root_name(&f.base),
        Expr::Unary(u) => root_name(&u.expr),
        Expr::Paren(p) => root_name(&p.expr),
        Expr::MethodCall(m) => root_name(&m.receiver),
        _ => None,
    }
}

/// What a function's body gives back: its last expression and its `return`s.
fn results(body: &Block) -> Vec<Expr> {
    struct Returns(Vec<Expr>);
    impl<'ast> Visit<'ast> for Returns {
        fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
            if let Some(e) = &r.expr {
                self.0.push((**e).clone());
            }
            visit::visit_expr_return(self, r);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {} // their own returns
    }
    let mut found = Returns(Vec::new());
    found.visit_block(body);
    if let Some(Stmt::Expr(e, None)) = body.stmts.last() {
        found.0.push(e.clone());
    }
    found.0
}

#[derive(Default)]
struct Receivers(HashSet<String>);

impl<'ast> Visit<'ast> for Receivers {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        let made = l.init.as_ref().and_then(|i| call_name(&i.expr));
        let channel = ["unbounded", "bounded", "channel", "sync_channel"];
        if made.is_some_and(|m| channel.contains(&m.as_str())) {
            let pat = match &l.pat {
                Pat::Type(t) => &*t.pat,
                pat => pat,
            };
            if let Pat::Tuple(t) = pat
                && let Some(Pat::Ident(rx)) = t.elems.iter().nth(1)
            {
                self.0.insert(rx.ident.to_string());
            }
        }
        visit::visit_local(self, l);
    }
}

struct Shared(Vec<(String, usize)>);

impl<'ast> Visit<'ast> for Shared {
    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        if matches!(s.mutability, syn::StaticMutability::Mut(_)) {
            self.0.push((format!("static mut {}", s.ident), line(s.static_token.span)));
        }
        visit::visit_item_static(self, s);
    }

    fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
        let name = s.ident.to_string();
        if name.starts_with("Atomic") || name == "Mutex" || name == "RwLock" {
            self.0.push((name, line(s.ident.span())));
        }
        visit::visit_path_segment(self, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Source {
        Source::parse(text).unwrap()
    }

    const SPAWN_THEN_JOIN: &str = "
fn main() {
    let threads: Vec<_> = (0..4).map(|i| thread::spawn(move || work(i))).collect();
    let mut total = 0;
    for t in threads {
        total += t.join().unwrap();
    }
    println!(\"Total lines = {total}\");
}";

    #[test]
    fn joins_after_the_spawns_are_told_from_joins_in_the_loop() {
        assert_eq!(parse(SPAWN_THEN_JOIN).joins_after_spawns(), Ok(()));
        let in_for = "fn main() { for i in 0..4 { let h = thread::spawn(f); h.join().unwrap(); } }";
        assert!(parse(in_for).joins_after_spawns().unwrap_err().contains("line 1: `join` inside"));
        let in_map = "fn main() {\n let n: usize = (0..4).map(|i| thread::spawn(f).join().unwrap()).sum();\n}";
        assert!(parse(in_map).joins_after_spawns().unwrap_err().contains("inside the loop"));
        let lazy = "fn main() {\n let hs = (0..4).map(|i| thread::spawn(f));\n for h in hs { h.join().unwrap(); }\n}";
        assert!(parse(lazy).joins_after_spawns().unwrap_err().contains("not collected"));
        let before = "fn main() {\n let a = thread::spawn(f);\n a.join().unwrap();\n let b = thread::spawn(g);\n b.join().unwrap();\n}";
        assert!(parse(before).joins_after_spawns().unwrap_err().contains("line 3: `join` before"));
        let scoped = "fn main() { thread::scope(|s| { for i in 0..4 { s.spawn(f); } }); }";
        assert_eq!(parse(scoped).joins_after_spawns(), Ok(()));
        // A path's or a list's `join` takes an argument: not a thread's.
        let paths = "fn main() { for i in 0..4 { let p = dir.join(\"x\"); thread::spawn(f); } }";
        assert_eq!(parse(paths).joins_after_spawns(), Ok(()));
    }

    #[test]
    fn a_total_is_traced_to_what_join_returns() {
        assert_eq!(parse(SPAWN_THEN_JOIN).printed_from("Total lines", &is_join), Some((8, true)));
        let ignored = SPAWN_THEN_JOIN.replace(
            "println!(\"Total lines = {total}\")",
            "println!(\"Total lines = {}\", 10 * n)",
        );
        assert_eq!(parse(&ignored).printed_from("Total lines", &is_join), Some((8, false)));
        let summed = "fn main() { let n: usize = hs.into_iter().map(|h| h.join().unwrap()).sum(); println!(\"Total lines = {}\", n); }";
        assert_eq!(parse(summed).printed_from("Total lines", &is_join), Some((1, true)));
        let through_fn = "fn count(hs: Vec<H>) -> usize { let mut t = 0; for h in hs { t += h.join().unwrap(); } t }\nfn main() { let total = count(hs); println!(\"Total lines = {total}\"); }";
        assert_eq!(parse(through_fn).printed_from("Total lines", &is_join), Some((2, true)));
        assert_eq!(parse("fn main() {}").printed_from("Total lines", &is_join), None);
    }

    #[test]
    fn a_dropped_join_value_is_not_used() {
        assert_eq!(parse(SPAWN_THEN_JOIN).join_value_used(), Some(6));
        let dropped = "fn main() {\n for t in ts { t.join().expect(\"x\"); }\n let _ = u.join();\n for t in vs { t.join().unwrap() }\n ws.into_iter().for_each(|t| t.join().unwrap());\n}";
        assert_eq!(parse(dropped).join_value_used(), None);
    }

    #[test]
    fn received_parts_are_traced_through_a_vector() {
        let text = "fn compute() -> f64 {\n let (tx, rx) = unbounded();\n let mut parts = vec![None; 4];\n for (tid, s) in rx.iter() { parts[tid] = Some(s); }\n parts.into_iter().map(|s| s.unwrap()).sum()\n}\nfn main() { let pi = compute(); println!(\"PI = {pi}\"); }";
        let source = parse(text);
        let receivers = source.receivers();
        assert_eq!(receivers, HashSet::from(["rx".to_string()]));
        assert_eq!(source.printed_from("PI = ", &names_one_of(&receivers)), Some((7, true)));
        let from_join = text.replace(
            "let pi = compute();",
            "let pi: f64 = hs.into_iter().map(|h| h.join().unwrap()).sum();",
        );
        assert_eq!(
            parse(&from_join).printed_from("PI = ", &names_one_of(&receivers)),
            Some((7, false))
        );
    }

    #[test]
    fn a_read_is_placed_between_spawns_and_joins() {
        let between = "fn main() {\n let a = spawn(f);\n let b = spawn(g);\n let c = fs::read_to_string(&p);\n a.join();\n b.join();\n}";
        assert_eq!(parse(between).read_between_spawn_and_join(), (Some(4), Some(4)));
        let before =
            "fn main() {\n let c = fs::read_to_string(&p);\n let a = spawn(f);\n a.join();\n}";
        assert_eq!(parse(before).read_between_spawn_and_join(), (None, Some(2)));
        let after =
            "fn main() {\n let a = spawn(f);\n a.join();\n let c = fs::read_to_string(&p);\n}";
        assert_eq!(parse(after).read_between_spawn_and_join(), (None, Some(4)));
    }

    #[test]
    fn shared_counters_are_found_outside_comments() {
        let text =
            "// an AtomicUsize in a comment\nstatic mut LINES: usize = 0;\nfn f(c: &Mutex<u64>) {}";
        let names: Vec<String> = parse(text).shared_counters().into_iter().map(|s| s.0).collect();
        assert_eq!(names, ["static mut LINES", "Mutex"]);
    }
}
