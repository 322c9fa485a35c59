# The last line names a number of sums, but not LANES's (always the default, 8): the check
# rejects it at "says how many sums", which must read the number, not only the words. (Its
# exit status and stderr are the solution's: a refused LANES is still refused.)
out=$("$solution" "$@") || { status=$?; [ -z "$out" ] || printf '%s\n' "$out"; exit $status; }
printf '%s\n' "$out" | sed '$s/([0-9]* partial sums per thread)/(8 partial sums per thread)/'
