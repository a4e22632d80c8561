"""The generator's shape: modules import downwards only, and the configuration is resolved once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sitegen.config import resolve_config
from sitegen.errors import BuildFailed

from .helpers import FIXTURE, ROOT, run_build

SITEGEN = ROOT / "sitegen"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """sitegen module -> the sitegen modules it imports, at the top or inside a function."""
    graph: dict[str, set[str]] = {}
    for path in sorted(SITEGEN.rglob("*.py")):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
                if node.level and not node.module:  # from . import tables
                    found.update(f"{base}.{alias.name}" for alias in node.names)
                else:
                    found.add(target)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return {name: {t for t in targets if t in graph or t.rpartition(".")[0] in graph} for name, targets in
            graph.items()}


def test_sitegen_has_no_import_cycle() -> None:
    graph = _imports()
    assert len(graph) > 10 and any(graph.values()), "the import graph was not read"
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph.get(name, ())):
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(target):], target]))
            if target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_the_renderer_does_not_import_the_dev_server() -> None:
    assert "sitegen.serve" not in _imports()["sitegen.render"]


def test_option_errors_name_each_bad_option() -> None:
    with pytest.raises(BuildFailed) as caught:
        resolve_config(ROOT, FIXTURE, base_url="no-slash", origin="ftp://host")
    assert [str(e) for e in caught.value.errors] == [
        "--base-url: must be a path such as / or /ee-guide/",
        "--origin: must be a scheme and host such as https://example.github.io",
    ]
    config = resolve_config(ROOT, FIXTURE, base_url="/ee/", origin="https://me.github.io")
    assert (config.base_url, config.origin) == ("/ee/", "https://me.github.io")


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--base-url", "ee-guide/", "argument --base-url: must be a path such as / or /ee-guide/"),
    ("--origin", "me.github.io", "argument --origin: must be a scheme and host such as https://example.github.io"),
])
def test_the_command_line_refuses_a_bad_option_before_building(
    tmp_path: Path, option: str, value: str, message: str,
) -> None:
    result = run_build(FIXTURE, tmp_path / "site", option, value)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_build_given_its_configuration_does_not_read_site_yml_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sitegen.pipeline
    import sitegen.config

    config = resolve_config(ROOT, FIXTURE, base_url="/ee/")
    reads: list[Path] = []
    real = sitegen.config.load_config
    monkeypatch.setattr(sitegen.config, "load_config", lambda d, shown: reads.append(d) or real(d, shown))
    sitegen.pipeline.build(ROOT, tmp_path / "site", FIXTURE, config=config)
    assert reads == []
    assert 'href="/ee/about/"' in (tmp_path / "site" / "index.html").read_text()
    sitegen.pipeline.build(ROOT, tmp_path / "site", FIXTURE, base_url="/ee/")
    assert reads == [FIXTURE]


def test_a_new_page_template_is_one_template_file(tmp_path: Path) -> None:
    import shutil

    from sitegen.pipeline import build

    root = tmp_path / "root"
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "templates" / "faq.html").write_text(
        '{% extends "page.html" %}{% block content %}<!-- the faq template -->{{ super() }}{% endblock %}\n')
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    about = content / "about.md"
    about.write_text(about.read_text().replace("section: about\n", "section: about\ntemplate: faq\n", 1))
    build(root, tmp_path / "site", content)
    assert "<!-- the faq template -->" in (tmp_path / "site" / "about" / "index.html").read_text()

    about.write_text(about.read_text().replace("template: faq\n", "template: faqs\n"))
    with pytest.raises(BuildFailed) as caught:
        build(root, tmp_path / "site", content)
    [error] = [str(e) for e in caught.value.errors]
    assert "about.md:5: `template` names an unknown template `faqs` (known: " in error
    assert "faq, " in error and "base" not in error and "404" not in error


def test_only_the_build_cache_a_caller_passes_keeps_anything_between_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    import sitegen.data
    import sitegen.site
    from sitegen.build_cache import BuildCache
    from sitegen.pipeline import build

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    read: list[str] = []
    real_read, real_yaml = sitegen.site.read_page, sitegen.data._yaml
    monkeypatch.setattr(sitegen.site, "read_page", lambda source, rel, *a: read.append(rel) or real_read(source, rel, *a))
    monkeypatch.setattr(sitegen.data, "_yaml", lambda path, shown: read.append(path.name) or real_yaml(path, shown))
    every = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    data_files = sorted(p.name for p in (content / "data").glob("*.yml"))
    assert data_files, "the fixture has a data file to cache"

    cache = BuildCache()
    build(ROOT, tmp_path / "site", content, cache=cache)
    assert sorted(read) == sorted(every + data_files)
    read.clear()
    about = content / "about.md"
    about.write_text(about.read_text() + "\nOne more line.\n")
    build(ROOT, tmp_path / "site", content, cache=cache)
    assert read == ["about.md"], "an unchanged page or data file was parsed again"
    read.clear()
    build(ROOT, tmp_path / "site", content)  # no cache: a fresh start, no state hidden in a module
    assert sorted(read) == sorted(every + data_files)


def test_pages_parsed_once_serve_every_base_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse stage does not depend on the base URL: a new base re-parses nothing, yet every link follows it."""
    import sitegen.site
    from sitegen.build_cache import BuildCache
    from sitegen.pipeline import build

    read: list[str] = []
    real_read = sitegen.site.read_page
    monkeypatch.setattr(sitegen.site, "read_page", lambda source, rel, *a: read.append(rel) or real_read(source, rel, *a))
    cache = BuildCache()
    build(ROOT, tmp_path / "root", FIXTURE, cache=cache, base_url="/")
    assert read
    read.clear()
    build(ROOT, tmp_path / "ee", FIXTURE, cache=cache, base_url="/ee-guide/")
    assert read == []
    root_page = (tmp_path / "root" / "guide" / "index.html").read_text()
    ee_page = (tmp_path / "ee" / "guide" / "index.html").read_text()
    assert 'href="/guide/first/"' in root_page and 'href="/ee-guide/guide/first/"' in ee_page
    assert "\x00" not in root_page + ee_page
    assert ee_page.replace("/ee-guide/", "/") == root_page  # nothing else differs
