"""The assessment page: a form to the configured endpoint, or an email link without one."""

from __future__ import annotations

from pathlib import Path

from .helpers import ROOT, run_build


def build_real(tmp_path: Path, endpoint: str) -> str:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(ROOT / "content", content)
    config = content / "site.yml"
    config.write_text(config.read_text().replace('assessment_endpoint: ""', f'assessment_endpoint: "{endpoint}"'))
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site" / "assessment" / "index.html").read_text()


def test_form_posts_to_the_configured_endpoint(tmp_path: Path) -> None:
    html = build_real(tmp_path, "https://forms.example/f/abc")
    assert '<form id="assessment-form" method="post" action="https://forms.example/f/abc">' in html
    for field in ('name="name"', 'name="email"', 'name="message"', 'name="consent"'):
        assert field in html
    assert "form-action 'self' https://forms.example/f/abc" in html  # the CSP allows exactly that endpoint
    assert 'value="https://example.github.io/assessment/thanks/"' in html


def test_without_endpoint_an_email_link_replaces_the_form(tmp_path: Path) -> None:
    html = build_real(tmp_path, "")
    assert "<form" not in html
    assert 'href="mailto:assessment@example.org?subject=Free%20assessment%20request"' in html
