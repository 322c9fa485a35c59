# The array's last line is dropped: the check cannot read the array.
"$solution" "$@" | sed '$d'
