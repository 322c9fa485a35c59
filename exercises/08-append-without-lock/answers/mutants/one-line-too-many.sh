# The file ends with one line too many (its last line written twice), every line whole.
# Fails at: whole lines in the file
"$solution" "$@"
status=$?
if [ -n "$2" ] && [ -f "$2" ]; then tail -n 1 "$2" >> "$2"; fi
exit $status
