"""axe-core in the page under test: WCAG 2.1 A and AA rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Page as AsyncPage
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__.js"


def run_axe(page: Page, extra_tags: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page's current state (and those of ``extra_tags``,
    such as "wcag22aa" for the 24 px target size).

    The site's Content-Security-Policy (script-src 'self') blocks the inline script that
    ``add_script_tag(path=...)`` would insert, so axe is served as a file from the page's own origin,
    and the policy stays on while axe checks the page.
    """
    origin = page.evaluate("location.origin")
    page.route(origin + AXE_PATH, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=origin + AXE_PATH)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", *extra_tags]
    return page.evaluate(_RUN, [tags, None])


async def run_axe_async(page: AsyncPage, extra_tags: tuple[str, ...] = (),
                        rules: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """`run_axe` for Playwright's async API (the every-page check runs its variants side by side); `rules`,
    if given, runs only those of the tags' rules."""
    origin = await page.evaluate("location.origin")
    await page.route(origin + AXE_PATH, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    await page.add_script_tag(url=origin + AXE_PATH)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", *extra_tags]
    return await page.evaluate(_RUN, [tags, None if rules is None else list(rules)])


# The tags' rules, or only `rules` among them (each must be one of them). resultTypes: only violations get their
# full node lists (what is reported); passes are not detailed.
_RUN = """async ([tags, rules]) => {
  const missing = (rules || []).filter(r => !axe.getRules(tags).some(known => known.ruleId === r));
  if (missing.length) throw new Error('not axe rules of these tags: ' + missing.join(', '));
  const only = rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags};
  return (await axe.run(document, {runOnly: only, resultTypes: ['violations']})).violations
    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""
