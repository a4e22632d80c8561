"""Every kind of bad input, as the editor sees it: `path:line: what is wrong`, exit 1, old site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import copy_fixture, run_build, tree


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


CASES = [
    # (file, old text, new text, expected message in stderr)
    ("guide/first.md", "title: First step\n", "title: [First step\n",
     "guide/first.md:3: invalid YAML"),
    ("guide/first.md", "order: 10\n", "order: 10\ntitle: Again\n",
     "guide/first.md:7: `title` is given twice (first on line 2)"),
    ("guide/first.md", "title: First step\n", "",
     "guide/first.md:2: missing required key `title`"),
    ("guide/first.md", "order: 10\n", "order: 10\ncolour: red\n",
     "guide/first.md:7: unknown key `colour`"),
    ("guide/first.md", "updated: 2026-11-03\n", "updated: last week\n",
     "guide/first.md:7: `updated` must be a date like 2026-11-24"),
    ("guide/first.md", "order: 10\n", "order: 10\ntemplate: fancy\n",
     "guide/first.md:7: `template` names an unknown template `fancy`"),
    ("guide/first.md", "section: guide\n", "section: guides\n",
     "guide/first.md:5: `section` names an unknown menu section `guides`"),
    ("guide/first.md", "    url: https://www.canada.ca", "    url: www.canada.ca",
     "guide/first.md:8: `sources` must be a full address starting with https://"),
    ("guide/first.md", "---\ntitle", "title",
     "guide/first.md:1: missing front matter"),
    ("guide/index.md", "[the first step](first.md)", "[the first step](frist.md)",
     "guide/index.md:7: link to `guide/frist.md`: no such page"),
    ("guide/second.md", "[costs](first.md#costs--fees)", "[costs](first.md#prices)",
     "guide/second.md:11: link to `guide/first.md#prices`: no heading with that anchor"),
    ("guide/second.md", "[this section](#details)", "[this section](#detail)",
     "guide/second.md:11: link to `guide/second.md#detail`: no heading with that anchor"),
    ("index.md", "[about us](about.md#who-we-are)", "[about us](/about/)",
     "index.md:6: link `/about/` starts with /"),
    ("site.yml", "base_url: /\n", "base_url: ee-guide\n",
     "site.yml:3: `base_url` must be a path such as / or /ee-guide/"),
    ("site.yml", "language: en\n", "language: english\n",
     "site.yml:5: `language` must be a language code"),
    ("site.yml", "name: Fixture Guide\n", "name: Fixture Guide\nthem: dark\n",
     "site.yml:2: unknown key `them`"),
    ("site.yml", 'assessment_endpoint: ""', "assessment_endpoint: http://insecure.example",
     "site.yml:6: `assessment_endpoint` must be empty or an https:// address"),
    ("site.yml", 'assessment_endpoint: ""', "assessment_endpoint: \"https://forms.example/f; script-src *\"",
     "site.yml:6: `assessment_endpoint` must be empty or an https:// address"),
    ("about.md", "section: about\n", "section: about\ntemplate: draws\n",
     "about.md:5: template `draws` needs content/data/ee_rounds_123_en.json"),
    ("about.md", "A small team.", "A small team. ![logo](/logo.png)",
     "about.md:9: image `/logo.png`: only full https:// image addresses are supported"),
    ("about.md", "## Who we are\n", "## Who we are\n\n```table\nno-such-table\n```\n",
     "about.md:9: unknown generated table `no-such-table`"),
    ("about.md", "A small team.", 'A small team, <a href="/guide/">see the guide</a>.',
     'about.md:9: raw HTML href="/guide/": link to a page with a Markdown link'),
    ("about.md", "## Who we are\n", '## Who we are\n\n<div>\n<img alt="" src="team.png">\n</div>\n',
     'about.md:10: raw HTML src="team.png": link to a page with a Markdown link'),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES, ids=[c[3][:50] for c in CASES])
def test_bad_input_is_reported_with_path_and_line(tmp_path: Path, rel: str, old: str, new: str, expected: str) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    before = tree(out)

    edit(content, rel, old, new)
    result = run_build(content, out)

    assert result.returncode == 1
    shown = str(content).rstrip("/") + "/" + expected
    assert shown in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before, "a failed build must leave the last good site exactly as it was"


def test_all_errors_are_reported_not_only_the_first(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    edit(content, "guide/first.md", "order: 10\n", "order: ten\n")
    edit(content, "guide/index.md", "(first.md)", "(missing.md)")
    edit(content, "about.md", "section: about\n", "section: about\nauthor: me\n")
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 1
    assert "guide/first.md:6: `order` must be a whole number" in result.stderr
    assert "guide/index.md:7: link to `guide/missing.md`: no such page" in result.stderr
    assert "about.md:5: unknown key `author`" in result.stderr
    assert "3 error(s)" in result.stderr
    assert not (tmp_path / "site").exists()


def test_unknown_template_variable_points_at_the_template(tmp_path: Path) -> None:
    from sitegen.pipeline import build
    from sitegen.errors import BuildFailed

    from .helpers import ROOT

    root = tmp_path / "project"
    (root / "templates").mkdir(parents=True)
    import shutil

    shutil.copytree(ROOT / "templates", root / "templates", dirs_exist_ok=True)
    page_template = root / "templates" / "page.html"
    page_template.write_text(page_template.read_text().replace("{{ page.title }}</h1>", "{{ page.titel }}</h1>"))
    with pytest.raises(BuildFailed) as caught:
        build(root, tmp_path / "site", copy_fixture(tmp_path))
    message = str(caught.value)
    assert "templates/page.html:" in message and "titel" in message, message


def test_draft_pages_are_not_built(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    assert not (out / "draft").exists()
    assert "draft" not in (out / "sitemap.xml").read_text()


def test_two_files_for_one_address_are_an_error(tmp_path: Path) -> None:
    """`guide/first.md` and `guide/first/index.md` both become /guide/first/: one would silently overwrite the other."""
    content = copy_fixture(tmp_path)
    (content / "guide" / "first").mkdir()
    (content / "guide" / "first" / "index.md").write_text(
        "---\ntitle: Shadow\ndescription: Same address.\nupdated: 2026-01-01\n---\nShadow.\n")
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 1, result.stdout
    line = next((x for x in result.stderr.splitlines() if "has the same address /guide/first/ as" in x), "")
    assert f"{content}/guide/first.md" in line and f"{content}/guide/first/index.md" in line, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("rel", ["site.yml", "data/extra.json"])
def test_a_file_that_is_not_utf8_is_reported_not_a_traceback(tmp_path: Path, rel: str) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    before = tree(out)
    (content / rel).parent.mkdir(exist_ok=True)
    with (content / rel).open("ab") as f:
        f.write(b'\n{"name": "\xff"}\n')
    result = run_build(content, out)
    assert result.returncode == 1
    assert f"{content}/{rel}: is not UTF-8 text" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before
