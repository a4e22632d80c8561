"""Extra template variables for the special page templates, and the bundles they need built first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import BuildError, BuildFailed
from .pages import Page
from .render import ContextProvider
from .site import Site


def prepare_bundles(site: Site, out_dir: Path) -> dict[str, Any]:
    """Build what special pages link to (the calculator's Python bundle) into the new site folder."""
    bundles: dict[str, Any] = {}
    if any(p.template == "calculator" for p in site.pages):
        from .pyodide_bundle import bundle_calculator

        bundles["calculator"] = bundle_calculator(site.root, out_dir, site.config.language)
        from .pyodide_bundle import write_lists

        # Each other edition's calculator: its countries' names in its language.
        bundles["lists"] = {p.language: write_lists(out_dir, p.language) for p in site.pages
                            if p.template == "calculator" and p.language != site.config.language}
    return bundles


def context_providers(bundles: dict[str, Any]) -> dict[str, ContextProvider]:
    def draws(site: Site, page: Page, strings: dict[str, Any]) -> dict[str, Any]:
        from .charts import draws_charts

        if "rounds" not in site.data:
            raise BuildFailed([BuildError(page.display_path, page.lines.get("template", 1),
                                          "template `draws` needs content/data/ee_rounds_123_en.json "
                                          "(IRCC's rounds feed): run `python build.py update-draws`")])
        return {"charts": draws_charts(site.data["rounds"], strings)}

    def calculator(site: Site, page: Page, strings: dict[str, Any]) -> dict[str, Any]:
        from .draws import calculator_summary

        rounds = site.data.get("rounds")
        bundle = bundles["calculator"]
        if page.language != site.config.language:  # the same runtime; the form's words in the page's language
            from .calculator_form import form_context

            bundle = {**bundle, "form": form_context(site.root, page.language),
                      "lists": bundles["lists"][page.language]}
        return {"calculator": bundle, "draws_summary": calculator_summary(rounds, strings) if rounds else None}

    return {"draws": draws, "calculator": calculator}
