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
- the search box finds `Bcast` and `fork`, and its results for `verrouillage` and for `mutex`
  list the lock chapter, notebook-02/notion-de-verouillage.html (issue 27);
and, for the reader (issue 27), on every page but print.html (all the pages in one) and toc.html
(a frame), every folded <details> opened:
- at a window 1280 px wide, nothing wider than the window: no sideways scrolling of the document,
  no element of the content past the window's right edge (mdBook's body clips what sticks out),
  and no code or output block (`pre`, or its `code`) whose lines are cut, i.e. wider inside than
  its box;
- the course map, course-map.html, at 390 px (a phone): no sideways scrolling, nothing past the
  window's edge, and no element of the content cut (a box, a table's wrapper, whose content is
  wider than it and hidden or scrolled);
- no TeX left as text (`$...$`, `\frac`, `\pi`) and no link syntax left as text (`[Name]`,
  `[text](url)`, rustdoc's [`Name`]) in the title, the table of contents or the content outside
  code (`pre`, `code`, `kbd`, `samp`);
- nothing fetched from another origin than the book's own server (scripts, stylesheets, fonts,
  images: the performance entries of the page and its elements' src/href), so that no formula
  needs the network; every <math> element is rendered (a box of non-zero size);
- every SVG image shown, at 1280 px, has no text rendered under 11 px: the SVG is loaded and drawn
  at the image's displayed size, and each text's font size is scaled as the image is (font-size x
  displayed width / the viewBox's width, or the width's when there is no viewBox).
Prints one line per failure and exits 1 if any; exits 2 when it cannot run at all (no built
book, no browser).

    python3 book/check-in-browser.py --self-test

builds a small book in a temporary folder (with `mdbook`, or $MDBOOK), one page broken on purpose
for each of the reader's checks above and one good page, runs this check on it and fails unless
each broken page is reported, for its own reason, and the good page is not.
"""

import atexit
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
import urllib.parse
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SEARCHED = ["Bcast", "fork"]
# Words a reader types to find a chapter, and the chapter their results must list.
SEARCHED_FOR = {"verrouillage": "notebook-02/notion-de-verouillage.html",
                "mutex": "notebook-02/notion-de-verouillage.html"}
WIDE, NARROW = 1280, 390  # px: a laptop's window, a phone's
NARROW_PAGES = {"course-map.html"}
MIN_FIGURE_TEXT = 11  # px, the smallest text of a figure as shown
# Pages whose content is checked elsewhere: print.html is every page in one.
ALL_IN_ONE = {"print.html"}
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
                "--disable-component-update", "--disable-sync", f"--window-size={WIDE},1000"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    # Chromium leaves a folder of its own (org.chromium.Chromium.*) in the temporary directory:
    # it gets one of ours, removed when this script ends.
    tmp = tempfile.mkdtemp(prefix="check-in-browser-chromium-")
    atexit.register(shutil.rmtree, tmp, True)
    service = Service(executable_path=CHROMEDRIVER, env={**os.environ, "TMPDIR": tmp})
    driver = webdriver.Chrome(options=options, service=service)
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


def set_width(driver, width):
    """Makes the page's viewport `width` CSS px wide (the window's frame, if any, added)."""
    driver.set_window_size(width, 1000)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        driver.set_window_size(2 * width - inner, 1000)


# Run on a loaded page, after opening every <details>: what is wider than the window or cut.
# arguments[0]: true to report every element of the content whose content is cut, not only code.
LAYOUT_FACTS = """
const everyCut = arguments[0];
document.querySelectorAll('details').forEach(d => { d.open = true; });
const root = document.getElementById('mdbook-content') || document.body;
const width = document.documentElement.clientWidth;
const scroller = document.scrollingElement;
const label = e => {
    const words = (e.innerText || e.textContent || '').trim().split('\\n')[0].trim();
    const id = e.id ? '#' + e.id : (e.className && typeof e.className === 'string'
        ? '.' + e.className.trim().split(/\\s+/)[0] : '');
    return '<' + e.tagName.toLowerCase() + id + '> ' + JSON.stringify(words.slice(0, 70));
};
// Inside an element reported, or one that scrolls or clips its content, nothing is looked at.
const out = [], cut = [], passed = [];
for (const e of root.querySelectorAll('*')) {
    if (passed.some(r => r.contains(e))) continue;
    const box = e.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not shown
    const clips = getComputedStyle(e).overflowX !== 'visible';
    const code = e.tagName === 'PRE' || (e.tagName === 'CODE' && e.parentElement.tagName === 'PRE');
    if (box.right > width + 1) {
        out.push([label(e), Math.round(box.right)]);
        passed.push(e);
    } else if ((everyCut || code) && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) {
        cut.push([label(e), e.scrollWidth, e.clientWidth]);
        passed.push(e);
    } else if (clips) {
        passed.push(e);
    }
}
return {width: width, scroll: [scroller.scrollWidth, scroller.clientWidth], out: out, cut: cut};
"""

# The text a reader sees outside code, with code shown as `...` (its brackets, dollars and
# backslashes dotted out, so that only the prose's own are matched), blocks on lines of their own.
TEXT_FACTS = """
const BLOCK = new Set(['P', 'LI', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'BLOCKQUOTE',
    'DT', 'DD', 'SUMMARY', 'TR', 'UL', 'OL', 'TABLE', 'DETAILS', 'SECTION', 'BR', 'FIGCAPTION',
    'MAIN', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'MATH', 'SVG', 'BUTTON']);
const CODE = new Set(['PRE', 'CODE', 'KBD', 'SAMP']);
const text = n => {
    if (n.nodeType === 3) return n.data;
    if (n.nodeType !== 1) return '';
    const tag = n.tagName.toUpperCase();
    if (SKIP.has(tag) || n.hidden) return '';
    if (CODE.has(tag)) return '`' + n.textContent.replace(/[\\[\\]$\\\\]/g, '\\u00b7').trim().slice(0, 40) + '`';
    let s = '';
    for (const c of n.childNodes) s += text(c);
    return BLOCK.has(tag) ? '\\n' + s + '\\n' : s;
};
const content = document.getElementById('mdbook-content');
const toc = document.querySelector('#mdbook-sidebar .sidebar-scrollbox, mdbook-sidebar-scrollbox, .sidebar-scrollbox');
return {
    title: document.title,
    content: content ? text(content) : '',
    toc: toc ? text(toc) : '',
};
"""
TEX = [re.compile(r"\$\$|\$[^$\n]{1,80}\$"), re.compile(r"\\[A-Za-z]+")]
# A name or words in brackets ([Name], [`Name`], [text](url), [text][ref]); not a list printed in
# the prose, `[6. 6. 6.]`, nor an ellipsis, `[…]`.
LINK_SYNTAX = re.compile(r"\[[`_]*[^\W\d_][^\[\]\n]{0,80}\](?:\([^()\n]*\)|\[[^\[\]\n]*\])?")


def left_as_text(text):
    """(what, the text around it) for each TeX or link syntax in `text`, the reader's text."""
    found, spans = [], []
    for what, patterns in (("TeX", TEX), ("link syntax", [LINK_SYNTAX])):
        for pattern in patterns:
            for m in pattern.finditer(text):
                if any(a <= m.start() and m.end() <= b for a, b in spans):
                    continue  # \\pi in $\\pi$: said once
                spans.append(m.span())
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start:line_end if line_end >= 0 else len(text)]
                at = m.start() - line_start
                around = line[max(0, at - 30):at + len(m.group()) + 30].strip()
                found.append((what, m.group(), around))
    return found


# Everything the page fetched or names as a resource: it must come from the page's own origin.
NETWORK_FACTS = """
const NOT_FETCHED = new Set(['canonical', 'alternate', 'prev', 'next', 'author', 'help', 'license', 'search']);
const urls = performance.getEntriesByType('resource').map(e => ['fetched', e.name]);
for (const e of document.querySelectorAll('[src], [srcset], object[data], link[href], image, use')) {
    const tag = e.tagName.toLowerCase();
    if (tag === 'link' && (e.getAttribute('rel') || '').toLowerCase().split(/\\s+/).every(r => NOT_FETCHED.has(r)))
        continue;
    for (const attr of ['src', 'href', 'data', 'xlink:href']) {
        const v = e.getAttribute(attr);
        if (v && !(tag === 'a')) urls.push(['<' + tag + ' ' + attr + '>', new URL(v, document.baseURI).href]);
    }
    for (const part of (e.getAttribute('srcset') || '').split(',')) {
        const v = part.trim().split(/\\s+/)[0];
        if (v) urls.push(['<' + tag + ' srcset>', new URL(v, document.baseURI).href]);
    }
}
const maths = Array.from(document.querySelectorAll('math'), m => {
    const box = m.getBoundingClientRect();
    return [m.textContent.replace(/\\s+/g, ' ').trim().slice(0, 50), box.width, box.height];
});
return {origin: location.origin, urls: urls, maths: maths};
"""

# For each SVG image shown in the content: the SVG loaded, drawn at the image's displayed size out
# of sight, and each of its texts' rendered size (its computed font size times the scale of its
# transform to the screen: the image's displayed width over the viewBox's).
FIGURE_FACTS = """
const done = arguments[arguments.length - 1];
(async () => {
    const results = [];
    const root = document.getElementById('mdbook-content') || document.body;
    const seen = new Set();
    for (const img of root.querySelectorAll('img')) {
        const url = new URL(img.getAttribute('src') || '', document.baseURI);
        if (!/\\.svg$/i.test(url.pathname)) continue;
        const box = img.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;  // not shown
        const key = url.href + ' ' + box.width;
        if (seen.has(key)) continue;
        seen.add(key);
        const result = {src: img.getAttribute('src'), width: box.width, texts: [], error: null};
        results.push(result);
        let source;
        try {
            source = await (await fetch(url.href)).text();
        } catch (e) {
            result.error = 'could not load it: ' + e;
            continue;
        }
        const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
        if (svg.tagName.toLowerCase() !== 'svg') {
            result.error = 'it is not an SVG document';
            continue;
        }
        const w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
        if (!svg.getAttribute('viewBox') && w > 0 && h > 0) svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
        svg.setAttribute('width', box.width);
        svg.setAttribute('height', box.height);
        const frame = document.createElement('div');
        frame.style.cssText = 'position: absolute; left: 0; top: 0; visibility: hidden; pointer-events: none;';
        frame.appendChild(document.importNode(svg, true));
        document.body.appendChild(frame);
        const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const words = n.data.replace(/\\s+/g, ' ').trim();
            const e = n.parentElement;
            if (!words || !e.getScreenCTM || e.closest('style, script, title, desc, defs')) continue;
            const m = e.getScreenCTM();
            const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
            result.texts.push([words.slice(0, 60), parseFloat(getComputedStyle(e).fontSize) * scale]);
        }
        frame.remove();
    }
    return results;
})().then(done, e => done([{src: '?', width: 0, texts: [], error: String(e)}]));
"""


def reader_failures(driver, page, narrow=False):
    """What the reader's checks find on the page loaded in `driver`: the lines of failures."""
    failures = []
    width = NARROW if narrow else WIDE
    layout = driver.execute_script(LAYOUT_FACTS, narrow)
    scroll, client = layout["scroll"]
    if scroll > client:
        failures.append(f"{page}: wider than the window at {width} px: the page scrolls sideways "
                        f"({scroll} px of content for {client} px)")
    for what, right in layout["out"]:
        failures.append(f"{page}: wider than the window at {width} px: {what} reaches {right} px, "
                        f"past the window's {layout['width']} px (cut off)")
    for what, inside, shown in layout["cut"]:
        kind = "a code or output block" if what.startswith(("<pre", "<code")) else "an element"
        failures.append(f"{page}: {kind} is cut at {width} px: {what} is {inside} px wide inside, "
                        f"{shown} px shown")
    if narrow:
        return failures

    text = driver.execute_script(TEXT_FACTS)
    for where, words in (("its title", text["title"]), ("its content", text["content"])):
        for what, match, around in left_as_text(words):
            failures.append(f"{page}: {what} left as text in {where}: {match!r} in {around!r}")

    network = driver.execute_script(NETWORK_FACTS)
    for how, url in network["urls"]:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "javascript"):
            continue
        if f"{parts.scheme}://{parts.netloc}" != network["origin"]:
            failures.append(f"{page}: needs the network: {how} {url} is from another origin than the book's")
    for words, w, h in network["maths"]:
        if not (w > 0 and h > 0):
            failures.append(f"{page}: a <math> is not rendered (its box is {w:g} x {h:g} px): {words!r}")

    for figure in driver.execute_async_script(FIGURE_FACTS):
        if figure["error"]:
            failures.append(f"{page}: the figure {figure['src']!r} cannot be measured: {figure['error']}")
            continue
        small = [(size, words) for words, size in figure["texts"] if size < MIN_FIGURE_TEXT - 0.05]
        if small:
            size, words = min(small)
            failures.append(f"{page}: figure text under {MIN_FIGURE_TEXT} px in {figure['src']!r} shown "
                            f"{figure['width']:.0f} px wide: {len(small)} of its {len(figure['texts'])} "
                            f"texts, the smallest {size:.1f} px ({words!r})")
    return failures


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
    return [(li.text, [a.get_attribute("href") for a in li.find_elements(By.CSS_SELECTOR, "a[href]")])
            for li in driver.find_elements(By.CSS_SELECTOR, "#mdbook-searchresults > li")]


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        usage_error(f"unexpected argument '{sys.argv[-1]}'")
    book_dir = Path(sys.argv[1] if len(sys.argv) == 2 else Path(__file__).parent).resolve()
    failures, counts = check(book_dir)
    for failure in failures:
        print(f"check-in-browser: {failure}", file=sys.stderr)
    if failures:
        print(f"check-in-browser: {len(failures)} failure(s) in the book of {book_dir} ({counts})", file=sys.stderr)
        sys.exit(1)
    print(f"check-in-browser: the book of {book_dir} is good in Chromium: {counts}")


def check(book_dir):
    """(the failures, a line of counts) of the book in `book_dir`, built."""
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
        set_width(driver, WIDE)
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
            if page not in FRAMES | ALL_IN_ONE:
                try:
                    failures += reader_failures(driver, page)
                except Exception as e:
                    failures.append(f"{page}: the reader's checks could not run: {str(e).splitlines()[0]}")
            for entry in driver.get_log("browser"):
                if "/favicon.ico - " in entry["message"]:
                    continue  # the browser's own guess on a page that names no icon (toc.html)
                failures.append(f"{page}: the console says: {entry['message']}")
        # The table of contents, the same on every page: once.
        try:
            load(driver, base + "index.html")
            for what, match, around in left_as_text(driver.execute_script(TEXT_FACTS)["toc"]):
                failures.append(f"the table of contents (SUMMARY.md): {what} left as text: {match!r} in {around!r}")
        except Exception as e:
            failures.append(f"the table of contents could not be read: {str(e).splitlines()[0]}")
        set_width(driver, NARROW)
        for page in sorted(NARROW_PAGES):
            if page not in pages:
                failures.append(f"{page}: missing (checked at {NARROW} px)")
                continue
            try:
                load(driver, base + page)
                failures += reader_failures(driver, page, narrow=True)
            except Exception as e:
                failures.append(f"{page}: could not be checked at {NARROW} px: {str(e).splitlines()[0]}")
        set_width(driver, WIDE)
        for term in SEARCHED + list(SEARCHED_FOR):
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
            elif term in SEARCHED_FOR:
                wanted = SEARCHED_FOR[term]
                listed = {urllib.parse.unquote(urllib.parse.urlsplit(href).path).lstrip("/")
                          for _, hrefs in found[term] for href in hrefs}
                if wanted not in listed:
                    failures.append(f"search: {term!r} does not find {wanted}: its {len(found[term])} "
                                    f"result(s) list {', '.join(sorted(listed)[:5]) or 'no page'}"
                                    + (" ..." if len(listed) > 5 else ""))
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
    counts = (f"{len(pages)} pages, {internal} internal links, {images} images, "
              f"{len(sources)} example programs, search: "
              + ", ".join(f"{t!r} {len(r)} result(s)" for t, r in found.items() if r is not None))
    return failures, counts


# The self-test's book: page -> its Markdown; each page but good.md breaks one check.
SELF_TEST_PAGES = {
    "good.md": """# A good page

A [link](wide.md), inline code with what the checks look for, `v[0]`, `$HOME`, `"\\n"`, and a
formula that renders: <math><mi>π</mi><mo>≈</mo><mn>3.14</mn></math>. The words mutex and
verrouillage, for the search.

```text
a short line of output
```

| a | b |
|---|---|
| 1 | 2 |

![a figure with text large enough](good.svg)
""",
    "course-map.md": "# Course map\n\n| " + " | ".join(f"column-{i}" for i in range(12)) + " |\n|"
                     + "---|" * 12 + "\n| " + " | ".join(f"value-number-{i}" for i in range(12)) + " |\n",
    "wide.md": '# Wide\n\n<div style="width: 2000px">A box wider than any window.</div>\n',
    "cut-code.md": "# Cut code\n\n```text\n" + "a line of output, " * 20 + "\n```\n",
    "tex.md": "# TeX\n\nThe area is $\\pi r^2$, half of it \\frac{1}{2}.\n",
    "link-syntax.md": "# Link syntax\n\nSee [`Mutex`] and [Arc] for the details.\n",
    "network.md": '# Network\n\n<script src="https://cdn.example.invalid/mathjax/tex-chtml.js"></script>\n\nA formula.\n',
    "math.md": "# Math\n\nA formula: <math></math>.\n",
    "figure.md": "# Figure\n\n![a figure whose text is too small](small.svg)\n",
    "notebook-02/notion-de-verouillage.md": "# Notion de vérouillage\n\nA lock, and nothing else.\n",
}
SELF_TEST_FILES = {
    "good.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">'
                '<text x="10" y="50" font-size="14">fourteen pixels</text></svg>\n',
    "small.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="200" viewBox="0 0 2000 200">'
                 '<g font-size="12"><text x="10" y="100">twelve units, shrunk</text></g></svg>\n',
}
# (page, words its failure line must hold): each check, seen failing on its page.
SELF_TEST_EXPECTED = [
    ("wide.html", f"wider than the window at {WIDE} px"),
    ("cut-code.html", f"a code or output block is cut at {WIDE} px"),
    ("course-map.html", f"at {NARROW} px"),
    ("tex.html", "TeX left as text in its content: '$\\\\pi r^2$'"),
    ("tex.html", "TeX left as text in its content: '\\\\frac'"),
    ("tex.html", "TeX left as text in its title"),
    ("the table of contents", "TeX left as text"),
    ("link-syntax.html", "link syntax left as text in its content: '[`Mutex`]'"),
    ("link-syntax.html", "link syntax left as text in its content: '[Arc]'"),
    ("network.html", "needs the network: <script src> https://cdn.example.invalid/"),
    ("math.html", "a <math> is not rendered"),
    ("figure.html", f"figure text under {MIN_FIGURE_TEXT} px in 'small.svg'"),
    ("search", "'verrouillage' does not find notebook-02/notion-de-verouillage.html"),
    ("search", "'mutex' does not find notebook-02/notion-de-verouillage.html"),
]


def self_test():
    """Builds a small book with one page broken on purpose per reader's check, checks it, and
    returns 0 if each check reported its page and nothing was said of good.html, 1 otherwise."""
    mdbook = os.environ.get("MDBOOK") or shutil.which("mdbook") \
        or str(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin" / "mdbook")
    with tempfile.TemporaryDirectory(prefix="check-in-browser-") as tmp:
        book = Path(tmp) / "book"
        (book / "src" / "notebook-02").mkdir(parents=True)
        (book / "book.toml").write_text('[book]\ntitle = "Self-test book"\nsrc = "src"\n\n'
                                        "[output.html.search]\nenable = true\n")
        summary = ["# Summary\n"]
        for name, text in SELF_TEST_PAGES.items():
            (book / "src" / name).write_text(text)
            label = "Retour sur $\\pi$" if name == "tex.md" else text.splitlines()[0].lstrip("# ")
            summary.append(f"- [{label}]({name})")
        (book / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n")
        for name, text in SELF_TEST_FILES.items():
            (book / "src" / name).write_text(text)
        built = subprocess.run([mdbook, "build", str(book)], capture_output=True, text=True)
        if built.returncode != 0:
            print(f"check-in-browser --self-test: {mdbook} build failed:\n{built.stderr}", file=sys.stderr)
            return 1
        failures, _ = check(book)
    bad = 0
    for page, words in SELF_TEST_EXPECTED:
        hits = [f for f in failures if f.startswith(page) and words in f]
        print(f"check-in-browser --self-test: {'reported' if hits else 'NOT REPORTED'}: {page}: {words}")
        bad += not hits
    for f in failures:
        if f.startswith("good.html"):
            print(f"check-in-browser --self-test: the good page was reported: {f}", file=sys.stderr)
            bad += 1
    if bad:
        print("check-in-browser --self-test: everything the check said:\n  " + "\n  ".join(failures), file=sys.stderr)
        print(f"check-in-browser --self-test: {bad} problem(s)", file=sys.stderr)
        return 1
    print(f"check-in-browser --self-test: each of the {len(SELF_TEST_EXPECTED)} broken pages was reported, "
          "the good page was not")
    return 0


if __name__ == "__main__":
    main()
