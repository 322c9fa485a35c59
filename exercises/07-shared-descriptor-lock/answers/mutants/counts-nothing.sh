# The counter printed at the end is always 0, as if the children had not counted.
"$solution" "$@" | sed 's/^Counter = .*/Counter = 0/'
