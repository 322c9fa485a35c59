#!/usr/bin/env python3
"""The commands the book and the README print, run as printed (issue 27).

    python3 book/check-commands.py [--limit SECONDS] [--only TEXT] [ROOT]
    python3 book/check-commands.py --self-test

Runs every ```sh block of README.md and of book/src/**/*.md (ROOT, the repository, being the
folder above this script's by default), as a reader would paste it into a terminal:
- each block in a scratch clone of the repository's HEAD (`git clone`, then HEAD checked out),
  its own, so that no block depends on what another left behind; each clone's `target/` is a
  link to ROOT's `target/`, the build folder the CI has filled already, so that nothing is built
  twice (but the crates that read their own folder, `env!("CARGO_MANIFEST_DIR")`: `check` and
  the tests, which cargo builds again for the clone's folder, the same for every block; ROOT's
  own builds of them are then out of date, and cargo builds them again there if asked: run this
  check after anything else that uses ROOT's target/). (A link, not CARGO_TARGET_DIR: the variable would override `--target-dir target` and
  examples-mpi/.cargo/config.toml, the very settings that put the binaries in `target/release/`,
  where the pages run them from.) The clone's files get the times of ROOT's, so that cargo sees
  the sources it built from, unchanged; ROOT should have no change to its tracked files (a fresh
  clone, as the CI is): the commands run on HEAD, and a warning says so otherwise;
- in one bash of its own per block (`bash` with `pipefail`: a pipe fails if any of its commands
  does), from the clone's root, standard input empty, in the user's environment (the CI's user),
  with cargo's bin folder on PATH (where `cargo install` puts mdbook); each line is a command (a
  line ending in `\\`, or a loop, runs on with the next lines, as in a terminal), a `cd` carries
  over to the next line of its block;
- each command must end with status 0, or with the status its line states in a comment,
  `# exit status 2`; a line whose comment says the command runs `until Ctrl-C` is run for
  CTRL_C_AFTER seconds then sent SIGINT, as Ctrl-C does: it passes if it was still running and
  stopped (or ended with 0 before);
- the lines that install system packages or tools (`sudo apt-get install ...`, `apt install`,
  `brew ...`, `cargo install ...`) are not run: .ci/run installs them before; they are checked
  as done instead (apt: the packages are installed, per dpkg; `cargo install NAME --version V`:
  NAME is in cargo's bin folder and prints V; brew, macOS's: skipped), and a line says so;
- a block has LIMIT seconds (120 by default), its commands together: a block slower than that
  fails (its page should ask for less work: smaller arguments).
Identical blocks (the README and the introduction share one) run once, and their failures name
every place they are printed. A command given with `--ran COMMAND` is not run again: .ci/run
passes the README's test command, `cargo test --workspace`, which it has just run itself, as
printed, in this very tree (the whole suite takes far longer than a block's limit).

As root, Open MPI's mpirun refuses to run unless told with --allow-run-as-root: the commands run
with OMPI_ALLOW_RUN_AS_ROOT=1 and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 when the user is root (the
one change, in one line, that the MPI set-up page gives a root user), and as printed otherwise.

A failure prints the page, the command's line, its status (or the time limit) and the last lines
of its output. Exits 1 if any command failed, 2 when it cannot run at all. --self-test makes a
small repository in a temporary folder, with blocks that pass and blocks broken on purpose, and
fails unless each broken one, and only they, are reported.
"""

import argparse
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT = 120  # seconds for a block
CTRL_C_AFTER = 10  # seconds a command that runs `until Ctrl-C` runs before its Ctrl-C
TAIL = 15  # lines of output shown for a failure
SLOW = 20  # seconds: a block slower than that has each command's time printed
EXPECTED = re.compile(r"#.*\bexit status (\d+)\b")
UNTIL_CTRL_C = re.compile(r"#.*\buntil ctrl-c\b", re.IGNORECASE)
INSTALLS = re.compile(r"^(sudo\s+)?(apt-get|apt|brew|cargo\s+install)\b")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)")
MARK = "@@check-commands@@"


def say(message, stream=sys.stdout):
    print(f"check-commands: {message}", file=stream, flush=True)


def blocks_of(root):
    """[(file relative to root, line of the block's ```sh, [(line, command)])] for every
    ```sh block of README.md and book/src/**/*.md, in that order."""
    files = [root / "README.md"] + sorted((root / "book" / "src").rglob("*.md"))
    found = []
    for path in files:
        if not path.is_file():
            continue
        lines = path.read_text().splitlines()
        n = 0
        while n < len(lines):
            m = FENCE.match(lines[n])
            if not m:
                n += 1
                continue
            indent, fence, info = m.groups()
            end = n + 1
            while end < len(lines) and not (lines[end].strip().startswith(fence[0] * len(fence))
                                            and lines[end].strip().strip(fence[0]) == ""):
                end += 1
            if info.split(",")[0] == "sh":
                body = [(k + 1, line[len(indent):] if line.startswith(indent) else line.lstrip())
                        for k, line in enumerate(lines[n + 1:end], n + 1)]
                found.append((path.relative_to(root).as_posix(), n + 1, commands_of(body)))
            n = end + 1
    return found


def complete(text):
    """Whether `text` is whole commands for bash (no loop or quote left open)."""
    return subprocess.run(["bash", "-n", "-c", text], capture_output=True).returncode == 0


def commands_of(body):
    """[(line, command)]: the block's lines, those ending in `\\` or opening a loop joined to the
    next ones; blank lines and lines of comments only left out."""
    commands, start, text = [], None, ""
    for line_number, line in body:
        if start is None:
            if not line.strip() or line.strip().startswith("#"):
                continue
            start, text = line_number, line
        else:
            text += "\n" + line
        if text.endswith("\\") or not complete(text):
            continue
        commands.append((start, text))
        start, text = None, ""
    if start is not None:
        commands.append((start, text))  # bash will say what is wrong with it
    return commands


def environment():
    env = dict(os.environ)
    cargo_bin = Path(env.get("CARGO_HOME", Path.home() / ".cargo")) / "bin"
    env["PATH"] = f"{cargo_bin}{os.pathsep}{env.get('PATH', '')}"
    env.pop("CARGO_TARGET_DIR", None)  # the clone's target/ is the shared one (see above)
    if os.geteuid() == 0:
        env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    return env, cargo_bin


def install_done(command, cargo_bin):
    """None if what the install line `command` installs is there, else why not."""
    words = shlex.split(command, comments=True)
    if words and words[0] == "sudo":
        words = words[1:]
    if words[0] == "brew":
        return None  # macOS's packages: nothing to check here
    if words[0] in ("apt-get", "apt"):
        packages = [w for w in words[2:] if not w.startswith("-")] if words[1:2] == ["install"] else []
        missing = [p for p in packages
                   if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
        return f"not installed: {' '.join(missing)}" if missing else None
    # cargo install NAME [--version V] ...
    args = words[2:]
    name = next((a for k, a in enumerate(args) if not a.startswith("-")
                 and (k == 0 or args[k - 1] not in ("--version", "--root", "--git", "--path", "--branch",
                                                     "--tag", "--rev", "--features", "--target"))), None)
    version = args[args.index("--version") + 1] if "--version" in args[:-1] else None
    if name is None:
        return "no crate named"
    tool = cargo_bin / name
    if not os.access(tool, os.X_OK):
        return f"{tool} is missing"
    if version:
        shown = subprocess.run([str(tool), "--version"], capture_output=True, text=True).stdout
        if version not in shown:
            return f"{tool} --version says {shown.strip()!r}, not {version}"
    return None


def script_of(commands, status_file, ctrl_c_after):
    """The bash script that runs `commands` in order and writes 'LINE STATUS' to `status_file`
    for the first one that does not end as its line says; MARK lines split the output."""
    parts = ["set -o pipefail"]
    for line, command in commands:
        want = EXPECTED.search(command.splitlines()[-1])
        want = int(want.group(1)) if want else 0
        parts.append(f"printf '\\n%s %d %s\\n' {MARK} {line} \"$EPOCHREALTIME\"")
        if UNTIL_CTRL_C.search(command.splitlines()[-1]):
            # timeout sends SIGINT to the command's whole process group, as a terminal's Ctrl-C;
            # 124: it was still running, and stopped. 137: it did not stop, killed 5 s later.
            parts.append(f"timeout -k 5 -s INT {ctrl_c_after} bash -o pipefail -c {shlex.quote(command)}")
            parts.append(f"s=$?; if [ $s -ne 124 ] && [ $s -ne 0 ]; then echo {line} $s ctrl-c > {status_file}; exit 0; fi")
        else:
            parts.append(command)
            parts.append(f"s=$?; if [ $s -ne {want} ]; then echo {line} $s {want} > {status_file}; exit 0; fi")
    parts.append(f"printf '\\n%s 0 %s\\n' {MARK} \"$EPOCHREALTIME\"")
    return "\n".join(parts) + "\n"


def clone(root, head, target, into):
    """A clone of `root` at `head` in `into`, its target/ the link to `target`, its files dated
    as `root`'s."""
    subprocess.run(["git", "clone", "-q", "--no-checkout", "--shared", str(root), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "-c", "advice.detachedHead=false", "checkout", "-q", head], check=True)
    changed = set(subprocess.run(["git", "-C", str(root), "diff", "--name-only", "HEAD"],
                                 capture_output=True, text=True, check=True).stdout.splitlines())
    files = subprocess.run(["git", "-C", str(into), "ls-files", "-z"], capture_output=True, text=True,
                           check=True).stdout.split("\0")
    for name in files:
        if name and name not in changed and (root / name).is_file() and not (root / name).is_symlink():
            st = (root / name).stat()
            os.utime(into / name, ns=(st.st_atime_ns, st.st_mtime_ns))
    (into / "target").symlink_to(target)


def run_block(root, head, target, commands, scratch, env, cargo_bin, limit, ctrl_c_after, ran=()):
    """(None, seconds) if every command of the block ended as it should, else (why, seconds)."""
    start = time.monotonic()
    to_run = []
    for line, command in commands:
        if command.split("#")[0].strip() in ran:
            say(f"  line {line}: not run again: .ci/run ran it as printed, in this tree: {command.strip()}")
        elif INSTALLS.match(command.strip()):
            why = install_done(command, cargo_bin)
            if why:
                return (line, command, f"installs what the CI has not: {why}", ""), 0.0
            say(f"  line {line}: not run, done by .ci/run: {command.strip()}")
        else:
            to_run.append((line, command))
    if not to_run:
        return None, 0.0
    # Every block's clone at the same path: crates that read their own path (env!, as check and
    # the tests do) are built again for the clone's path once, not once a block.
    work = scratch / "block"
    work.mkdir()
    work.chmod(0o755)  # the tests run examples as another user: they must reach the clone
    tree = work / root.name
    clone(root, head, target, tree)
    status_file, log = scratch / "status", scratch / "output"
    status_file.unlink(missing_ok=True)
    (work / "block.sh").write_text(script_of(to_run, status_file, ctrl_c_after))
    with open(log, "w") as out:
        process = subprocess.Popen(["bash", str(work / "block.sh")], cwd=tree, env=env,
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            process.wait(timeout=limit)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        # What the block left running (a child in the background, or all of it on time out).
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            time.sleep(1)
        process.wait()
    seconds = time.monotonic() - start
    output = log.read_text(errors="replace").split(f"\n{MARK} ")
    # Each command's seconds, from the marks' clock (the last mark, line 0, ends the block).
    marks = [part.split("\n", 1)[0].split() for part in output[1:]]
    marks = [(int(m[0]), float(m[1])) for m in marks if len(m) == 2 and m[0].isdigit()]
    ends = [t for _, t in marks[1:]] + [time.time()]
    durations = [(line, end - t) for (line, t), end in zip(marks, ends) if line]
    if output[-1].split("\n", 1)[0].split()[:1] == ["0"]:
        output.pop()  # the end mark: the last command's output is before it
    status = status_file.read_text().split() if status_file.exists() else None
    aside = Path(tempfile.mkdtemp(prefix="done-", dir=scratch))
    work.rename(aside / "block")  # the next block's clone takes its path
    shutil.rmtree(aside, ignore_errors=True)
    # The output after the last mark: the last command's.
    last_line, _, last_output = output[-1].partition("\n") if len(output) > 1 else ("0", "", output[0])
    last_line = int(last_line.split()[0]) if last_line.split()[:1] and last_line.split()[0].isdigit() else to_run[0][0]
    if seconds > SLOW:
        say("  its commands' seconds: " + ", ".join(f"line {line} {d:.0f} s" for line, d in durations))
    command = dict(to_run).get(last_line, "")
    if timed_out:
        return (last_line, command, f"the block took more than its {limit:g} s (stopped during this command)",
                last_output), seconds
    if status:
        line, got, want = int(status[0]), int(status[1]), status[2]
        command = dict(to_run)[line]
        if want == "ctrl-c":
            why = (f"did not stop on Ctrl-C (SIGINT after {ctrl_c_after:g} s), killed" if got == 137
                   else f"ended with status {got} before its Ctrl-C, not 0")
        else:
            why = f"ended with status {got}, not {want}" + ("" if want != "0" else
                                                            " (a comment `# exit status N` states another)")
        return (line, command, why, last_output if line == last_line else ""), seconds
    if process.returncode != 0:
        return (last_line, command, f"the block's shell ended with status {process.returncode}", last_output), seconds
    return None, seconds


def check(root, limit=LIMIT, ctrl_c_after=CTRL_C_AFTER, only=None, ran=()):
    """Runs every block of `root`; prints a line per block and per failure; returns
    ([(places, line, command, why, output)], {places: seconds})."""
    if not (root / ".git").exists():
        say(f"{root} is not a git repository", sys.stderr)
        sys.exit(2)
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    if subprocess.run(["git", "-C", str(root), "diff", "--quiet", "HEAD"]).returncode != 0:
        say(f"warning: {root} has changes not committed: the commands run on HEAD, {head[:10]}", sys.stderr)
    target = root / "target"
    target.mkdir(exist_ok=True)
    env, cargo_bin = environment()
    if os.geteuid() == 0:
        say("as root: OMPI_ALLOW_RUN_AS_ROOT=1 and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 for mpirun")
    # Identical blocks: run once, every place named.
    blocks = {}
    for page, line, commands in blocks_of(root):
        if only and only not in page:
            continue
        key = tuple(command for _, command in commands)
        blocks.setdefault(key, []).append((page, line, commands))
    failures, times = [], {}
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="check-commands-") as scratch:
        Path(scratch).chmod(0o755)
        for places in blocks.values():
            page, line, commands = places[0]
            where = ", ".join(f"{p}:{n}" for p, n, _ in places)
            failure, seconds = run_block(root, head, target, commands, Path(scratch), env, cargo_bin,
                                         limit, ctrl_c_after, ran)
            times[where] = seconds
            if failure is None:
                say(f"the block at {where}: {len(commands)} command(s) passed in {seconds:.0f} s")
                continue
            at, command, why, output = failure
            shown = "\n".join("    | " + l for l in output.rstrip("\n").splitlines()[-TAIL:])
            failed_at = ", ".join(f"{p}:{at - line + n}" for p, n, _ in places)
            say(f"FAILED {failed_at}: `{command.strip()}` {why}" + (f"; its last output:\n{shown}" if shown else ""),
                sys.stderr)
            failures.append((failed_at, command, why, output))
    total = time.monotonic() - start
    slowest = sorted(times.items(), key=lambda t: -t[1])[:5]
    say(f"{len(blocks)} blocks ({sum(len(p) for p in blocks.values())} printed) in {total:.0f} s; the slowest: "
        + ", ".join(f"{w} {s:.0f} s" for w, s in slowest))
    if failures:
        say(f"{len(failures)} block(s) failed", sys.stderr)
    return failures, times


# The self-test's repository: README.md and a page, their blocks; each broken command is named in
# SELF_TEST_EXPECTED by its file, the words of its line, and the words of its failure.
SELF_TEST_README = """# A repository

```sh
true                          # a command that passes
sh -c 'exit 3'                # exit status 3
printf 'a\\nb\\n' | grep -c b \
    | grep -q 1                # a line that runs on
for word in one two; do
    test -n "$word"
done
test "$(id -u)" != 0 || test "$OMPI_ALLOW_RUN_AS_ROOT" = 1    # mpirun as root
test -L target && test ! -e left-behind && touch left-behind   # a clone of its own, target/ shared
sudo apt-get install coreutils    # installed: not run
brew install open-mpi             # macOS's: not run
sleep 100                         # runs until Ctrl-C
```

```sh
false                         # broken: a status not stated
```

```sh
test -L target && test ! -e left-behind && touch left-behind   # a clone of its own, target/ shared
echo some output; sh -c 'exit 3'   # exit status 2
```
"""
SELF_TEST_PAGE = """# A page

```sh
cd sub && test -f here            # cd carries over
test -f here
grep -c nothing here | cat        # broken: pipefail, grep finds nothing
```

```sh
sh -c 'trap "" INT; sleep 100'    # broken: runs until Ctrl-C but ignores it
```

```sh
sleep 100                         # broken: slower than the block's limit
```

```sh
sudo apt-get install no-such-package-here   # broken: the CI did not install it
```

```sh
true                          # a command that passes
sh -c 'exit 3'                # exit status 3
printf 'a\\nb\\n' | grep -c b \
    | grep -q 1                # a line that runs on
for word in one two; do
    test -n "$word"
done
test "$(id -u)" != 0 || test "$OMPI_ALLOW_RUN_AS_ROOT" = 1    # mpirun as root
test -L target && test ! -e left-behind && touch left-behind   # a clone of its own, target/ shared
sudo apt-get install coreutils    # installed: not run
brew install open-mpi             # macOS's: not run
sleep 100                         # runs until Ctrl-C
```
"""
SELF_TEST_EXPECTED = [  # (file, words of the command's line, words of the failure)
    ("README.md", "false ", "ended with status 1, not 0"),
    ("README.md", "echo some output", "ended with status 3, not 2"),
    ("book/src/page.md", "grep -c nothing", "ended with status 1, not 0"),
    ("book/src/page.md", "trap", "did not stop on Ctrl-C"),
    ("book/src/page.md", "sleep 100                         # broken", "took more than its"),
    ("book/src/page.md", "no-such-package-here", "installs what the CI has not"),
]


def self_test():
    """Runs the check on a small repository with blocks broken on purpose; 0 if each broken
    command, and only they, failed, for their own reason, at their own line."""
    with tempfile.TemporaryDirectory(prefix="check-commands-self-test-") as tmp:
        root = Path(tmp)
        (root / "book" / "src").mkdir(parents=True)
        (root / "README.md").write_text(SELF_TEST_README)
        (root / "book" / "src" / "page.md").write_text(SELF_TEST_PAGE)
        (root / "sub").mkdir()
        (root / "sub" / "here").write_text("a file\n")
        (root / ".gitignore").write_text("/target\n")
        git = ["git", "-C", str(root), "-c", "user.name=self-test", "-c", "user.email=self-test@localhost"]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "."], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "self-test"], check=True)
        failures, times = check(root, limit=8, ctrl_c_after=1)
        lines = {f: t.splitlines() for f, t in (("README.md", SELF_TEST_README), ("book/src/page.md", SELF_TEST_PAGE))}
    bad = 0
    for file, words, why in SELF_TEST_EXPECTED:
        line = next(n for n, text in enumerate(lines[file], 1) if words in text)
        hits = [f for f in failures if f"{file}:{line}" in f[0].split(", ") and why in f[2]]
        say(f"self-test: {'reported' if hits else 'NOT REPORTED'}: {file}:{line}: {why}")
        bad += not hits
    if len(failures) != len(SELF_TEST_EXPECTED):
        say(f"self-test: {len(failures)} failures reported, {len(SELF_TEST_EXPECTED)} expected", sys.stderr)
        bad += 1
    if len(times) != 7:  # the two identical blocks run once
        say(f"self-test: {len(times)} blocks run, 7 expected", sys.stderr)
        bad += 1
    if bad:
        say(f"self-test: {bad} problem(s)", sys.stderr)
        return 1
    say(f"self-test: each of the {len(SELF_TEST_EXPECTED)} broken commands was reported, and only they")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--limit", type=float, default=LIMIT, help="seconds for a block")
    parser.add_argument("--ctrl-c-after", type=float, default=CTRL_C_AFTER)
    parser.add_argument("--only", metavar="TEXT", help="only the blocks of the files whose path holds TEXT")
    parser.add_argument("--ran", metavar="COMMAND", action="append", default=[],
                        help="a command that .ci/run has run itself, as printed, in this tree and passed: not run again")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    failures, _ = check(args.root.resolve(), args.limit, args.ctrl_c_after, args.only, tuple(args.ran))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
