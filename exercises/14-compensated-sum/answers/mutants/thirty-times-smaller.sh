# At 10^7 points, an error some 30 times smaller than pi-sequential's (2.0e-11 %), as a sum
# made in a few blocks would give, not hundreds of times smaller: PI = 3.1415926535898144.
# Fails at: hundreds of times smaller
if [ "$1" = 1e7 ]; then "$solution" "$@" | sed '1s/^PI = .*/PI = 3.1415926535898144/'; else exec "$solution" "$@"; fi
