# Process 1's second number is not process 0's + 100: the numbers agree in the first slot only.
# Fails at: digit for digit
"$solution" "$@" | awk '
/^Proc 1 tab = / {
    head = "Proc 1 tab = "; body = substr($0, length(head) + 2); body = substr(body, 1, length(body) - 1)
    n = split(body, a, ", "); seen = 0
    for (i = 1; i <= n; i++) if (a[i] != "None" && ++seen == 2) a[i] = a[i] + 0.5
    out = a[1]; for (i = 2; i <= n; i++) out = out ", " a[i]
    print head "[" out "]"; next
}
{ print }'
