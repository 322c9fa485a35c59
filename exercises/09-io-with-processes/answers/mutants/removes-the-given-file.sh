# The file given as PATH is removed at the end, as a temporary one is.
"$solution" "$@"
status=$?
[ $# = 1 ] && rm -f "$1"
exit $status
