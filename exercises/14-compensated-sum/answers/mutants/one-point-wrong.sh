# One point computed as two: the check rejects it at "one point, nothing to compensate".
if [ "$1" = 1 ]; then "$solution" 2; else "$solution" "$@"; fi
