"""Extra template variables for the special page templates, and the bundles they need built first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pages import Page
from .render import ContextProvider
from .site import Site


def prepare_bundles(site: Site, out_dir: Path) -> dict[str, Any]:
    """Build what special pages link to (the calculator's Python bundle) into the new site folder."""
    return {}


def context_providers(bundles: dict[str, Any]) -> dict[str, ContextProvider]:
    def draws(site: Site, page: Page) -> dict[str, Any]:
        from .charts import draws_charts

        return {"charts": draws_charts(site.data["rounds"])}

    return {"draws": draws}
