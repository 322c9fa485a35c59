//! Exercise 3, Read before the join: what its text says the student will observe, asserted.

use crate::helpers::*;

pub fn check(c: &mut Check) -> Result<(), Stop> {
    let (r, empty, runs) = likely(c, &[], |c, r| {
        c.succeeded(r)?;
        let lines = r.lines();
        let first = lines.iter().filter(|l| **l == "I am the first thread I do nothing").count();
        c.quietly(first == 10, "thread 1 prints its 10 lines", r, 10, first)?;
        let content: Vec<&&str> =
            lines.iter().filter(|l| l.starts_with("File content :")).collect();
        let one = content.len() == 1
            && ["File content : ", "File content : I am the second thread"].contains(content[0]);
        let expected = "one line \"File content : \", empty or \"I am the second thread\"";
        c.quietly(one, "the file is read once", r, expected, format!("{content:?}"))?;
        Ok(*content[0] == "File content : ")
    })?;
    let what = format!("`{}`: the file was empty when read in {empty} of {runs} runs", r.command);
    let expected = "\"File content : \" with nothing after it in some runs";
    c.check(empty > 0, what, &r, expected, format!("the text in all {runs} runs"))?;
    // A file read before the threads start is empty too, every time: the source tells.
    let what = "the file is read after both threads are spawned, before the joins";
    source_rule(c, what, "the read between the spawns and the joins", |s| {
        match s.read_between_spawn_and_join() {
            (Some(_), _) => Ok(()),
            (None, Some(line)) => Err(format!(
                "line {line}: the file is read, but not between the spawns and the joins"
            )),
            (None, None) => Err("no file read (`fs::read_to_string`)".into()),
        }
    })
}
