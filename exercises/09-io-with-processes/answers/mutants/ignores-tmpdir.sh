# The default file made without TMPDIR (in /tmp, fresh, removed at the end), as a program that
# writes to a fixed path such as the course's /tmp/stupid.txt would: the check runs it with
# TMPDIR a missing folder, and it still succeeds. (No kept program writes to a fixed path in a
# world-writable folder.)
unset TMPDIR
exec "$solution" "$@"
