# The threads run one after the other (the program ex05-wrong-join-in-the-loop), checked beside
# the solution's source: the run itself must show that the threads are not there at once.
# Fails at: the threads run at the same time
exec "$(dirname "$solution")/ex05-wrong-join-in-the-loop" "$@"
