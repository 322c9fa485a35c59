# Thread 1 prints one line fewer (its first one dropped).
# Fails at: thread 1 prints its 10 lines
"$solution" "$@" | awk '$0 == "I am the first thread I do nothing" && !dropped { dropped = 1; next } { print }'
