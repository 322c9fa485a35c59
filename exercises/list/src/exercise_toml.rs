//! The `exercise.toml` of an exercise's folder: `key = "text"` and `key = ["text", …]` lines,
//! `#` comments. Anything else is an error naming the line (read by `check` and its build
//! script alike).

/// The value of one key.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

/// The keys of `text`, in order; an error names the line that is not `key = value`.
pub fn parse(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad =
            || format!("line {}: expected key = \"text\" or key = [\"text\", …]: {line}", i + 1);
        let (key, value) = line.split_once('=').ok_or_else(bad)?;
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(bad());
        }
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) if inner.trim().is_empty() => Value::List(Vec::new()),
            Some(inner) => {
                let items: Option<Vec<String>> =
                    inner.split(',').map(|v| string(v.trim())).collect();
                Value::List(items.ok_or_else(bad)?)
            }
            None => Value::Text(string(value).ok_or_else(bad)?),
        };
        keys.push((key.to_string(), value));
    }
    Ok(keys)
}

/// A basic TOML string, `"…"` with `\"` and `\\` escapes (a manifest's too, for the book's tool).
pub fn string(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next().filter(|c| *c == '"' || *c == '\\')?),
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}
