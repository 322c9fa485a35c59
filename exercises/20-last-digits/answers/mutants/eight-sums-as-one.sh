# LANES = 8 adding in one sum, as pi-threads: the same line every time; the check rejects it at
# "8 sums: … other last digits at least once in 3".
if [ "$3" = 8 ]; then "$solution" "$1" "$2" 1; else "$solution" "$@"; fi
