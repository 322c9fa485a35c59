# A PI that is not the midpoint rule's: the check rejects it at "PI within 1e-10 of
# pi-sequential".
"$solution" "$@" | sed '1s/^PI = .*/PI = 3.14/'
