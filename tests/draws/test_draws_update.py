"""update-draws: validates, reports new and changed rounds, refuses bad data and keeps the old file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.draws import FEED_URL, MAX_FEED_BYTES, feed, load_rounds
from sitegen.errors import BuildFailed
from sitegen.update_draws import main

from .feed_server import FeedServer
from .helpers import FEED, ROOT, newer_feed, with_rounds

TARGET = Path("data") / "ee_rounds_123_en.json"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    """A content folder holding the real snapshot."""
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True)
    (content / TARGET).write_bytes(FEED.read_bytes())
    return content


def run(argv: list[str], content: Path, capsys) -> tuple[int, str, str]:
    code = main(argv, content)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "new.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_same_data_is_no_change(content, capsys):
    before = os.stat(content / TARGET)
    code, out, _ = run(["--from", str(FEED)], content, capsys)
    assert code == 0
    assert "Read 435 rounds from" in out and "up to #434 on 7 August 2026" in out
    assert "No change: content/data/ee_rounds_123_en.json is already this data." in out
    assert os.stat(content / TARGET).st_mtime_ns == before.st_mtime_ns


def test_new_round_is_reported_and_written(tmp_path, content, capsys, feed_text):
    text, _ = newer_feed(feed_text)
    source = write(tmp_path, text)
    (content / TARGET).chmod(0o644)
    code, out, err = run(["--from", str(source)], content, capsys)
    assert (code, err) == (0, "")
    assert "1 new round(s):\n  #435 on 21 August 2026: Canadian Experience Class, 3,500 invitations, cut-off 512" in out
    assert "changed round" not in out
    assert out.rstrip().endswith("Wrote content/data/ee_rounds_123_en.json (up to #435 on 21 August 2026).")
    assert (content / TARGET).read_bytes() == source.read_bytes()  # IRCC's bytes, not re-serialized
    assert (content / TARGET).stat().st_mode & 0o777 == 0o644
    assert [p.name for p in (content / "data").iterdir()] == [TARGET.name]  # no temp file left


def test_changed_old_round_is_reported_field_by_field(tmp_path, content, capsys, feed_text):
    rounds = json.loads(feed_text)["rounds"]
    rounds[1]["drawCRS"] = "392"
    rounds[1]["drawSize"] = "5,001"
    rounds[300]["drawName"] = "Canadian Experience Class"
    code, out, _ = run(["--from", str(write(tmp_path, with_rounds(feed_text, rounds)))], content, capsys)
    assert code == 0
    assert "2 changed round(s) (IRCC corrected published data):" in out
    assert '  #433:\n    drawSize: "5,000" → "5,001"\n    drawCRS: "391" → "392"\n' in out
    assert f'  #{rounds[300]["drawNumber"]}:\n    drawName: ' in out
    assert "new round" not in out
    assert json.loads((content / TARGET).read_text())["rounds"][1]["drawCRS"] == "392"


def test_dry_run_writes_nothing(tmp_path, content, capsys, feed_text):
    text, _ = newer_feed(feed_text)
    code, out, _ = run(["--from", str(write(tmp_path, text)), "--dry-run"], content, capsys)
    assert code == 0
    assert "#435 on 21 August 2026" in out
    assert "Dry run: content/data/ee_rounds_123_en.json was not changed." in out
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


@pytest.mark.parametrize(("case", "expected"), [
    ("truncated", "is not a valid rounds feed:\n{src}:"),
    ("bad value", 'drawCRS: "high" is not a CRS score from 0 to 1,200'),
    ("html page", "not valid JSON"),
    ("empty", "not valid JSON"),
    ("no rounds", "the rounds list is empty"),
    ("latin-1", "is not UTF-8 text"),
])
def test_malformed_data_is_refused_and_the_old_file_kept(tmp_path, content, capsys, feed_text, case, expected):
    bad = {
        "truncated": feed_text[: len(feed_text) // 2],
        "bad value": feed_text.replace('"drawCRS": "470"', '"drawCRS": "high"', 1),
        "html page": "<!DOCTYPE html><html><body>Service unavailable</body></html>",
        "empty": "",
        "no rounds": '{"classes": "wb-tables", "rounds": []}',
    }
    source = tmp_path / "new.json"
    if case == "latin-1":
        source.write_bytes(feed_text.replace("Transport", "Transp\u00f6rt", 1).encode("latin-1"))
    else:
        source.write_text(bad[case], encoding="utf-8")
    before = (content / TARGET).read_bytes()
    code, out, err = run(["--from", str(source)], content, capsys)
    assert code == 1
    assert out == ""
    assert err.startswith("Refused: ")
    assert expected.format(src=source) in err
    assert err.rstrip().endswith("content/data/ee_rounds_123_en.json was not changed.")
    assert (content / TARGET).read_bytes() == before
    assert [p.name for p in (content / "data").iterdir()] == [TARGET.name]


def test_bad_value_error_gives_the_line_in_the_new_file(tmp_path, content, capsys, feed_text):
    text = feed_text.replace('"drawCRS": "470"', '"drawCRS": "high"', 1)
    source = write(tmp_path, text)
    line = text[: text.index('"drawCRS": "high"')].count("\n") + 1
    _, _, err = run(["--from", str(source)], content, capsys)
    assert f'{source}:{line}: round #434: drawCRS: "high" is not a CRS score from 0 to 1,200' in err


def test_lost_rounds_are_refused(tmp_path, content, capsys, feed_text):
    rounds = json.loads(feed_text)["rounds"]
    text = with_rounds(feed_text, rounds[:-2])  # rounds #1 and #2 gone
    code, _, err = run(["--from", str(write(tmp_path, text))], content, capsys)
    assert code == 1
    assert "Refused: the new data has lost 2 round(s) that content/data/ee_rounds_123_en.json has: #2, #1" in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_an_older_snapshot_is_refused(tmp_path, content, capsys, feed_text):
    rounds = json.loads(feed_text)["rounds"]
    code, _, err = run(["--from", str(write(tmp_path, with_rounds(feed_text, rounds[3:])))], content, capsys)
    assert code == 1
    assert "lost 3 round(s)" in err and "#434, #433, #432" in err


def test_missing_source_file(tmp_path, content, capsys):
    code, _, err = run(["--from", str(tmp_path / "nope.json")], content, capsys)
    assert code == 1
    assert "Refused: cannot read" in err and "No such file" in err


def test_first_download_creates_the_file(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    code, out, _ = run(["--from", str(FEED)], content, capsys)
    assert code == 0 and "Wrote content/data/ee_rounds_123_en.json" in out
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_broken_current_file_is_replaced_with_a_warning(tmp_path, content, capsys):
    (content / TARGET).write_text("{ broken", encoding="utf-8")
    code, out, _ = run(["--from", str(FEED)], content, capsys)
    assert code == 0
    assert "Warning: the current content/data/ee_rounds_123_en.json has problems" in out
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_usage_errors(content, capsys):
    assert main(["--bogus"], content) == 2
    assert "usage: build.py update-draws" in capsys.readouterr().err
    assert main(["--help"], content) == 0


def test_download(content, capsys, feed_text):
    # A real HTTP download from a server on 127.0.0.1; no test touches the internet.
    text, _ = newer_feed(feed_text)
    with FeedServer(text.encode()) as server:
        code, out, _ = run(["--url", server.url], content, capsys)
    assert code == 0
    assert server.requests == [("/ee_rounds_123_en.json", "express-entry-guide update-draws")]
    assert f"Read 436 rounds from {server.url}" in out
    assert (content / TARGET).read_text(encoding="utf-8") == text


def test_failed_download_is_refused(content, capsys):
    with FeedServer(b"<html>Service Unavailable</html>", status=503) as server:
        code, _, err = run(["--url", server.url], content, capsys)
    assert code == 1
    assert f"Refused: downloading {server.url} failed: HTTP 503 Service Unavailable" in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_unreachable_server_is_refused(content, capsys):
    with FeedServer() as server:
        url = server.url
    code, _, err = run(["--url", url], content, capsys)  # the server is closed: connection refused
    assert code == 1
    assert f"Refused: downloading {url} failed: " in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_oversized_download_is_refused_from_its_header_unread(content, capsys):
    # The header announces more than the cap; the body is never read (the server only has 2 bytes to send).
    with FeedServer(b"{}", headers={"Content-Length": str(MAX_FEED_BYTES + 1)}) as server:
        code, _, err = run(["--url", server.url], content, capsys)
    assert code == 1
    assert f"Refused: {server.url} is {MAX_FEED_BYTES + 1:,} bytes, more than the {MAX_FEED_BYTES:,}" in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_oversized_download_without_a_length_is_cut_off(monkeypatch, content, capsys, feed_text):
    monkeypatch.setattr(feed, "MAX_FEED_BYTES", 1000)
    with FeedServer(feed_text.encode(), headers={"Content-Length": "", "Connection": "close"}) as server:
        code, _, err = run(["--url", server.url], content, capsys)
    assert code == 1
    assert f"Refused: {server.url} sent more than 1,000 bytes; that is not the rounds feed" in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_default_source_is_ircc_feed():
    assert FEED_URL == "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"


@pytest.mark.skipif(not (ROOT / "build.py").exists(), reason="build.py not written yet")
class TestThroughBuildPy:
    def build(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "build.py"), "update-draws", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    def test_update(self, tmp_path, content, feed_text):
        text, _ = newer_feed(feed_text)
        result = self.build("--content", str(content), "--from", str(write(tmp_path, text)))
        assert result.returncode == 0, result.stderr
        assert "#435 on 21 August 2026" in result.stdout
        assert (content / TARGET).read_text(encoding="utf-8") == text

    def test_refused(self, tmp_path, content):
        result = self.build("--content", str(content), "--from", str(write(tmp_path, "{}")))
        assert result.returncode == 1
        assert "Refused:" in result.stderr
        assert (content / TARGET).read_bytes() == FEED.read_bytes()

    def test_default_content_folder_is_left_alone_on_refusal(self, tmp_path):
        real = ROOT / "content" / TARGET
        before = real.read_bytes()
        result = self.build("--from", str(write(tmp_path, "not json")))
        assert result.returncode == 1
        assert "content/data/ee_rounds_123_en.json was not changed." in result.stderr
        assert real.read_bytes() == before


def test_a_far_future_round_is_refused_as_the_build_refuses_it(tmp_path, content, capsys, feed_text):
    # The bug: update-draws once wrote a round dated 9999-12-31, and every build after that failed.
    text, _ = newer_feed(feed_text, drawDate="9999-12-31")
    source = write(tmp_path, text)
    line = text[: text.index('"drawDate": "9999-12-31"')].count("\n") + 1
    code, out, err = run(["--from", str(source)], content, capsys)
    assert (code, out) == (1, "")
    assert f'{source}:{line}: round #435: drawDate: "9999-12-31" is in the future (after ' in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()
    with pytest.raises(BuildFailed):  # and the build's own loader says the same
        load_rounds(source)


def test_an_oversized_file_is_refused_unread(tmp_path, content, capsys):
    source = tmp_path / "huge.json"
    with source.open("wb") as f:
        f.truncate(MAX_FEED_BYTES + 1)  # sparse: that size, nothing written
    code, _, err = run(["--from", str(source)], content, capsys)
    assert code == 1
    assert f"Refused: {source}: is {MAX_FEED_BYTES + 1:,} bytes, more than the {MAX_FEED_BYTES:,}" in err
    assert (content / TARGET).read_bytes() == FEED.read_bytes()


def test_a_refusal_lists_the_first_problems_and_counts_the_rest(tmp_path, content, capsys, feed_text):
    rounds = json.loads(feed_text)["rounds"]
    for r in rounds[:25]:
        r["drawCRS"] = "high"
    code, _, err = run(["--from", str(write(tmp_path, with_rounds(feed_text, rounds)))], content, capsys)
    assert code == 1
    assert err.count(': drawCRS: "high" is not a CRS score') == 20
    assert "… and 5 more problems" in err
