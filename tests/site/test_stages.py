"""Each stage of the build on its own: config, front matter, Markdown, links, navigation, assets, output."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.assets import collect_assets
from sitegen.config import NavSection, load_config
from sitegen.errors import BuildFailed
from sitegen.markdown import page_url, render_markdown, with_base
from sitegen.nav import build_navigation
from sitegen.output import Staging
from sitegen.pages import read_page
from sitegen.site import check_links

from .helpers import FIXTURE


def no_tables(name: str) -> str | None:
    return {"demo": "<table><caption>Demo</caption></table>"}.get(name)


def page(source: str, rel: str = "guide/a.md"):
    return read_page(source, rel, f"content/{rel}", no_tables)


HEAD = "---\ntitle: A\ndescription: D\nupdated: 2026-11-24\n---\n"


def test_config_loads_and_normalises_the_base_url(tmp_path: Path) -> None:
    config = load_config(FIXTURE, "content/site.yml")
    assert config.nav == (NavSection("guide", "Guide"), NavSection("about", "About"))
    assert config.with_overrides(base_url="/ee-guide").base_url == "/ee-guide/"
    with pytest.raises(ValueError):
        config.with_overrides(base_url="ee-guide/")
    (tmp_path / "site.yml").write_text("name: x\n")
    with pytest.raises(BuildFailed) as caught:
        load_config(tmp_path, "content/site.yml")
    assert {str(e) for e in caught.value.errors} >= {"content/site.yml:1: missing required key `base_url`"}


def test_front_matter_fields() -> None:
    result, errors = page(HEAD.replace("---\n\n", "") + "Body")
    assert errors == [] and result is not None
    assert (result.title, result.updated, result.url, result.template, result.draft) == (
        "A", date(2026, 11, 24), "guide/a/", "page", False)


def test_page_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("guide/index.md") == "guide/"
    assert page_url("guide/a.md") == "guide/a/"


def test_markdown_renders_like_github() -> None:
    body = (
        "## Proof of funds\n\n> [!TIP]\n> Save early.\n\n- [ ] Passport\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "~~old~~ www.canada.ca and a note[^1].\n\n[^1]: Footnote.\n"
    )
    html = render_markdown(body, "a.md", 1, no_tables).html
    assert '<h2 id="proof-of-funds">Proof of funds</h2>' in html
    assert '<div class="markdown-alert markdown-alert-tip">' in html
    assert 'class="task-list-item-checkbox"' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<s>old</s>" in html or "<del>old</del>" in html
    assert 'href="http://www.canada.ca"' in html
    assert 'class="footnote-ref"' in html


def test_markdown_collects_headings_links_and_lines() -> None:
    body = "## One\n\n### Two & three\n\nSee [x](../b.md#one),\nand [y](#two--three).\n\n```table\ndemo\n```\n"
    result = render_markdown(body, "guide/a.md", 10, no_tables)
    assert [(h.level, h.id, h.text) for h in result.headings] == [(2, "one", "One"), (3, "two--three", "Two & three")]
    links = [(link.line, link.target, link.anchor) for link in result.links]
    assert links == [(14, "b.md", "one"), (15, "", "two--three")]
    # The parse leaves the base URL out (a parsed page serves every base); the renderer puts it in.
    assert 'href="/ee/b/#one"' not in result.html
    assert 'href="/ee/b/#one"' in with_base(result.html, "/ee/")
    assert 'href="/b/#one"' in with_base(result.html, "/")
    assert "<caption>Demo</caption>" in result.html
    assert result.problems == []


def test_raw_html_may_hold_full_addresses_and_anchors_but_not_site_paths() -> None:
    body = ('<a href="https://www.canada.ca/">IRCC</a> <a href=\'#fees\'>fees</a> <img src=https://x.org/a.png>\n\n'
            '<p>\n<a href="../steps/">steps</a> <a HREF=/fees/>fees</a>\n</p>\n')
    problems = render_markdown(body, "guide/a.md", 5, no_tables).problems
    assert [(line, text.split(":")[0]) for line, text in problems] == [
        (8, 'raw HTML href="../steps/"'), (8, 'raw HTML href="/fees/"')]


def test_links_are_checked_against_pages_and_anchors() -> None:
    a, _ = page(HEAD + "## Here\n\n[b](b.md#there) [c](c.md) [self](#here)\n", "guide/a.md")
    b, _ = page(HEAD + "## Elsewhere\n", "guide/b.md")
    errors = [str(e) for e in check_links([a, b], unreadable=set())]
    assert errors == [
        "content/guide/a.md:8: link to `guide/b.md#there`: no heading with that anchor (anchors there: elsewhere)",
        "content/guide/a.md:8: link to `guide/c.md`: no such page (or it is a draft)",
    ]
    assert check_links([a, b], unreadable={"guide/c.md", "guide/b.md"}) == []


def test_navigation_sections_and_neighbours() -> None:
    pages = []
    for rel, extra in [("g/index.md", "section: g\n"), ("g/z.md", "section: g\norder: 1\n"),
                       ("g/y.md", "section: g\norder: 2\n"), ("lone.md", "")]:
        result, errors = page(HEAD.replace("updated", extra + "updated"), rel)
        assert errors == []
        pages.append(result)
    nav, errors = build_navigation(pages, (NavSection("g", "Guide"), NavSection("empty", "Empty")))
    assert errors == []
    assert [s.id for s in nav.sections] == ["g"]  # a section with no pages is not in the menu
    assert [p.rel_path for p in nav.sections[0].pages] == ["g/index.md", "g/z.md", "g/y.md"]
    previous, following = nav.neighbours(pages[1])
    assert (previous.rel_path, following.rel_path) == ("g/index.md", "g/y.md")
    assert nav.neighbours(pages[3]) == (None, None)


def test_assets_get_content_hashed_names(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body{}")
    first = collect_assets(tmp_path)["css/site.css"].output
    (tmp_path / "css" / "site.css").write_text("body{color:red}")
    second = collect_assets(tmp_path)["css/site.css"].output
    assert first.startswith("static/css/site.") and first.endswith(".css") and first != second


def test_staging_swaps_in_only_on_commit(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    staging = Staging(out)
    staging.write("new.html", b"new")
    staging.discard()
    assert [p.name for p in out.iterdir()] == ["old.html"]
    staging = Staging(out)
    staging.write("a/new.html", b"new")
    staging.commit()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a", "a/new.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no temporary folders left behind"


def test_an_engine_edit_while_serving_reloads_the_rules_behind_generated_tables() -> None:
    import sys

    from sitegen.build_cache import BuildCache

    cache = BuildCache()
    rules = cache.rules
    assert rules.render_table("crs-age") is not None  # imports the engine, reads its tables
    cache.keep_page("a.md", (1, 1), (None, []))
    cache.forget_engine()
    assert "calculator" not in sys.modules and "calculator.rules" not in sys.modules
    assert cache.rules is not rules, "the tables read from the old engine are still in use"
    assert cache.page("a.md", (1, 1)) is None
    assert cache.rules.render_table("crs-age") is not None  # and the next build imports it afresh
    assert "calculator.rules" in sys.modules
