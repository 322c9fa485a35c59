//! The course's conventions that the runs are checked against.

/// A printed Python list of floats, `[0.5, 100.25, None]`; `None` if `text` is not one.
pub fn parse_list(text: &str) -> Option<Vec<Option<f64>>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let item = |v: &str| if v == "None" { Some(None) } else { v.parse().ok().map(Some) };
    inner.split(", ").map(item).collect()
}

/// The thread (or process) that owns slot `i` of `n` among `workers`, with the course's split:
/// the last one also takes the remainder (all of them, with fewer slots than workers).
pub fn owner(i: usize, n: usize, workers: usize) -> usize {
    i.checked_div(n / workers).map_or(workers - 1, |part| part.min(workers - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(parse_list("[0.5, 100.25, None]"), Some(vec![Some(0.5), Some(100.25), None]));
        assert_eq!(parse_list(" [] "), Some(vec![]));
        assert_eq!(parse_list("[0.5 1]"), None);
        assert_eq!(parse_list("0.5"), None);
    }

    #[test]
    fn owners() {
        let owners: Vec<usize> = (0..10).map(|i| owner(i, 10, 3)).collect();
        assert_eq!(owners, [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(owner(1, 2, 5), 4);
    }
}
