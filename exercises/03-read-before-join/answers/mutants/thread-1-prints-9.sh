# Thread 1 prints one line fewer (its first one dropped).
"$solution" "$@" | awk '$0 == "I am the first thread I do nothing" && !dropped { dropped = 1; next } { print }'
