# Without arguments, 1000 increments per thread instead of the course's 100. (`exec`: the check
# counts the threads of the process it started, which must be the solution, not this shell.)
if [ $# = 0 ]; then exec "$solution" 4 1000; else exec "$solution" "$@"; fi
