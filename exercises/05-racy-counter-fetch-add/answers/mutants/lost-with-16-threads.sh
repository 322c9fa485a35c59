# With 16 threads, 3 updates lost. (`exec` otherwise: the check counts the threads of the
# process it started, which must be the solution, not this shell.)
if [ "$1" = 16 ]; then
    "$solution" "$@" | sed "s/lost updates = 0/lost updates = 3/"
else
    exec "$solution" "$@"
fi
