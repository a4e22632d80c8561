"""Sources a visitor sees are official (content/data/official-hosts.yml), and the rules data's notices are said
once, from calculator/data/meta.json, on the pages and in the calculator alike."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from sitegen.markdown import page_url, render_markdown
from sitegen.official import is_official, load_hosts

from ..calculator.conftest import BASE
from .helpers import ROOT, copy_fixture, run_build

NOTICE_ID = "crs-2026-11-03"
META = json.loads((ROOT / "calculator" / "data" / "meta.json").read_text(encoding="utf-8"))
NOTICE = next(n for n in META["notices"] if n["id"] == NOTICE_ID)
NOTICE_TITLE = NOTICE["page"]["title"]
# The French edition's pages show the same notice in French (templates/strings/notices.fr.yml).
NOTICE_TITLE_FR = yaml.safe_load((ROOT / "templates" / "strings" / "notices.fr.yml").read_text(encoding="utf-8"))[
    NOTICE_ID]["title"]


def project_copy(tmp_path: Path) -> Path:
    """The generator, templates, engine and content in a scratch folder, with the shared npm installs and
    Pyodide cache linked in: a build there uses the copy's calculator package and data."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "build.py", root)
    for name in ("sitegen", "templates", "calculator", "content", "tools"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("node_modules", ".cache"):
        if (ROOT / name).exists():
            (root / name).symlink_to((ROOT / name).resolve())
    return root


def build_in(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(root / "build.py"), "--out", str(out)], capture_output=True,
                          text=True, cwd=root)


def html_pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


@pytest.mark.parametrize("url,ok", [
    ("https://www.canada.ca/en/x.html", True), ("https://canada.ca/en/x.html", True),
    ("https://ircc.canada.ca/english/x.asp", True), ("https://laws-lois.justice.gc.ca/eng/x", True),
    ("https://www.gazette.gc.ca/rp-pr/p1/x.php", True), ("https://WWW.CANADA.CA/x", True),
    ("http://www.gazette.gc.ca/rp-pr/p1/x.php", False), ("//www.canada.ca/x", False),
    ("https://evil.example\\@www.canada.ca/x", False), ("https://user@www.canada.ca/x", False),
    ("https://notcanada.ca/x", False), ("https://canada.ca.example.com/x", False),
    ("https://suvsmodfiedrenew.pages.dev/530833.html", False), ("https://github.com/x/y", False),
])
def test_a_host_is_official_exactly_or_as_a_subdomain(url: str, ok: bool) -> None:
    assert is_official(url, {"canada.ca", "gc.ca"}) is ok


def test_a_page_citing_a_host_off_the_allowlist_stops_the_build(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    page = content / "guide" / "first.md"
    text = page.read_text(encoding="utf-8")
    url = "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry.html"
    page.write_text(text.replace(url, "https://www.some-consultancy.example/express-entry"), encoding="utf-8")
    line = text.splitlines().index(f"    url: {url}") + 1
    out = tmp_path / "site"
    result = run_build(content, out)
    assert result.returncode != 0
    assert f"content/guide/first.md:{line}: source host not official: www.some-consultancy.example" in result.stderr
    assert not out.exists(), "a failed build writes nothing"


def test_the_allowlist_is_required_once_a_page_shows_sources(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    (content / "data" / "official-hosts.yml").unlink()
    result = run_build(content, tmp_path / "site")
    assert result.returncode != 0
    assert "content/data/official-hosts.yml: missing: list the hosts" in result.stderr


def test_every_allowlisted_host_gives_its_reason(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    hosts = content / "data" / "official-hosts.yml"
    hosts.write_text(hosts.read_text(encoding="utf-8") + "gc.ca:\n", encoding="utf-8")
    result = run_build(content, tmp_path / "site")
    assert result.returncode != 0
    assert "content/data/official-hosts.yml:3: `gc.ca` needs the reason it is official" in result.stderr


def test_a_rules_source_off_the_allowlist_stops_the_build(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    path = root / "calculator" / "data" / "sources.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fsw-grid"]["url"] = "https://www.superlinks.com.pk/federal-skilled-worker-points-table/"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i in range(lines.index('  "fsw-grid": {'), len(lines)) if '"url"' in lines[i]) + 1
    result = build_in(root, tmp_path / "site")
    assert result.returncode != 0
    assert f"calculator/data/sources.json:{line}: source host not official: www.superlinks.com.pk" in result.stderr
    assert result.stderr.count("source host not official") == 1, result.stderr


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("real") / "site"
    result = run_build(ROOT / "content", out)
    assert result.returncode == 0, result.stderr
    return html_pages(out)


def test_copies_checked_against_are_never_shown(real_site: dict[str, str]) -> None:
    sources = json.loads((ROOT / "calculator" / "data" / "sources.json").read_text(encoding="utf-8"))
    copies = {urlsplit(u).hostname for k, s in sources.items() if not k.startswith("_")
              for u in s.get("checked_against", [])}
    assert "github.com" in copies and "suvsmodfiedrenew.pages.dev" in copies  # the data keeps them
    for name, html in real_site.items():
        for host in copies:
            assert host not in html, (name, host)
    shown = {urlsplit(m).hostname for html in real_site.values()
             for m in re.findall(r'<a href="(https?://[^"]+)"', html)}
    hosts, errors = load_hosts(ROOT / "content" / "data" / "official-hosts.yml", "official-hosts.yml")
    assert hosts and not errors
    assert shown and all(is_official(f"https://{h}/", hosts) for h in shown - {"example.github.io"}), shown


def test_the_real_site_shows_the_notice_once_on_each_page_that_asks_for_it(real_site: dict[str, str]) -> None:
    asking = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")
              if "```notices" in p.read_text(encoding="utf-8")}
    assert len(asking) >= 10
    expected = {page_url(rel) + "index.html" for rel in asking}
    for name, html in real_site.items():
        count = html.count(NOTICE_TITLE_FR if name.startswith("fr/") else NOTICE_TITLE)
        assert count == (1 if name in expected else 0), (name, count)
        assert html.count(f'id="notice-{NOTICE_ID}"') == count
    assert "2 November 2026" in real_site["crs-criteria/index.html"]


def test_removing_the_notice_from_the_data_removes_it_everywhere(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    meta_path = root / "calculator" / "data" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["notices"] = [n for n in meta["notices"] if n["id"] != NOTICE_ID]
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    out = tmp_path / "site"
    result = build_in(root, out)
    assert result.returncode == 0, result.stderr
    pages = html_pages(out)
    assert "calculator/index.html" in pages and "crs-criteria/index.html" in pages
    for name, html in pages.items():
        assert NOTICE_TITLE not in html and f"notice-{NOTICE_ID}" not in html, name
        assert "high-wage" not in html, name
    code = ("import json, sys, calculator\n"
            "p = json.loads(sys.argv[1])\n"
            "print(json.dumps(calculator.score(p)['warnings']))\n")
    profile = {**BASE, "rules_date": "2026-11-24"}
    env = {**os.environ, "PYTHONPATH": str(root)}
    warnings = subprocess.run([sys.executable, "-c", code, json.dumps(profile)], cwd=root, env=env,
                              capture_output=True, text=True, check=True)
    assert "2026-11-03" not in warnings.stdout  # no notice code for it any more
    here = subprocess.run([sys.executable, "-c", code, json.dumps(profile)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    # and the untouched data still warns (a code; its words are meta.json's message and notices.fr.yml's)
    assert {"code": "notice", "params": {"notice": NOTICE_ID}} in json.loads(here.stdout)


def test_a_page_shows_the_notices_at_most_once() -> None:
    body = "```notices\n```\n\nText.\n\n```notices\n```\n"
    result = render_markdown(body, "a.md", 5, lambda name: None, lambda: "<p>NOTICE</p>")
    assert result.html.count("NOTICE") == 1
    assert result.problems == [(10, "notices are already shown on line 5: keep one ```notices block per page")]
    named = render_markdown("```notices\ncrs\n```\n", "a.md", 1, lambda name: None, lambda: "")
    assert named.problems == [(1, "a ```notices block takes no name: it shows every notice in force")]
