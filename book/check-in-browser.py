#!/usr/bin/env python3
"""The built book, checked in a real browser (issue 21).

    mdbook build book && python3 book/check-in-browser.py [BOOK_DIR]

Serves the built book (BOOK_DIR/book, BOOK_DIR being the folder of this script by default) on
a free local port and opens every .html page of it in headless Chromium (Debian's chromium and
chromium-driver, driven by Python's selenium). Checks that:
- every page loads: it has the book's title (book.toml), its content, and no error in the console;
- every internal link resolves: its file exists in the built book, and its #anchor in that page;
- every image loads, with a natural width above 0;
- each example's page, examples/PACKAGE.html, shows a Rust code block holding the current text of
  that package's src/main.rs (examples-*/PACKAGE/), whitespace at the ends aside, and every
  example has its page;
- the search box finds `Bcast` and `fork`.
Prints one line per failure and exits 1 if any; exits 2 when it cannot run at all (no built
book, no browser).
"""

import functools
import http.server
import os
import sys
import threading
import tomllib
import urllib.parse
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SEARCHED = ["Bcast", "fork"]
# mdBook's table of contents as a page of its own, for readers without JavaScript: a frame
# with neither title nor content, only links (which are checked).
FRAMES = {"toc.html"}
WAIT = 20  # seconds for a page, or for search results, before calling it a failure


def usage_error(message):
    print(f"check-in-browser: {message}", file=sys.stderr)
    print("usage: python3 book/check-in-browser.py [BOOK_DIR]   (after `mdbook build book`)", file=sys.stderr)
    sys.exit(2)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser dropped a connection (a prefetch cut short): the pages' checks tell


def serve(directory):
    """An HTTP server for `directory` on a free port of 127.0.0.1, in a thread of its own."""
    handler = functools.partial(Quiet, directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser():
    """Headless Chromium, as root on a machine with no network but loopback."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        usage_error("Python's selenium is missing (pip install selenium, the version .ci/run pins)")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            usage_error(f"{path} is missing (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1200,1600"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT)
    # print.html calls window.print() once loaded: no print dialog in a check.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": "window.print = () => {};"})
    return driver


def load(driver, url):
    """Opens `url` and waits until it has loaded: its document and images (chromedriver may
    hand a page back still loading, seen on a busy machine)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


PAGE_FACTS = """
const code = Array.from(document.querySelectorAll('#mdbook-content pre code'));
return {
    content: document.getElementById('mdbook-content') !== null,
    ids: Array.from(document.querySelectorAll('[id]'), e => e.id)
        .concat(Array.from(document.querySelectorAll('a[name]'), e => e.name)),
    links: Array.from(document.querySelectorAll('a[href]'), a => [a.getAttribute('href'), a.href]),
    images: Array.from(document.images,
        i => [i.getAttribute('src'), i.complete, i.naturalWidth]),
    rust: code.filter(c => c.classList.contains('language-rust')).map(c => c.innerText),
};
"""


def example_sources(root):
    """PACKAGE -> its src/main.rs, for every example of both workspaces."""
    return {p.parent.parent.name: p for p in sorted(root.glob("examples-*/*/src/main.rs"))}


def first_difference(shown, wanted):
    shown_lines, wanted_lines = shown.splitlines(), wanted.splitlines()
    for n, (a, b) in enumerate(zip(shown_lines, wanted_lines), 1):
        if a != b:
            return f"line {n} shows {a!r}, the file has {b!r}"
    return f"{len(shown_lines)} lines shown, the file has {len(wanted_lines)}"


def search(driver, url, term):
    """The results mdBook's search bar lists for `term`, typed into it on the page `url`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shown
    from selenium.webdriver.support.ui import WebDriverWait

    load(driver, url)
    toggle = driver.find_elements(By.ID, "mdbook-search-toggle")
    if not toggle:
        return None
    toggle[0].click()
    bar = WebDriverWait(driver, WAIT).until(shown.visibility_of_element_located((By.ID, "mdbook-searchbar")))
    bar.send_keys(term)
    # The header says how many results (or none) once the search index has loaded.
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_element(By.ID, "mdbook-searchresults-header").text.strip() != "")
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#mdbook-searchresults > li")]


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        usage_error(f"unexpected argument '{sys.argv[-1]}'")
    book_dir = Path(sys.argv[1] if len(sys.argv) == 2 else Path(__file__).parent).resolve()
    root = book_dir.parent
    try:
        config = tomllib.loads((book_dir / "book.toml").read_text())
    except (OSError, tomllib.TOMLDecodeError) as e:
        usage_error(f"{book_dir / 'book.toml'}: {e}")
    title = config.get("book", {}).get("title")
    if not title:
        usage_error(f"{book_dir / 'book.toml'} has no [book] title")
    built = book_dir / config.get("build", {}).get("build-dir", "book")
    if not (built / "index.html").is_file():
        usage_error(f"{built}/index.html is missing: run `mdbook build {book_dir}` first")
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))

    failures = []
    server = serve(built)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = browser()
    facts, found = {}, {}
    try:
        for page in pages:
            try:
                load(driver, base + page)
                facts[page] = driver.execute_script(PAGE_FACTS)
            except Exception as e:  # a timeout, a crashed tab: the page did not load
                failures.append(f"{page}: did not load: {str(e).splitlines()[0]}")
                continue
            if page not in FRAMES and title not in driver.title:
                failures.append(f"{page}: its title {driver.title!r} does not name the book ({title!r})")
            if page not in FRAMES and not facts[page]["content"]:
                failures.append(f"{page}: no book content (#mdbook-content) in it")
            for entry in driver.get_log("browser"):
                if "/favicon.ico - " in entry["message"]:
                    continue  # the browser's own guess on a page that names no icon (toc.html)
                failures.append(f"{page}: the console says: {entry['message']}")
        for term in SEARCHED:
            try:
                found[term] = search(driver, base + "index.html", term)
            except Exception as e:
                failures.append(f"search: no result list for {term!r}: {str(e).splitlines()[0]}")
                continue
            if found[term] is None:
                failures.append("search: no search bar (is search on in book.toml?)")
                break
            if not found[term]:
                failures.append(f"search: nothing found for {term!r}")
    finally:
        driver.quit()
        server.shutdown()

    # Links: each broken one named once, with the pages that have it.
    broken = {}
    internal = 0
    for page, f in facts.items():
        for raw, absolute in f["links"]:
            url = urllib.parse.urlsplit(absolute)
            if url.scheme not in ("http", "https") or not absolute.startswith(base):
                continue  # elsewhere on the web, mailto:, javascript:
            internal += 1
            if raw.startswith("#"):
                # An anchor of the page itself, whatever its <base> (404.html's is the root).
                url = url._replace(path="/" + page)
            path = urllib.parse.unquote(url.path).lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            target = (built / path).resolve()
            if not target.is_relative_to(built) or not target.is_file():
                why = f"{path} does not exist"
            elif url.fragment and target.suffix == ".html":
                ids = facts.get(target.relative_to(built).as_posix(), {}).get("ids", [])
                anchor = urllib.parse.unquote(url.fragment)
                why = None if anchor in ids else f"no #{anchor} in {path}"
            else:
                why = None
            if why:
                broken.setdefault((raw, why), []).append(page)
    for (raw, why), on in sorted(broken.items()):
        more = f" and {len(on) - 1} more page(s)" if len(on) > 1 else ""
        failures.append(f"{on[0]}{more}: the link {raw!r} is broken: {why}")

    images = 0
    for page, f in facts.items():
        for src, complete, width in f["images"]:
            images += 1
            if not complete or width == 0:
                failures.append(f"{page}: the image {src!r} did not load (natural width {width})")

    # Each example's page shows its program, as the file is now.
    sources = example_sources(root)
    for package, main_rs in sources.items():
        page = f"examples/{package}.html"
        if page not in pages:
            failures.append(f"{page}: missing, the page of {main_rs.relative_to(root)}")
            continue
        if page not in facts:
            continue  # did not load: said above
        wanted = main_rs.read_text().strip()
        shown = [text.strip() for text in facts[page]["rust"]]
        if wanted in shown:
            continue
        if not shown:
            failures.append(f"{page}: no Rust code block, where {main_rs.relative_to(root)} should be")
        else:
            closest = max(shown, key=lambda s: len(set(s.splitlines()) & set(wanted.splitlines())))
            failures.append(f"{page}: no code block holds the current {main_rs.relative_to(root)}: "
                            + first_difference(closest, wanted))
    for page in pages:
        if page.startswith("examples/") and Path(page).stem not in sources:
            failures.append(f"{page}: no example package {Path(page).stem} (examples-*/{Path(page).stem}/src/main.rs)")

    failures = list(dict.fromkeys(failures))  # mdBook draws each image twice (for its zoom)
    for failure in failures:
        print(f"check-in-browser: {failure}", file=sys.stderr)
    counts = (f"{len(pages)} pages, {internal} internal links, {images} images, "
              f"{len(sources)} example programs, search: "
              + ", ".join(f"{t!r} {len(r)} result(s)" for t, r in found.items() if r is not None))
    if failures:
        print(f"check-in-browser: {len(failures)} failure(s) in the book of {book_dir} ({counts})", file=sys.stderr)
        sys.exit(1)
    print(f"check-in-browser: the book of {book_dir} is good in Chromium: {counts}")


if __name__ == "__main__":
    main()
