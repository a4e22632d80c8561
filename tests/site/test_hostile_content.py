"""Hostile or broken content: nesting that exhausts the parsers, files far too big. Each is a `path:line` error
(all of them collected), exit 1, the last good site untouched; never a traceback."""

from __future__ import annotations

from pathlib import Path

from sitegen.limits import MAX_DATA_BYTES, MAX_DEPTH, MAX_PAGE_BYTES, MAX_SETTINGS_BYTES, too_deep

from .helpers import copy_fixture, run_build, tree

DEEP = 3000  # past Python's recursion limit (1000): the parsers raised RecursionError


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def built_site(tmp_path: Path, content: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    return out, tree(out)


def test_deep_nesting_and_big_files_are_errors_with_path_and_line(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    out, before = built_site(tmp_path, content)
    about = content / "about.md"
    about.write_text(about.read_text().replace("---\n", f"---\nx: {nested(DEEP)}\n", 1))
    guide = content / "guide" / "first.md"
    guide.write_text(guide.read_text().replace("---\n", f"---\nx: {nested(MAX_DEPTH + 5)}\n", 1))
    data = content / "data"
    (data / "deep.yml").write_text(f"x: {nested(DEEP)}\n")
    (data / "deep.json").write_text(nested(DEEP))
    (data / "parses.json").write_text(nested(900))  # json.loads copes; the templates and workers would not
    (data / "loop.yml").write_text("a: &a [*a]\n")  # a list that contains itself
    (content / "huge.md").write_text("---\ntitle: x\n---\n" + "word " * (MAX_PAGE_BYTES // 5 + 1))
    (data / "huge.json").write_text("[" + "1," * (MAX_DATA_BYTES // 2) + "1]")

    result = run_build(content, out)

    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    deep = f"is nested too deeply (more than {MAX_DEPTH} levels"
    for line in (f"content/about.md:2: {deep}", f"content/guide/first.md:2: {deep}",
                 f"content/data/deep.yml:1: {deep}", f"content/data/deep.json:1: {deep}",
                 f"content/data/parses.json:1: {deep}", f"content/data/loop.yml:1: {deep}",
                 f"content/huge.md:1: is {(content / 'huge.md').stat().st_size:,} bytes, over the "
                 f"{MAX_PAGE_BYTES:,}-byte limit for a page",
                 f"content/data/huge.json:1: is {(data / 'huge.json').stat().st_size:,} bytes, over the "
                 f"{MAX_DATA_BYTES:,}-byte limit for a data file"):
        assert line in result.stderr, result.stderr
    assert tree(out) == before


def test_deep_or_huge_site_settings_are_errors(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    settings = content / "site.yml"
    good = settings.read_text()
    settings.write_text(good + f"extra: {nested(DEEP)}\n")
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "content/site.yml:1: is nested too deeply" in result.stderr
    settings.write_text(good + "#" * MAX_SETTINGS_BYTES)
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 1
    assert "-byte limit for the site settings" in result.stderr and "content/site.yml:1: is " in result.stderr


def test_depth_walk_is_quick_on_a_yaml_alias_bomb() -> None:
    # a: [x] * 10, b: [a] * 10, ... nine levels: a billion leaves if each alias were walked again
    level: list = ["x"] * 10
    for _ in range(9):
        level = [level] * 10
    assert not too_deep({"bomb": level})
    assert too_deep({"bomb": level}, limit=5)
    assert not too_deep([[[]]], limit=3) and too_deep([[[[]]]], limit=3)
