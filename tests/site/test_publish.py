"""Ready to publish: placeholder settings warn in a preview build and stop a ``--strict`` build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.config import unpublishable

from .helpers import ROOT, copy_fixture, run_build, tree


def line_of(config: Path, key: str) -> int:
    return next(n for n, line in enumerate(config.read_text().splitlines(), 1) if line.startswith(f"{key}:"))


def set_values(content: Path, **values: str) -> Path:
    """Rewrite top-level keys of the copy's site.yml in place, so every other line keeps its number."""
    config = content / "site.yml"
    lines = config.read_text().splitlines()
    for key, value in values.items():
        lines[line_of(config, key) - 1] = f"{key}: {value}"
    config.write_text("\n".join(lines) + "\n")
    return config


def test_the_shipped_placeholders_warn_but_the_preview_builds(tmp_path: Path) -> None:
    config = ROOT / "content" / "site.yml"
    result = run_build(ROOT / "content", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (f"content/site.yml:{line_of(config, 'origin')}: origin is a placeholder (https://example.github.io): "
            "set your site's address") in result.stderr.splitlines()
    assert (f"content/site.yml:{line_of(config, 'assessment_email')}: assessment_email is a placeholder "
            "(assessment@example.org): set the address that receives assessment requests") in result.stderr
    assert "2 warning(s)" in result.stderr


def test_strict_fails_on_the_placeholders_and_leaves_the_last_site(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / "last-good.txt").write_text("the previous site")
    result = run_build(content, out, "--strict")
    assert result.returncode == 1
    assert f"{content}/site.yml:4: origin is a placeholder (https://example.test)" in result.stderr, result.stderr
    assert f"{content}/site.yml:7: assessment_email is a placeholder (hello@example.test)" in result.stderr
    assert "Build failed with 2 error(s)" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == {"last-good.txt": b"the previous site"}


def test_strict_checks_the_origin_from_the_command_line_not_the_file(tmp_path: Path) -> None:
    # The Pages workflow passes configure-pages' origin: that real address overrides the file's placeholder.
    content = copy_fixture(tmp_path)
    result = run_build(content, tmp_path / "site", "--strict", "--origin", "https://owner.github.io")
    assert result.returncode == 1
    assert "origin is" not in result.stderr
    assert f"{content}/site.yml:7: assessment_email is a placeholder" in result.stderr
    assert "Build failed with 1 error(s)" in result.stderr

    placeholder = run_build(content, tmp_path / "site", "--strict", "--origin", "https://example.com")
    assert "--origin: origin is a placeholder (https://example.com)" in placeholder.stderr, placeholder.stderr


def test_strict_builds_a_site_with_real_settings(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    set_values(content, origin="https://owner.github.io", assessment_email="help@ee-guide.ca")
    result = run_build(content, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    first = (tmp_path / "site" / "guide" / "first" / "index.html").read_text()
    assert '<link rel="canonical" href="https://owner.github.io/guide/first/">' in first


def test_with_an_endpoint_the_email_is_not_needed_but_the_endpoint_is_checked(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    set_values(content, origin="https://owner.github.io", assessment_endpoint="https://formsubmit.co/abc")
    assert run_build(content, tmp_path / "site", "--strict").returncode == 0  # the page shows no email

    set_values(content, assessment_endpoint="https://forms.example.com/f/abc")
    result = run_build(content, tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert (f"{content}/site.yml:6: assessment_endpoint is a placeholder (https://forms.example.com/f/abc): "
            "set your form service's address") in result.stderr, result.stderr


def test_no_endpoint_and_no_email_leaves_visitors_no_way_to_ask(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    set_values(content, origin="https://owner.github.io", assessment_email='""')
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0
    assert f"{content}/site.yml:7: assessment_email is empty: set it, or an assessment_endpoint" in result.stderr
    assert run_build(content, tmp_path / "site", "--strict").returncode == 1


def test_a_local_endpoint_builds_for_trying_a_form_service_but_is_not_publishable(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    set_values(content, origin="https://owner.github.io", assessment_endpoint="http://127.0.0.1:9999/f/test")
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "assessment_endpoint is a local address (http://127.0.0.1:9999/f/test)" in result.stderr
    set_values(content, assessment_endpoint="http://forms.elsewhere.ca/f")  # plain http only to this computer
    assert "`assessment_endpoint` must be empty or an https:// address" in run_build(content, tmp_path / "s").stderr


@pytest.mark.parametrize(("host", "why"), [
    ("example.github.io", "a placeholder"), ("example.org", "a placeholder"), ("www.example.com", "a placeholder"),
    ("Example.NET", "a placeholder"), ("forms.example", "a placeholder"), ("hello.test", "a placeholder"),
    ("localhost", "a local address"), ("127.0.0.1", "a local address"),
    ("owner.github.io", ""), ("myexample.com", ""), ("canada.ca", ""), ("example.com.ca", ""),
])
def test_which_hosts_count_as_placeholders(host: str, why: str) -> None:
    assert unpublishable(host) == why


def test_the_pages_workflow_builds_strictly() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build = next(s["run"] for s in workflow["jobs"]["build"]["steps"] if "build.py" in s.get("run", ""))
    assert build.startswith("python build.py --strict ")
    assert '--origin "${{ steps.pages.outputs.origin }}"' in build


def test_the_readme_says_what_to_set_before_publishing() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Before you publish", 1)[1].split("\n## ", 1)[0]
    for word in ("origin", "assessment_email", "assessment_endpoint", "--strict", "content/site.yml"):
        assert word in section
    assert "./dev serve --port" in readme
