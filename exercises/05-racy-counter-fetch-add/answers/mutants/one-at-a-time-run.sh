# The threads run one after the other (the kept wrong answer ex05-wrong-join-in-the-loop), checked
# beside the solution's source: the run itself must show that the threads are not there at once.
# Fails at: the threads run at the same time
exec "$wrong/ex05-wrong-join-in-the-loop" "$@"
