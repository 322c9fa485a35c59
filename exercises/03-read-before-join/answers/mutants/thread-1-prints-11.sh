# Thread 1 prints one line too many (its first one twice): 10 lines or more is not enough.
# Fails at: thread 1 prints its 10 lines
"$solution" "$@" | awk '$0 == "I am the first thread I do nothing" && !twice { twice = 1; print } { print }'
