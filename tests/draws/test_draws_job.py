"""The daily job (tools/update_draws_job.py), run as the workflow runs it: in a git checkout (a temporary copy
of this project's generator), fetching the feed over HTTP from a server on 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .feed_server import FeedServer
from .helpers import FEED, ROOT, newer_feed

ROUNDS = "content/data/ee_rounds_123_en.json"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A checkout with build.py, sitegen/, the job and the real feed, one commit, pushed to a bare 'origin'."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "sitegen", repo / "sitegen", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "update_draws_job.py", repo / "tools")
    shutil.copy2(ROOT / "build.py", repo)
    (repo / ROUNDS).parent.mkdir(parents=True)
    shutil.copy2(FEED, repo / ROUNDS)
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "origin.git")
    git(repo.parent, "init", "--quiet", "--initial-branch=main", str(repo))
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "--quiet", "-m", "Start")
    git(repo, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(repo, "push", "--quiet", "-u", "origin", "main")
    return repo


def run_job(repo: Path, url: str, *args: str, env_url: bool = False) -> tuple[subprocess.CompletedProcess, str]:
    """Run the job; returns the process and what it wrote to $GITHUB_OUTPUT."""
    output = repo.parent / "github_output"
    output.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output)}
    env.pop("UPDATE_DRAWS_URL", None)
    if env_url:
        env["UPDATE_DRAWS_URL"] = url
    command = [sys.executable, str(repo / "tools" / "update_draws_job.py"), *([] if env_url else ["--url", url])]
    result = subprocess.run([*command, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    return result, output.read_text()


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def test_a_newer_feed_makes_exactly_one_commit_of_the_rounds_file(repo, feed_text):
    text, _ = newer_feed(feed_text)
    with FeedServer(text.encode()) as server:
        result, output = run_job(repo, server.url, "--push")
    assert result.returncode == 0, result.stderr
    assert "1 new round(s):\n  #435 on 21 August 2026" in result.stdout
    assert commits(repo) == 2
    assert git(repo, "diff", "--name-only", "HEAD~1", "HEAD") == ROUNDS
    assert git(repo, "log", "-1", "--format=%s|%an") == (
        "Rounds of invitations: IRCC's feed up to #435 on 21 August 2026|github-actions[bot]")
    assert (repo / ROUNDS).read_bytes() == text.encode()  # IRCC's bytes as served
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-parse", "origin/main") == git(repo, "rev-parse", "HEAD")  # pushed
    assert git(repo.parent / "origin.git", "rev-parse", "main") == git(repo, "rev-parse", "HEAD")
    assert output == "changed=true\n"

    # The next day, the same feed: nothing to do.
    with FeedServer(text.encode()) as server:
        again, output = run_job(repo, server.url, "--push")
    assert again.returncode == 0, again.stderr
    assert commits(repo) == 2
    assert output == "changed=false\n"


def test_an_unchanged_feed_makes_no_commit(repo):
    head = git(repo, "rev-parse", "HEAD")
    with FeedServer(FEED.read_bytes()) as server:
        result, output = run_job(repo, server.url, env_url=True)  # the address from $UPDATE_DRAWS_URL
    assert result.returncode == 0, result.stderr
    assert server.requests == [("/ee_rounds_123_en.json", "express-entry-guide update-draws")]
    assert f"{ROUNDS} is unchanged: nothing to commit." in result.stdout
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
    assert output == "changed=false\n"


@pytest.mark.parametrize(("fields", "expected"), [
    ({"drawDate": "9999-12-31"}, 'round #435: drawDate: "9999-12-31" is in the future (after '),
    ({"drawSize": "-3,500"}, 'round #435: drawSize: "-3,500" is negative'),
    ({"drawCRS": "٥١٢"}, 'round #435: drawCRS: "٥١٢" is not a CRS score from 0 to 1,200'),
])
def test_a_bad_feed_fails_the_job_naming_round_and_field_and_keeps_the_file(repo, feed_text, fields, expected):
    text, _ = newer_feed(feed_text, **fields)
    with FeedServer(text.encode()) as server:
        result, output = run_job(repo, server.url, "--push")
    assert result.returncode == 1
    line = text[: text.index(f'"{next(iter(fields))}"')].count("\n") + 1
    assert f"{server.url}:{line}: {expected}" in result.stderr
    assert "update-draws refused the feed (exit 1): nothing committed." in result.stderr
    assert (repo / ROUNDS).read_bytes() == FEED.read_bytes()
    assert commits(repo) == 1
    assert git(repo, "status", "--porcelain") == ""
    assert output == ""


def test_an_unreachable_feed_fails_the_job(repo):
    with FeedServer() as server:
        url = server.url
    result, output = run_job(repo, url)
    assert result.returncode == 1
    assert f"Refused: downloading {url} failed" in result.stderr
    assert commits(repo) == 1 and output == ""


def test_the_workflow_runs_the_job_daily_and_starts_the_deploy_only_after_a_commit():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "update-draws.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert [s["cron"].split()[2:] for s in triggers["schedule"]] == [["*", "*", "*"]]  # every day
    assert workflow["permissions"] == {"contents": "write", "actions": "write"}
    steps = workflow["jobs"]["update"]["steps"]
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", s["uses"]) for s in steps if "uses" in s)  # pinned
    job = next(s for s in steps if s.get("id") == "update")
    assert job["run"] == "python tools/update_draws_job.py --push"
    [deploy] = [s for s in steps if "gh workflow run" in s.get("run", "")]
    assert deploy["if"] == "steps.update.outputs.changed == 'true'"
    assert deploy["run"].startswith("gh workflow run pages.yml ")
    # The deploy it starts must accept being started that way.
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert "workflow_dispatch" in pages[True]
