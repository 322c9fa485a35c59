# The threads run one after the other (the kept wrong answer ex06-wrong-join-in-the-loop), checked
# beside the solution's source: the run itself must show that the threads are not there at once.
# Fails at: the threads are started together, the others wait
exec "$wrong/ex06-wrong-join-in-the-loop" "$@"
