# With the largest SEED, each run draws from another seed (this shell's pid): not reproducible.
if [ "$3" = 18446744073709551615 ]; then "$solution" "$1" "$2" $$; else "$solution" "$@"; fi
