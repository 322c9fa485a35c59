# Thread 0 prints one line fewer (its first one dropped); the total still says 10 × THREADS.
# Fails at: each thread prints 10 lines
"$solution" "$@" | awk '$0 == "In the thread 0" && !dropped { dropped = 1; next } { print }'
