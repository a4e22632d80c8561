"""The assessment page: a form to the configured endpoint, or an email link without one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .helpers import ROOT, run_build


def real_content_with_endpoint(tmp_path: Path, endpoint: str) -> Path:
    """A copy of the real content whose site.yml names ``endpoint`` for the form."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    config = content / "site.yml"
    text = config.read_text()
    assert 'assessment_endpoint: ""' in text
    config.write_text(text.replace('assessment_endpoint: ""', f'assessment_endpoint: "{endpoint}"'))
    return content


def build_real(tmp_path: Path, endpoint: str) -> str:
    result = run_build(real_content_with_endpoint(tmp_path, endpoint), tmp_path / "site")
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
    assert re.findall(r'<form\b[^>]* id="([^"]*)"', html) == ["site-search"]  # only the header's search box
    assert 'href="mailto:assessment@example.org?subject=Free%20assessment%20request"' in html
