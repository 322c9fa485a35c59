# The first line gives another count, while the last still says that no update was lost.
# Fails at: lost updates = 0 in each of 20 runs
"$solution" "$@" | sed '1s/^Counter = .*/Counter = 0/'
