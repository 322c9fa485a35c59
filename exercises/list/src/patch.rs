//! A unified diff on one file, as `diff -u` writes it, applied exactly: each hunk where its
//! context and removed lines stand, every one of them (no fuzz), at the line its header names or,
//! when lines were added or taken out above it, at the nearest place they stand (an offset, as
//! `patch` allows), so that a patch applies the same way everywhere or says where it no longer
//! does. The text
//! before the first `--- ` line is the patch's preamble, prose that `patch` and `git apply` skip.

/// A patch, read.
#[derive(Debug)]
pub struct Patch {
    /// The text before the `--- ` line, without the blank lines at its end.
    pub preamble: String,
    /// The file it applies to, as its `--- a/FILE` line names it.
    pub file: String,
    hunks: Vec<Hunk>,
}

/// `@@ -start,len +start,len @@` and its lines.
#[derive(Debug)]
struct Hunk {
    /// Where it starts in the old file (from 1; with no old line, the line it comes after).
    old_start: usize,
    old_len: usize,
    /// Its lines: ' ' (context), '-' (removed) or '+' (added), and the text.
    lines: Vec<(char, String)>,
}

impl Patch {
    /// Reads `text`; what is not a unified diff on one file is an error, with its line.
    pub fn parse(text: &str) -> Result<Patch, String> {
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.iter().position(|l| l.starts_with("--- ")).ok_or("no `--- ` line")?;
        let preamble = lines[..start].join("\n").trim_end().to_string();
        let file = lines[start]["--- ".len()..].split('\t').next().unwrap_or_default();
        let file = file.strip_prefix("a/").unwrap_or(file).to_string();
        if !lines.get(start + 1).is_some_and(|l| l.starts_with("+++ ")) {
            return Err(format!("line {}: no `+++ ` line after the `--- ` line", start + 2));
        }
        let mut hunks = Vec::new();
        let mut at = start + 2;
        while at < lines.len() {
            let (old_start, old_len, new_len) = hunk_header(lines[at]).ok_or(format!(
                "line {}: `@@ -L,N +L,N @@` expected: {}",
                at + 1,
                lines[at]
            ))?;
            at += 1;
            let mut hunk = Hunk { old_start, old_len, lines: Vec::new() };
            let (mut old, mut new) = (0, 0);
            while old < old_len || new < new_len {
                let line = lines.get(at).ok_or(format!("hunk {}: cut short", hunks.len() + 1))?;
                // An empty context line may have lost its space on the way.
                let (kind, text) = match line.chars().next() {
                    None => (' ', ""),
                    Some(c @ (' ' | '-' | '+')) => (c, &line[1..]),
                    Some(_) => {
                        return Err(format!("line {}: not a line of a hunk: {line}", at + 1));
                    }
                };
                old += usize::from(kind != '+');
                new += usize::from(kind != '-');
                hunk.lines.push((kind, text.to_string()));
                at += 1;
            }
            if old != old_len || new != new_len {
                return Err(format!(
                    "hunk {}: not the number of lines its header says",
                    hunks.len() + 1
                ));
            }
            hunks.push(hunk);
        }
        if hunks.is_empty() {
            return Err("no hunk".into());
        }
        Ok(Patch { preamble, file, hunks })
    }

    /// The line `Fails at: …` of the preamble, without its lead.
    pub fn fails_at(&self) -> Option<&str> {
        self.preamble.lines().find_map(|l| l.strip_prefix("Fails at: "))
    }

    /// `old` with the hunks applied, or where the first one that does not fit stops:
    /// "hunk 2 at line 40 expected `…`, found `…`".
    pub fn apply(&self, old: &str) -> Result<String, String> {
        let old: Vec<&str> = old.lines().collect();
        let mut out = String::new();
        let mut next = 0; // the first old line not yet copied
        let mut shift = 0isize; // how far the hunks before were found from their stated lines
        for (i, hunk) in self.hunks.iter().enumerate() {
            let n = i + 1;
            let stated = if hunk.old_len == 0 { hunk.old_start } else { hunk.old_start - 1 };
            let stated = stated.saturating_add_signed(shift);
            // The nearest line, from `next` on, where the hunk's old lines stand.
            let fits = |start: usize| {
                let olds = hunk.lines.iter().filter(|(kind, _)| *kind != '+');
                olds.enumerate().all(|(k, (_, text))| old.get(start + k) == Some(&text.as_str()))
            };
            let nearest = (0..=old.len())
                .flat_map(|d| [stated.checked_sub(d), stated.checked_add(d)])
                .flatten()
                .find(|&start| start >= next && start <= old.len() && fits(start));
            let start = if hunk.old_len == 0 { stated } else { nearest.unwrap_or(stated) };
            shift += start as isize - stated as isize;
            if start < next || start > old.len() {
                return Err(format!(
                    "hunk {n} at line {}: out of order or past the end",
                    start + 1
                ));
            }
            for line in &old[next..start] {
                out += line;
                out.push('\n');
            }
            let mut at = start;
            for (kind, text) in &hunk.lines {
                if *kind != '+' {
                    if old.get(at) != Some(&text.as_str()) {
                        let found = old.get(at).map(|f| format!("`{f}`"));
                        let found = found.unwrap_or("the end of the file".into());
                        return Err(format!(
                            "hunk {n} at line {} expected `{text}`, found {found}",
                            at + 1
                        ));
                    }
                    at += 1;
                }
                if *kind != '-' {
                    out += text;
                    out.push('\n');
                }
            }
            next = at;
        }
        for line in &old[next..] {
            out += line;
            out.push('\n');
        }
        Ok(out)
    }
}

/// `@@ -12,7 +12,8 @@ …`: (12, 7, 8); a length left out is 1.
fn hunk_header(line: &str) -> Option<(usize, usize, usize)> {
    let rest = line.strip_prefix("@@ -")?;
    let (ranges, _) = rest.split_once(" @@")?;
    let (old, new) = ranges.split_once(" +")?;
    let range = |r: &str| -> Option<(usize, usize)> {
        match r.split_once(',') {
            Some((start, len)) => Some((start.parse().ok()?, len.parse().ok()?)),
            None => Some((r.parse().ok()?, 1)),
        }
    };
    let ((old_start, old_len), (_, new_len)) = (range(old)?, range(new)?);
    Some((old_start, old_len, new_len))
}

#[cfg(test)]
mod tests {
    use super::Patch;

    const OLD: &str = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    const PATCH: &str = "What it gets wrong.\nFails at: the third line\n\n--- a/old.txt\n+++ b/old.txt\n@@ -1,3 +1,2 @@\n one\n-two\n three\n@@ -6,2 +5,3 @@\n six\n+six and a half\n seven\n";

    #[test]
    fn a_patch_applies_where_its_hunks_say() {
        let patch = Patch::parse(PATCH).unwrap();
        assert_eq!(patch.file, "old.txt");
        assert_eq!(patch.preamble, "What it gets wrong.\nFails at: the third line");
        assert_eq!(patch.fails_at(), Some("the third line"));
        let new = patch.apply(OLD).unwrap();
        assert_eq!(new, "one\nthree\nfour\nfive\nsix\nsix and a half\nseven\n");
    }

    #[test]
    fn a_line_changed_under_a_hunk_stops_it_and_says_where() {
        let patch = Patch::parse(PATCH).unwrap();
        let err = patch.apply(&OLD.replace("seven", "SEVEN")).unwrap_err();
        assert_eq!(err, "hunk 2 at line 7 expected `seven`, found `SEVEN`");
        // An offset: the same lines one further down, because a line came above them.
        let new = patch.apply(&format!("zero\n{OLD}")).unwrap();
        assert_eq!(new, "zero\none\nthree\nfour\nfive\nsix\nsix and a half\nseven\n");
        // No fuzz: one line of a hunk that differs stops it, wherever it is.
        let err = patch.apply(&OLD.replace("one", "ONE")).unwrap_err();
        assert_eq!(err, "hunk 1 at line 1 expected `one`, found `ONE`");
        let err = patch.apply("one\ntwo\nthree\nfour\nfive\nsix\n").unwrap_err();
        assert_eq!(err, "hunk 2 at line 7 expected `seven`, found the end of the file");
    }

    #[test]
    fn what_is_not_a_unified_diff_is_refused() {
        assert!(Patch::parse("prose only\n").is_err());
        assert!(Patch::parse("--- a/x\n+++ b/x\n").is_err());
        assert!(Patch::parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n one\n").is_err());
        assert!(Patch::parse("--- a/x\n+++ b/x\n@@ -1 +1 @@\n*one\n").is_err());
    }

    #[test]
    fn an_insertion_after_a_line_applies() {
        let patch = Patch::parse("--- a/x\n+++ b/x\n@@ -2,0 +3 @@\n+inserted\n").unwrap();
        assert_eq!(patch.apply("a\nb\nc\n").unwrap(), "a\nb\ninserted\nc\n");
    }
}
