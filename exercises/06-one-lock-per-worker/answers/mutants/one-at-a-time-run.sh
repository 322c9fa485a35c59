# The threads run one after the other (the program ex06-wrong-join-in-the-loop), checked beside
# the solution's source: the run itself must show that the threads are not there at once.
# Fails at: the threads are started together, the others wait
exec "$(dirname "$solution")/ex06-wrong-join-in-the-loop" "$@"
