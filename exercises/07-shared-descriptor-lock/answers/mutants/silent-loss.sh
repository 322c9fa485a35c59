# Lost updates end well (exit status 0, no "expected …, got …"): the program does not check itself.
"$solution" "$@" 2>/dev/null
exit 0
