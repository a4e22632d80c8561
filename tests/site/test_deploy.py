"""The Pages workflow builds with the base path configure-pages reports, and CI runs the README's test command."""

from __future__ import annotations

import yaml

from .helpers import ROOT


def test_pages_workflow_builds_under_the_reported_base_path() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps] + [s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build = next(s["run"] for s in steps if "build.py" in s.get("run", ""))
    assert '--base-url "${{ steps.pages.outputs.base_path }}/"' in build


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "./dev test" in readme and "./dev serve" in readme
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()
