#!/usr/bin/env bash
# Every right answer (solutions and fast variants) checked REPEAT times (50 unless set), first
# on an idle machine, then with both cores kept busy by two `yes` loops: no right answer may
# fail. Prints one count per solution and per round. Usage, from the course's folder:
#   bash exercises/answer-key/solutions-again.sh            (all; hours)
#   EXERCISE=6 REPEAT=50 bash exercises/answer-key/solutions-again.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export REPEAT=${REPEAT:-50}
cargo build --quiet --workspace --all-targets
cargo build --quiet --workspace --manifest-path examples-mpi/Cargo.toml --target-dir target 2>/dev/null || true
round() { # NAME
    echo "== $1: REPEAT=$REPEAT${EXERCISE:+, EXERCISE=$EXERCISE}"
    cargo test --quiet -p answer-key --test answer_key solutions_again_and_again -- --ignored --nocapture 2>&1 \
        | grep -E '^SOLUTIONS|^exercise [0-9]+:|test result' | sed "s/^SOLUTIONS/$1:/"
}
status=0
round idle || status=1
yes >/dev/null & busy1=$!
yes >/dev/null & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null || true' EXIT
round busy || status=1
exit $status
