"""The whole build on the fixture site: golden output, determinism, base URLs, site files."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .helpers import FIXTURE, ROOT, copy_fixture, run_build, tree

GOLDEN = ROOT / "tests" / "fixtures" / "golden"
HASH = re.compile(rb"\.[0-9a-f]{10}\.")


def normalised(folder: Path) -> dict[str, bytes]:
    """Output files with content hashes masked, so a CSS tweak does not churn the golden copy.

    The theme's static files are left out: they are copies of templates/static/ (test_site_files checks them),
    and so is Pagefind's search bundle, pagefind/ (tests/site/test_search.py checks it).
    """
    return {
        HASH.sub(b".HASH.", rel.encode()).decode(): HASH.sub(b".HASH.", body)
        for rel, body in tree(folder).items()
        if not rel.startswith(("static/", "pagefind/"))
    }


def test_golden_build(tmp_path: Path) -> None:
    """Compare every output file with tests/fixtures/golden/. Regenerate with UPDATE_GOLDEN=1."""
    out = tmp_path / "site"
    result = run_build(FIXTURE, out)
    assert result.returncode == 0, result.stderr
    actual = normalised(out)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, body in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(body)
    expected = tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "different set of files"
    for rel in expected:
        assert actual[rel] == expected[rel], f"{rel} differs from the golden copy (UPDATE_GOLDEN=1 to accept)"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert run_build(FIXTURE, tmp_path / "a").returncode == 0
    assert run_build(FIXTURE, tmp_path / "b").returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            # addresses, and site paths handed to scripts in data- attributes
            # (data-site-packages is a folder inside Pyodide's own file system, not an address)
            if value and (key in ("href", "src", "action")
                          or (key.startswith("data-") and key != "data-site-packages" and value.startswith("/"))):
                self.urls.append(value)
            if key == "id" and value:
                self.ids.add(value)


@pytest.mark.parametrize("content", ["fixture", "real"])
@pytest.mark.parametrize("base", ["/", "/ee-guide/"])
def test_every_internal_url_honours_the_base_url_and_resolves(tmp_path: Path, base: str, content: str) -> None:
    out = tmp_path / "site"
    result = run_build(FIXTURE if content == "fixture" else ROOT / "content", out, "--base-url", base)
    assert result.returncode == 0, result.stderr
    html_files = sorted(out.rglob("*.html"))
    assert len(html_files) == (6 if content == "fixture" else len(list((ROOT / "content").rglob("*.md"))) + 1)
    for path in html_files:
        parser = Links()
        parser.feed(path.read_text())
        for url in parser.urls:
            if url.startswith("#"):  # an anchor on this page: the skip link, tables of contents, footnotes
                assert url[1:] in parser.ids, f"{path.relative_to(out)}: {url} has no element with that id"
                continue
            if url.startswith(("https://", "http://", "mailto:")):
                continue
            assert url.startswith(base), f"{path.relative_to(out)}: {url} ignores the base URL {base}"
            target = url[len(base):].split("#")[0]
            file = out / target / "index.html" if target.endswith("/") or not target else out / target
            # a folder is a fair target too: Pyodide's indexURL is one
            assert file.is_file() or (out / target).is_dir(), f"{path.relative_to(out)}: {url} leads nowhere"
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    origin = "https://example.test" if content == "fixture" else "https://example.github.io"
    assert locs and all(loc.startswith(f"{origin}{base}") for loc in locs)
    assert f"Sitemap: {origin}{base}sitemap.xml" in (out / "robots.txt").read_text()


def test_the_rounds_page_contents_list_its_own_tables_too(tmp_path: Path) -> None:
    """Its tables and charts come from the template, after the Markdown: the list must name them as well."""
    out = tmp_path / "site"
    assert run_build(ROOT / "content", out).returncode == 0
    html = (out / "rounds" / "index.html").read_text()
    toc = html[html.index('<nav class="toc"'):]
    toc = toc[:toc.index("</nav>")]
    listed = re.findall(r'href="#([^"]+)"', toc)
    article = html[html.index("<article"):html.index('id="sources-title"')]
    assert listed == re.findall(r'<h2 id="([^"]+)"', article)
    assert {"rounds-latest", "rounds-by-type", "rounds-chart", "rounds-pool"} <= set(listed)


def test_site_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_build(FIXTURE, out, "--base-url", "/ee-guide/", "--origin", "https://me.github.io").returncode == 0
    assert (out / ".nojekyll").is_file()
    css = list((out / "static" / "css").glob("site.*.css"))
    assert len(css) == 1 and re.fullmatch(r"site\.[0-9a-f]{10}\.css", css[0].name)
    page = (out / "guide" / "first" / "index.html").read_text()
    assert '<link rel="canonical" href="https://me.github.io/ee-guide/guide/first/">' in page
    assert '<meta property="og:title" content="First step">' in page
    assert 'http-equiv="Content-Security-Policy"' in page
    # Guide pages need no JavaScript: their only scripts are the optional search box's and, on a page with a
    # checklist, the checklist's; none is inline.
    search = [f'<script type="module" async src="/ee-guide/static/js/{js.name}">'
              for js in (out / "static" / "js").glob("search.*.mjs")]
    scripts = re.findall(r"<script[^>]*>", page)
    assert [s for s in scripts if "/static/js/checklist." not in s] == search, scripts
    second = (out / "guide" / "second" / "index.html").read_text()
    assert re.findall(r"<script[^>]*>", second) == search, "...and only a page with a checklist loads the checklist's"
    not_found = (out / "404.html").read_text()
    assert 'href="/ee-guide/static/css/site.' in not_found, "404.html must work at any depth: absolute URLs"


def test_titles_and_descriptions_are_escaped(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_build(FIXTURE, out).returncode == 0
    about = (out / "about" / "index.html").read_text()
    assert "<h1>About &lt;us&gt;</h1>" in about
    assert 'content="Who wrote &#34;this&#34; &amp; why."' in about


def test_guide_pages_weigh_at_most_40_kb_gzipped(tmp_path: Path) -> None:
    """HTML + CSS over the wire for every real guide page (the calculator page carries its own script)."""
    out = tmp_path / "site"
    result = run_build(ROOT / "content", out)
    assert result.returncode == 0, result.stderr
    css = sum(len(gzip.compress(p.read_bytes())) for p in (out / "static" / "css").glob("site.*.css"))
    pages = list(out.rglob("index.html"))
    assert len(pages) > 30
    for page in pages:
        if page.parent.name == "calculator":  # an application page: its budget is in tests/browser/test_built_pages
            continue
        weight = len(gzip.compress(page.read_bytes())) + css
        assert weight <= 40 * 1024, f"{page.relative_to(out)} weighs {weight} bytes gzipped"


def test_navigation_order_breadcrumbs_and_pager(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    index = (out / "guide" / "index.html").read_text()
    first = (out / "guide" / "first" / "index.html").read_text()
    assert 'rel="next" href="/guide/first/"' in index and 'rel="prev"' not in index
    assert 'rel="prev" href="/guide/"' in first and 'rel="next" href="/guide/second/"' in first
    assert '<li><a href="/guide/">Guide</a></li>' in first  # breadcrumb to the section
    # Reordering is an edit of front matter, nothing else.
    (content / "guide" / "second.md").write_text(
        (content / "guide" / "second.md").read_text().replace("order: 20", "order: 5"))
    assert run_build(content, out).returncode == 0
    first = (out / "guide" / "first" / "index.html").read_text()
    assert 'rel="prev" href="/guide/second/"' in first and 'rel="next"' not in first


def test_real_site_builds_are_byte_identical(tmp_path: Path) -> None:
    """The whole guide, calculator bundle included, twice: same bytes (GitHub Pages caches by name)."""
    assert run_build(ROOT / "content", tmp_path / "a", "--base-url", "/ee-guide/").returncode == 0
    assert run_build(ROOT / "content", tmp_path / "b", "--base-url", "/ee-guide/").returncode == 0
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == []
