#!/usr/bin/env bash
# A class of 30 copies of exercise 6 graded by `check grade`: right answers, wrong ones, copies
# that do not build, that hang, spin, fork without end, write a huge file or allocate without
# end, and the unchanged starting example. Prints the table and the time it took, then checks
# that no process is left, that TMPDIR is empty and that the tree is as `git status` showed it.
#
# Run from the course's folder (the teachers' tree: the copies are made from the answers):
#   exercises/answer-key/grade-demo.sh [DIR]     DIR: where the class is written (default: a
#                                                temporary folder, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/../.."
answers=exercises/06-one-lock-per-worker/answers
example=examples-locks/mutex-counter/src/main.rs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
class=${1:-$work/class}
mkdir -p "$class" "$work/tmp"
# The solution: the example as `check start 6` copies it (usage line renamed, the book's anchors
# left out), its patch applied.
grep -v '// ANCHOR' "$example" | sed 's/"usage: mutex-counter /"usage: ex06 /' >"$work/unchanged.rs"
patch --quiet -o "$work/ex06-solution.rs" "$work/unchanged.rs" "$answers/solutions/ex06-solution.patch"

copy() { # STUDENT LAYOUT FILE: the student's copy of FILE, as a folder (dir), as a handed-in
    # exNN/ with its Cargo.toml (exnn), or as a file (file)
    case $2 in
        dir) mkdir -p "$class/$1/src" && cp "$3" "$class/$1/src/main.rs" ;;
        exnn)
            mkdir -p "$class/$1/ex06/src" && cp "$3" "$class/$1/ex06/src/main.rs"
            printf '[package]\nname = "ex06"\n\n[dependencies]\ncourse-support = { path = "../../support" }\n' >"$class/$1/ex06/Cargo.toml"
            ;;
        file) cp "$3" "$class/$1.rs" ;;
    esac
}
program() { # NAME TEXT: a program of the class, written to $work/NAME.rs
    printf '%s\n' "$2" >"$work/$1.rs"
    echo "$work/$1.rs"
}

layouts=(dir exnn file)
for i in $(seq 1 10); do # right: the solution, each with a comment of its own
    sed "1s|^|// student $i\n|" "$work/ex06-solution.rs" >"$work/right-$i.rs"
    copy "right-$(printf %02d "$i")" "${layouts[i % 3]}" "$work/right-$i.rs"
done
for name in lock-per-increment join-in-the-loop; do # the kept wrong answers: patches applied
    mkdir -p "$work/$name" && cp "$work/ex06-solution.rs" "$work/$name/"
    (cd "$work/$name" && git apply "$OLDPWD/$answers/wrong/ex06-wrong-$name.patch")
done
for i in 1 2 3 4; do
    copy "wrong-lock-per-increment-$i" "${layouts[i % 3]}" "$work/lock-per-increment/ex06-solution.rs"
    copy "wrong-join-in-the-loop-$i" "${layouts[(i + 1) % 3]}" "$work/join-in-the-loop/ex06-solution.rs"
done
copy unchanged-1 exnn "$work/unchanged.rs"
copy unchanged-2 file "$example"
sed '$a fn broken(' "$work/ex06-solution.rs" >"$work/syntax.rs"
copy no-build-syntax dir "$work/syntax.rs"
sed 's/fn main() {/fn main() {\n    let x: u32 = "text";/' "$work/ex06-solution.rs" >"$work/types.rs"
copy no-build-types file "$work/types.rs"
copy hangs dir "$(program hangs 'fn main() { loop { std::thread::sleep(std::time::Duration::from_secs(1)); } }')"
copy spins file "$(program spins 'fn main() { let mut n: u64 = 0; loop { n = std::hint::black_box(n + 1); } }')"
bomb='fn main() { loop { let _ = std::process::Command::new("/proc/self/exe").spawn(); } }'
copy fork-bomb-1 dir "$(program bomb "$bomb")"
copy fork-bomb-2 exnn "$work/bomb.rs"
huge='use std::io::Write;
fn main() {
    let mut f = std::fs::File::create("huge").unwrap();
    loop { f.write_all(&[7u8; 1 << 20]).unwrap(); }
}'
copy huge-file-1 file "$(program huge "$huge")"
copy huge-file-2 dir "$work/huge.rs"
grow='fn main() { let mut v = Vec::new(); loop { v.push(vec![1u8; 1 << 24]); } }'
copy allocates-1 file "$(program grow "$grow")"
copy allocates-2 exnn "$work/grow.rs"
echo "$(find "$class" -mindepth 1 -maxdepth 1 | wc -l) copies in $class"

cargo build --quiet -p check
before=$(git status --porcelain)
start=$(date +%s.%N)
TMPDIR="$work/tmp" target/debug/check grade 6 "$class" --out "$work/grades" | tee "$work/out.txt"
end=$(date +%s.%N)
echo "check grade took $(awk "BEGIN { printf \"%.1f\", $end - $start }") s on $(nproc) cores ($(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg))"
scratch=$(sed -n 's/^scratch folder: \([^ ]*\).*/\1/p' "$work/out.txt")
left=$(pgrep -f -- "$scratch" || true)
left+=$(find /proc -maxdepth 2 -name cwd -lname "$scratch*" 2>/dev/null || true)
user=$(sed -n 's/.*run as user \([0-9]*\),.*/\1/p' "$work/out.txt")
[ -z "$user" ] || left+=$(ps -o pid= -u "$user" || true)
status=0
if [ -n "$left" ]; then echo "FAIL: processes left: $left"; status=1; else echo "no process left"; fi
if [ -e "$scratch" ]; then echo "FAIL: $scratch is still there"; status=1; fi
if [ -n "$(ls -A "$work/tmp")" ]; then echo "FAIL: left in TMPDIR: $(ls -A "$work/tmp")"; status=1; else echo "TMPDIR left empty"; fi
if [ "$(git status --porcelain)" != "$before" ]; then echo "FAIL: the tree changed: $(git status --porcelain)"; status=1; else echo "the tree is as git status showed it"; fi
echo "verdicts: $(cut -d, -f2 "$work/grades/grades.csv" | tail -n +2 | sort | uniq -c | tr '\n' ';')"
exit $status
