"""The search index the build writes with Pagefind: what it holds and leaves out, the page's side of it (CSP,
bundle address), and a failing indexer stopping the build with the last good site untouched.
The search itself, in a browser, is tests/browser/test_search.py."""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
import stat
from pathlib import Path

import pytest

from sitegen.pipeline import build
from sitegen.search import UNUSED_FILES, BackgroundIndex

from .helpers import FIXTURE, ROOT, copy_fixture, run_build, tree

BASE = "/ee-guide/"
CSP = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]*)"')


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "site"
    result = run_build(ROOT / "content", out, "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    return out


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's per-page records (gzip, a "pagefind_dcd" signature, then JSON), by page address."""
    records = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def test_every_article_is_indexed_in_the_site_language_and_nothing_else(real_site: Path) -> None:
    folders = {p.parent.relative_to(real_site).as_posix() for p in real_site.rglob("index.html")}
    pages = {"/" if folder == "." else f"/{folder}/" for folder in folders}
    records = fragments(real_site)
    # Every page but the thank-you pages; not the 404 page.
    assert set(records) == pages - {"/assessment/thanks/", "/fr/assessment/thanks/"}
    assert "/404.html" not in records and "/404/" not in records
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text())
    # One index per language, from each page's <html lang>: each edition searches its own pages.
    assert set(entry["languages"]) == {"en", "fr"}
    assert entry["languages"]["fr"]["page_count"] == len([url for url in records if url.startswith("/fr/")])
    assert entry["languages"]["en"]["page_count"] == len([url for url in records if not url.startswith("/fr/")])
    assert records["/documents/proof-of-funds/"]["meta"]["title"] == "Proof of funds"


def test_menus_footer_forms_and_repeated_parts_stay_out(real_site: Path) -> None:
    records = fragments(real_site)
    for url, record in records.items():
        text = record["content"]
        assert "An independent guide, not a Government of Canada website" not in text, f"{url}: footer indexed"
        assert "Skip to main content" not in text, url
        assert not re.search(r"Last reviewed: \d", text), f"{url}: review date indexed"
        assert "On this page" not in text, f"{url}: table of contents indexed"
        assert "This page summarizes these official" not in text, f"{url}: sources intro indexed"
        assert "Search the guide" not in text, f"{url}: the search box indexed"
        for french in ("Un guide indépendant", "Passer au contenu principal", "Sur cette page",
                       "Cette page résume ces pages officielles", "Chercher dans le guide"):
            assert french not in text, f"{url}: the French page's {french!r} indexed"
        assert not re.search(r"Dernière vérification\s*: \d", text), f"{url}: review date indexed"
    calculator = records["/calculator/"]["content"]
    assert "CRS" in calculator  # its introduction is there...
    assert "What is your marital status?" not in calculator  # ...its questions, status and results are not
    assert "Copy the link" not in calculator
    assert "Your name" not in records["/assessment/"]["content"]  # the assessment form's labels
    # The official sources' titles are content: a search for one finds the page.
    assert "Official sources" in records["/documents/proof-of-funds/"]["content"]


def test_every_page_loads_the_bundle_under_the_base_url_and_allows_it_in_the_csp(real_site: Path) -> None:
    bundle = real_site / "pagefind" / "pagefind.js"
    assert bundle.is_file() and (real_site / "pagefind" / "pagefind-worker.js").is_file()
    assert not [n for n in UNUSED_FILES if (real_site / "pagefind" / n).exists()]
    for html in real_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert f'data-bundle="{BASE}pagefind/pagefind.js"' in text, html
        (policy,) = [html_lib.unescape(p) for p in CSP.findall(text)]
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
        assert "'wasm-unsafe-eval'" in script_src.split(), html
        assert "'unsafe-eval'" not in script_src.split() and "'unsafe-inline'" not in policy, html
        assert "connect-src 'self'" in policy, html


def fake_pagefind(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.parametrize("binary, message", [
    ("fail", "search index (Pagefind): Pagefind failed (exit 3): cannot parse the pages"),
    ("missing", "search index (Pagefind): cannot run"),
])
def test_a_failing_index_stops_the_build_and_keeps_the_last_good_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, binary: str, message: str
) -> None:
    out = tmp_path / "site"
    assert run_build(FIXTURE, out).returncode == 0
    before = tree(out)
    content = copy_fixture(tmp_path)
    (content / "about.md").write_text((content / "about.md").read_text() + "\nA new paragraph.\n")
    path = fake_pagefind(tmp_path, "echo 'cannot parse the pages' >&2; exit 3") if binary == "fail" \
        else tmp_path / "no-such-pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(path))  # pagefind.service.get_executable honours it
    result = run_build(content, out)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before, "a failed index must leave the last good site exactly as it was"
    assert not list(tmp_path.glob(".site-new-*")), "the half-built folder was not removed"


def test_the_dev_server_serves_at_once_and_brings_the_index_up_to_date_in_the_background(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out, search = copy_fixture(tmp_path), tmp_path / "site", BackgroundIndex()
    build(ROOT, out, content, background_index=search)
    search.wait()
    assert "Welcome" in " ".join(r["content"] for r in fragments(out).values())
    about = content / "about.md"
    about.write_text(about.read_text() + "\nA paragraph about quokkas.\n")
    build(ROOT, out, content, background_index=search)
    # Served at once with the previous index carried over; then the new index replaces it, with no leftovers.
    search.wait()
    records = fragments(out)
    assert "quokkas" in records["/about/"]["content"]
    assert len(records) == len(list(out.rglob("index.html")))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "work folders left behind"

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, "echo 'out of memory' >&2; exit 2")))
    about.write_text(about.read_text() + "\nAnd wombats.\n")
    build(ROOT, out, content, background_index=search)
    search.wait()
    assert "wombats" in (out / "about" / "index.html").read_text()  # the page itself is served...
    assert fragments(out) == records  # ...with the previous index, and the failure is said
    assert "Search index not updated" in capsys.readouterr().out


def test_a_site_can_turn_search_off(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    config = content / "site.yml"
    config.write_text(config.read_text(encoding="utf-8") + "search: false\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(content, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "pagefind").exists()
    page = (out / "guide" / "first" / "index.html").read_text(encoding="utf-8")
    assert 'id="site-search"' not in page and "wasm-unsafe-eval" not in page
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: maybe"), encoding="utf-8")
    result = run_build(content, tmp_path / "other")
    assert result.returncode == 1 and "site.yml:" in result.stderr and "search" in result.stderr


def test_no_page_holds_its_parser_or_domcontentloaded_back_for_the_search_box(real_site: Path) -> None:
    """The search box is on every page, in the header: its stylesheet is in the head (one in the body stops the
    parser until it arrives: it held the calculator page's DOMContentLoaded back by 80 to 100 ms on a cold visit) and
    its script is async (a deferred module would hold DOMContentLoaded, and the form's wiring, until it ran)."""
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("<body")
        assert body, f"{path}: no <body>"
        body = re.sub(r"<noscript>.*?</noscript>", "", body, flags=re.S)  # read only without JavaScript
        assert 'rel="stylesheet"' not in body, f"{path}: a stylesheet in the body"
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", text):
            assert re.search(r"\basync\b", tag), f"{path}: {tag} holds DOMContentLoaded back (not async)"
        if 'id="site-search"' in body:
            assert re.search(r'<link rel="stylesheet" href="[^"]*/css/search\.[0-9a-f]+\.css">', head), path
