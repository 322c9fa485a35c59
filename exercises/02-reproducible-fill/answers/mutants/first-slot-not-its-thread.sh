# The first slot, thread 0's, holds 100.5: a number in thread 1's hundred.
"$solution" "$@" | sed 's/^\[[^],]*/[100.5/'
