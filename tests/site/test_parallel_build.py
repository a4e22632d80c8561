"""Large sites load and render in worker processes: the output and the errors must match a one-process build."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitegen.workers
from sitegen.pipeline import build
from sitegen.errors import BuildFailed

from .helpers import ROOT, copy_fixture, tree

PAGES = sitegen.workers.PARALLEL_THRESHOLD + 40


def _grow(content: Path) -> None:
    """Add enough linked pages to the fixture site to cross the threshold for worker processes."""
    folder = content / "guides"
    folder.mkdir()
    for i in range(PAGES):
        nxt = f"page-{(i + 1) % PAGES}.md"
        (folder / f"page-{i}.md").write_text(
            f"---\ntitle: Guide {i}\ndescription: Generated page {i}.\nupdated: 2026-11-{1 + i % 24:02d}\n"
            f"section: guide\norder: {100 + i}\n---\n\n## Part {i}\n\n"
            f"See [the next guide]({nxt}#part-{(i + 1) % PAGES}) and [the same part](#part-{i}).\n\n"
            + "- a *list* item with `code`\n" * (i % 7)
            + "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            encoding="utf-8",
        )


@pytest.fixture
def big_site(tmp_path: Path) -> Path:
    content = copy_fixture(tmp_path)
    _grow(content)
    return content


def _serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitegen.workers, "PARALLEL_THRESHOLD", 10**9)


def test_worker_processes_give_the_same_site_as_one_process(big_site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = build(ROOT, tmp_path / "parallel", big_site)
    _serial(monkeypatch)
    serial = build(ROOT, tmp_path / "serial", big_site)
    assert parallel.pages == serial.pages > PAGES
    assert parallel.files == serial.files
    ours, theirs = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert ours.keys() == theirs.keys()
    assert parallel.files == len(ours)  # the count build.py prints
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_worker_processes_report_every_error_like_one_process(big_site: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (big_site / "guides" / "page-7.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    page = big_site / "guides" / "page-30.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](nowhere.md)\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("last good site", encoding="utf-8")

    messages = []
    for serial in (False, True):
        if serial:
            _serial(monkeypatch)
        with pytest.raises(BuildFailed) as failed:
            build(ROOT, out, big_site)
        messages.append(str(failed.value))
    assert messages[0] == messages[1]
    shown = big_site.resolve().as_posix()
    assert f"{shown}/guides/page-7.md:3: invalid YAML" in messages[0]
    assert f"{shown}/guides/page-30.md:20: link to `guides/nowhere.md`: no such page" in messages[0]
    assert tree(out) == {"keep.txt": b"last good site"}
