//! The course's conventions that the runs are checked against (what the programs print is
//! read by [`crate::read`]).

/// The thread (or process) that owns slot `i` of `n` among `workers`, with the course's split:
/// the last one also takes the remainder (all of them, with fewer slots than workers).
pub fn owner(i: usize, n: usize, workers: usize) -> usize {
    i.checked_div(n / workers).map_or(workers - 1, |part| part.min(workers - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners() {
        let owners: Vec<usize> = (0..10).map(|i| owner(i, 10, 3)).collect();
        assert_eq!(owners, [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(owner(1, 2, 5), 4);
    }
}
