# The threads run one after the other (the kept wrong answer ex13-wrong-one-at-a-time), checked
# beside the solution's source: the run itself must show that the threads are not there at the
# same time.
# Fails at: the 4 threads compute at the same time
exec "$wrong/ex13-wrong-one-at-a-time" "$@"
