# The last line names a number of sums, but not LANES's (always the default, 8): the check
# rejects it at "says how many sums", which must read the number, not only the words.
"$solution" "$@" | sed '$s/([0-9]* partial sums per thread)/(8 partial sums per thread)/'
