"""Extra template variables for the special page templates, and the bundles they need built first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pages import Page
from .render import ContextProvider
from .site import Site


def prepare_bundles(site: Site, out_dir: Path) -> dict[str, Any]:
    """Build what special pages link to (the calculator's Python bundle) into the new site folder."""
    bundles: dict[str, Any] = {}
    if any(p.template == "calculator" for p in site.pages):
        from .pyodide_bundle import bundle_calculator

        bundles["calculator"] = bundle_calculator(site.root, out_dir)
    return bundles


def context_providers(bundles: dict[str, Any]) -> dict[str, ContextProvider]:
    def draws(site: Site, page: Page) -> dict[str, Any]:
        from .charts import draws_charts

        return {"charts": draws_charts(site.data["rounds"])}

    def calculator(site: Site, page: Page) -> dict[str, Any]:
        from .draws import calculator_summary

        rounds = site.data.get("rounds")
        return {"calculator": bundles["calculator"], "draws_summary": calculator_summary(rounds) if rounds else None}

    return {"draws": draws, "calculator": calculator}
