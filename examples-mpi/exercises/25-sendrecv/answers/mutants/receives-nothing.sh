# Rank 1 prints its receive buffer as it was before the exchange (zeros): it did not receive
# what rank 0 sent.
"$solution" "$@" | sed '/^Proc 1 receive /s/\[[^]]*\]/[0. 0. 0. 0. 0.]/'
