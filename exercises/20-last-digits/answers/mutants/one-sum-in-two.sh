# LANES = 1 adding in 2 sums, not in pi-threads' order: the check rejects it at "one sum adds
# in pi-threads' order: its very line".
if [ "$3" = 1 ]; then "$solution" "$1" "$2" 2 "$4" "$5"; else "$solution" "$@"; fi
